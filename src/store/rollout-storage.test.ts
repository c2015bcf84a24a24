import { join } from 'node:path';
import { MockLanguageModelV3 } from 'ai/test';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { SepoError } from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import type { Scorer } from '../spec/score.js';
import type { Task } from '../spec/task.js';
import { tinyTask } from '../test-support/tiny-task.js';
import { INSERT_ROLLOUT_SQL } from './rollout-rows.js';
import { RunStore } from './run-store.js';
import { makeRollout, rolloutMeta, tempDir } from './test-support/fixtures.js';

/** Every rollout the engine scores reaches the store, or the run fails loudly: nothing vanishes. */
let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
beforeEach(() => {
  tmp = tempDir();
  store = RunStore.open(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

const model: ModelHandle = {
  id: 'mock:m',
  provider: 'mock',
  modelId: 'm',
  model: new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'Answer: a1' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 5, text: 5, reasoning: undefined },
      },
      warnings: [],
    }),
  }),
  supportsSeed: true,
  simulated: false,
};

/** A scorer as user code may write it: the verdict is whatever the function returns. */
function taskWith(name: string, verdict: () => unknown): Task {
  const scorer = { name, score: verdict } as unknown as Scorer;
  return { ...tinyTask(6), scorer };
}

async function evaluate(task: Task): Promise<string> {
  const run = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
  const engine = new Engine({ taskModel: model, sink: store.rolloutSink(run.id) });
  await engine.evaluate(
    task,
    task.splits.test.map((example) => ({ candidateId: 'c0', systemPrompt: 'S', example, sample: 0 })),
  );
  return run.id;
}

describe('rollout storage', () => {
  it('stores every rollout of a custom scorer that returns no feedback (feedback "")', async () => {
    const id = await evaluate(taskWith('no-feedback', () => ({ score: 1 })));
    expect(store.countRollouts(id)).toBe(6);
    expect([...store.rollouts(id)].every((r) => r.feedback === '' && r.score === 1)).toBe(true);
  });

  it('takes a null extracted as absent', async () => {
    const id = await evaluate(taskWith('nulls', () => ({ score: 0.5, feedback: 'ok', extracted: null })));
    expect([...store.rollouts(id)].every((r) => r.extracted === undefined)).toBe(true);
  });

  it('fails the run, naming the scorer, on a non-numeric score', async () => {
    const failure = evaluate(taskWith('stringly', () => ({ score: '1', feedback: 'x' })));
    await expect(failure).rejects.toBeInstanceOf(SepoError);
    await expect(failure).rejects.toThrow(/scorer "stringly" of task tiny returned score "1" \(a string\)/);
  });

  it('fails the run, naming the scorer, on a missing score or a non-string extracted', async () => {
    await expect(evaluate(taskWith('empty', () => ({})))).rejects.toThrow(/scorer "empty" .* no score/);
    await expect(evaluate(taskWith('undef', () => undefined))).rejects.toThrow(
      /scorer "undef" .* returned nothing/,
    );
    await expect(evaluate(taskWith('num', () => ({ score: 1, extracted: 42 })))).rejects.toThrow(
      /scorer "num" .* extracted 42 \(not a string\)/,
    );
  });

  it('refuses a rollout the table would reject at the sink, instead of skipping it', () => {
    const run = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    const sink = store.rolloutSink(run.id);
    const noFeedback = { ...makeRollout(0), feedback: undefined } as unknown as ReturnType<
      typeof makeRollout
    >;
    expect(() => sink.record(noFeedback, rolloutMeta(0))).toThrow(/feedback must be a string/);
  });

  it('lets only the duplicate-rollout conflict pass silently; a NOT NULL failure throws', () => {
    const run = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    store.close();
    const db = new Database(join(tmp.dir, RunStore.FILE_NAME));
    try {
      const insert = db.prepare(INSERT_ROLLOUT_SQL);
      const row = (feedback: string | null): unknown[] => [
        run.id,
        'c0',
        'h',
        'e0',
        0,
        'response',
        1,
        feedback,
        null,
        null,
        1,
        1,
        1,
        'call',
        'k',
        'now',
      ];
      expect(insert.run(...row('first')).changes).toBe(1);
      expect(insert.run(...row('again')).changes).toBe(0);
      expect(() => insert.run(...row(null).map((v, i) => (i === 3 ? 'e1' : v)))).toThrow(/NOT NULL/);
    } finally {
      db.close();
      store = RunStore.open(tmp.dir);
    }
  });
});
