import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { dataDirContext } from '../task-registry.js';
import { loadMbppTask } from './mbpp.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

describe('mbpp task', () => {
  it('uses MBPP’s own split by task id for the sanitized set (default)', () => {
    const task = loadMbppTask(dataDirContext(DATA_DIR, 0));
    expect(task.kind).toBe('code');
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([
      120, 43, 257,
    ]);
    const ids = (split: readonly { id: string }[]): number[] =>
      split.map((e) => Number(e.id.slice('mbpp-'.length)));
    expect(ids(task.splits.train).every((id) => id >= 601 && id <= 974)).toBe(true);
    expect(ids(task.splits.val).every((id) => id >= 511 && id <= 600)).toBe(true);
    expect(ids(task.splits.test).every((id) => id >= 11 && id <= 510)).toBe(true);
    const first = task.splits.test[0];
    if (first === undefined) throw new Error('no test examples');
    const message = task.toUserMessage(first);
    expect(message).toContain('Your code should pass these tests:');
    expect(message).toContain('assert ');
    expect(task.defaultSystemPrompt).toContain('```python');
  });

  it('loads the full set with the variant option, showing setup code the tests need', () => {
    const task = loadMbppTask(dataDirContext(DATA_DIR, 0, { variant: 'full' }));
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([
      374, 90, 500,
    ]);
    const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
    const withSetup = all.find((e) => e.input.includes('The tests run after this setup code:'));
    expect(withSetup?.input).toContain('root = Node(1)');
  });

  it('rejects unknown options values', () => {
    expect(() => loadMbppTask(dataDirContext(DATA_DIR, 0, { variant: 'tiny' }))).toThrow(ConfigError);
    expect(() => loadMbppTask(dataDirContext(DATA_DIR, 0, { isolation: 'docker' }))).toThrow(ConfigError);
  });

  it('scores a correct and a wrong answer end to end', async () => {
    const task = loadMbppTask(dataDirContext(DATA_DIR, 0, { timeoutMs: 5000 }));
    const example = task.splits.train[0];
    if (example === undefined) throw new Error('no train examples');
    const reference = String(example.meta?.reference);
    expect((await task.scorer.score(example, `\`\`\`python\n${reference}\n\`\`\``)).score).toBe(1);
    expect((await task.scorer.score(example, '```python\npass\n```')).score).toBe(0);
  });
});
