import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baselineTemplate, EpochBatches, withInstruction } from './baseline-support.js';
import { templates, toyTask } from './test-support/toy-world.js';

describe('baseline support', () => {
  it('batches cover every example once an epoch, without repeats inside a batch, reproducibly', () => {
    const examples = toyTask(32).splits.train; // 16 examples
    const batches = new EpochBatches(examples, 3, 5, 'test');
    const firstEpoch = Array.from({ length: 5 }, (_, i) => batches.batch(i)).flat();
    expect(new Set(firstEpoch.map((e) => e.id)).size).toBe(15);
    for (let i = 0; i < 20; i++) {
      const batch = batches.batch(i);
      expect(batch).toHaveLength(3);
      expect(new Set(batch.map((e) => e.id)).size).toBe(3);
    }
    expect(new EpochBatches(examples, 3, 5, 'test').batch(7)).toEqual(batches.batch(7));
    expect(new EpochBatches(examples.slice(0, 2), 3, 5, 'test').batch(4)).toHaveLength(2);
  });

  it('every baseline template file has a version header, which is never sent to a model', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
    for (const name of Object.keys(templates).filter((n) =>
      /^(textgrad|metaspo|gepa|opro|random)-/.test(n),
    )) {
      expect(readFileSync(join(dir, `${name}.txt`), 'utf8')).toMatch(/^# [\w-]+ v\d+ — /);
      expect(baselineTemplate(templates, name)).not.toMatch(/^#/);
    }
    expect(() => baselineTemplate(templates, 'nope')).toThrow(/missing prompt template/);
  });

  it('puts a user-prompt instruction before the task user message', () => {
    const task = toyTask(8);
    const example = task.splits.train[0];
    if (example === undefined) throw new Error('no example');
    expect(withInstruction(task, 'Be careful.').toUserMessage(example)).toBe('Be careful.\n\nitem 0');
    expect(withInstruction(task, '  ').toUserMessage(example)).toBe('item 0');
  });
});
