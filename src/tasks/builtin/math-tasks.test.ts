import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoreResult } from '../../spec/score.js';
import type { Task } from '../../spec/task.js';
import { REPO_ROOT } from '../../test-support/run-cli.js';
import { loadTask } from '../load-task.js';

const DATA = join(REPO_ROOT, '..', 'shared', 'datasets');

function all(task: Task): Example[] {
  return [...task.splits.train, ...task.splits.val, ...task.splits.test];
}

async function scoreAll(task: Task, response: (e: Example) => string): Promise<Example[]> {
  const failed: Example[] = [];
  for (const e of all(task)) {
    const r = (await task.scorer.score(e, response(e))) as ScoreResult;
    if (r.score !== 1) failed.push(e);
  }
  return failed;
}

describe('built-in math tasks on the shared files', () => {
  const cases = [
    { id: 'aime2024', total: 30, splits: [10, 5, 15], firstId: /^2024-I{1,2}-\d+$/ },
    { id: 'aime2025', total: 30, splits: [10, 5, 15], firstId: /^2025-I{1,2}-\d+$/ },
    { id: 'hmmt2025', total: 30, splits: [10, 5, 15], firstId: /^hmmt-feb-2025-\d+$/ },
    { id: 'math500', total: 500, splits: [100, 100, 300], firstId: /^test\/[a-z_]+\/\d+\.json$/ },
  ] as const;

  it.each(cases)('$id: $total problems, default splits, stable ids', ({ id, total, splits, firstId }) => {
    const task = loadTask(id, { dataDir: DATA });
    expect(all(task)).toHaveLength(total);
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual(splits);
    expect(new Set(all(task).map((e) => e.id)).size).toBe(total);
    for (const e of all(task)) expect(e.id).toMatch(firstId);
    expect(task.defaultSystemPrompt).toMatch(/\\boxed\{\}/);
    expect(task.kind).toBe('math');
    // Same seed, same splits; another seed, other splits.
    expect(loadTask(id, { dataDir: DATA }).splits.test.map((e) => e.id)).toEqual(
      task.splits.test.map((e) => e.id),
    );
    expect(loadTask(id, { dataDir: DATA, seed: 1 }).splits.test.map((e) => e.id)).not.toEqual(
      task.splits.test.map((e) => e.id),
    );
  });

  it('gsm8k: 7473 train (val carved out) and 1319 test', () => {
    const task = loadTask('gsm8k', { dataDir: DATA });
    expect(task.splits.train.length + task.splits.val.length).toBe(7473);
    expect(task.splits.val).toHaveLength(200);
    expect(task.splits.test).toHaveLength(1319);
    expect(task.splits.test[0]).toMatchObject({ id: 'test-0', answer: '18' });
    expect(task.splits.val.every((e) => e.id.startsWith('train-'))).toBe(true);
    const sized = loadTask('gsm8k', { dataDir: DATA, taskOptions: { train: 50, val: 20, test: 30 } });
    expect([sized.splits.train.length, sized.splits.val.length, sized.splits.test.length]).toEqual([
      50, 20, 30,
    ]);
  });

  it.each(['aime2024', 'aime2025', 'hmmt2025', 'math500', 'gsm8k'])(
    '%s: every reference scores 1 as \\boxed{answer}, and 0 against another problem',
    async (id) => {
      const task = loadTask(id, { dataDir: DATA });
      expect(await scoreAll(task, (e) => `Reasoning...\nSo the answer is \\boxed{${e.answer}}.`)).toEqual([]);
      const examples = all(task);
      const wrong = examples.slice(0, 40).filter((e, i) => {
        const other = examples[(i + 7) % examples.length];
        if (other === undefined || other.answer === e.answer) return false;
        return (task.scorer.score(e, `\\boxed{${other.answer}}`) as ScoreResult).score === 1;
      });
      // Different references that are truly equal (e.g. "x=5" and "5") are the only allowed matches.
      expect(wrong.map((e) => e.answer).filter((a) => !/^x=5$|^5$/.test(a))).toEqual([]);
    },
  );

  it('split sizes: explicit counts, the rest to test, and too many is a config error', () => {
    const task = loadTask('aime2025', { dataDir: DATA, taskOptions: { train: 20, val: 2 } });
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([20, 2, 8]);
    expect(() =>
      loadTask('hmmt2025', { dataDir: DATA, taskOptions: { train: 25, val: 5, test: 5 } }),
    ).toThrow(ConfigError);
  });

  it('a malformed file names the file, the line and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-math-'));
    mkdirSync(join(dir, 'aime_2025'));
    const file = join(dir, 'aime_2025', 'aime_2025.jsonl');
    writeFileSync(file, '{"problem":"p1","answer":"1","id":"a"}\n{"problem":"p2","id":"b"}\n');
    expect(() => loadTask('aime2025', { dataDir: dir })).toThrow(DataError);
    expect(() => loadTask('aime2025', { dataDir: dir })).toThrow(`${file}:2: field "answer": missing`);
    writeFileSync(file, '{"problem":"p1","answer":"1"}\nnot json\n');
    expect(() => loadTask('aime2025', { dataDir: dir })).toThrow(`${file}:2: invalid JSON`);
    mkdirSync(join(dir, 'gsm8k'));
    writeFileSync(join(dir, 'gsm8k', 'train.jsonl'), '{"question":"q","answer":"no final line"}\n');
    writeFileSync(join(dir, 'gsm8k', 'test.jsonl'), '{"question":"q","answer":"#### 3"}\n');
    expect(() => loadTask('gsm8k', { dataDir: dir })).toThrow(
      /train\.jsonl:1: field "answer": expected a final line/,
    );
  });

  it('a missing dataset says how to provide it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-empty-'));
    expect(() => loadTask('math500', { dataDir: dir })).toThrow(/--data-dir/);
  });
});
