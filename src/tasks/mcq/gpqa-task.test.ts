import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTask } from '../load-task.js';

// Made-up questions only: GPQA itself is never bundled or copied into tests.
function fixtureCsv(n: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `Q${i},What is ${i} + 1?,${i + 1},${i + 2},${i + 3},${i + 4}`,
  );
  return [
    'Record ID,Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3',
    ...rows,
  ].join('\n');
}

describe('gpqa task', () => {
  it('loads a user-supplied file given by the file option and scores letters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-gpqa-task-'));
    const path = join(dir, 'mine.csv');
    writeFileSync(path, fixtureCsv(10));
    const task = loadTask('gpqa', { dataDir: dir, seed: 2, taskOptions: { file: path } });
    expect(task.kind).toBe('mcq');
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([5, 2, 3]);
    const example = task.splits.test[0];
    if (example === undefined) throw new Error('no example');
    expect(task.toUserMessage(example)).toMatch(/\n\n\(A\) .+\n\(B\) .+\n\(C\) .+\n\(D\) .+$/);
    expect(await task.scorer.score(example, `Thinking...\nAnswer: ${example.answer}`)).toMatchObject({
      score: 1,
      extracted: example.answer,
    });
    const wrong = example.answer === 'A' ? 'B' : 'A';
    const miss = await task.scorer.score(example, `Answer: (${wrong})`);
    expect(miss.score).toBe(0);
    expect(miss.feedback).toMatch(/^Expected \([A-D]\) \d+, answered \([A-D]\) \d+\.$/);
    expect(await task.scorer.score(example, 'No idea.')).toMatchObject({
      score: 0,
      failure: 'unparsable: no option letter',
    });
  });

  it('finds gpqa/gpqa_<subset>.csv in the data dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-gpqa-dir-'));
    mkdirSync(join(dir, 'gpqa'));
    writeFileSync(join(dir, 'gpqa', 'gpqa_main.csv'), fixtureCsv(4));
    expect(loadTask('gpqa', { dataDir: dir, taskOptions: { subset: 'main' } }).splits.train.length).toBe(2);
  });

  it('explains that GPQA is not bundled when no file is found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-gpqa-none-'));
    expect(() => loadTask('gpqa', { dataDir: dir })).toThrow(/GPQA is not bundled.*file=<path/);
    expect(() => loadTask('gpqa', { dataDir: dir, taskOptions: { subset: 'tiny' } })).toThrow(
      /subset: expected one of diamond/,
    );
  });
});
