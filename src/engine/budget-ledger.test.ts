import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError } from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import { tinyTask } from '../test-support/tiny-task.js';
import { BudgetLedger, carriedSpend, sumSpend, ZERO_SPEND } from './budget-ledger.js';
import { Engine } from './engine.js';
import { MemoryCompletionStore } from './ports.js';

/** A resumed run's ledger starts from what earlier processes recorded; replays add nothing paid. */
const earlier: Spend = {
  task: {
    rollouts: 40,
    calls: 30,
    cacheHits: 2,
    replayed: 8,
    failures: 3,
    inputTokens: 300,
    outputTokens: 150,
    usd: 0.3,
    wallMs: 900,
  },
  optimizer: { ...ZERO_SPEND.optimizer, calls: 1, usd: 0.05 },
};

function counted(): { handle: ModelHandle; calls: () => number } {
  let calls = 0;
  const model = new MockLanguageModelV3({
    doGenerate: async () => {
      calls++;
      return {
        content: [{ type: 'text', text: 'Answer: a0' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 5, text: 5, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  return {
    handle: { id: 'mock:m', provider: 'mock', modelId: 'm', model, supportsSeed: true, simulated: false },
    calls: () => calls,
  };
}

const requests = (task: Task) =>
  task.splits.test.map((example) => ({ candidateId: 'c0', systemPrompt: 'S', example, sample: 0 }));

describe('BudgetLedger across processes', () => {
  it('carries what was paid, not the rollouts, replays and failures a resume re-executes', () => {
    const ledger = new BudgetLedger({}, earlier);
    expect(ledger.snapshot()).toEqual(carriedSpend(earlier));
    expect(ledger.snapshot().task).toMatchObject({ calls: 30, inputTokens: 300, usd: 0.3, rollouts: 0 });
    expect(ledger.remainingRollouts()).toBe(Number.POSITIVE_INFINITY);
    ledger.recordCall('task', { inputTokens: 10, outputTokens: 5 }, 0.1, 7);
    expect(ledger.snapshot().task).toMatchObject({ calls: 31, inputTokens: 310, outputTokens: 155 });
    expect(ledger.snapshot().task.usd).toBeCloseTo(0.4);
    expect(ledger.sinceStart().task).toMatchObject({ calls: 1, inputTokens: 10, outputTokens: 5, wallMs: 7 });
    expect(ledger.sinceStart().task.usd).toBeCloseTo(0.1);
  });

  it('keeps an unknown price unknown', () => {
    const unknown: Spend = { ...earlier, task: { ...earlier.task, usd: undefined } };
    const ledger = new BudgetLedger({}, unknown);
    ledger.recordCall('task', { inputTokens: 1, outputTokens: 1 }, 0.1, 1);
    expect(ledger.snapshot().task.usd).toBeUndefined();
    expect(sumSpend(ZERO_SPEND, unknown).task.usd).toBeUndefined();
  });

  it('counts the earlier spend against --max-cost', () => {
    const ledger = new BudgetLedger({ maxCostUsd: 0.36 }, earlier);
    // $0.35 spent over 31 calls: the next call is expected to cross $0.36.
    expect(() => ledger.assertCostAvailable()).toThrow(BudgetExhaustedError);
    expect(() => new BudgetLedger({ maxCostUsd: 0.36 }).assertCostAvailable()).not.toThrow();
  });
});

describe('Engine with an initial spend', () => {
  it('replays cost nothing and change nothing paid; rollouts count once toward --budget', async () => {
    const task = tinyTask(5);
    const store = new MemoryCompletionStore();
    const { handle, calls } = counted();
    const first = new Engine({ taskModel: handle, store, price: () => 0.01 });
    await first.evaluate(task, requests(task));
    const recorded = first.spend();
    expect(calls()).toBe(5);

    const resumed = new Engine({
      taskModel: handle,
      store,
      price: () => 0.01,
      initialSpend: recorded,
      limits: { maxRollouts: 5 },
    });
    await resumed.evaluate(task, requests(task));
    expect(calls()).toBe(5);
    const spend = resumed.spend();
    expect(spend.task).toMatchObject({
      calls: recorded.task.calls,
      inputTokens: recorded.task.inputTokens,
      outputTokens: recorded.task.outputTokens,
      usd: recorded.task.usd,
      rollouts: 5,
      replayed: 5,
    });
    expect(resumed.spendSinceStart().task).toMatchObject({ calls: 0, inputTokens: 0, usd: 0 });
  });

  it('stops before the first call when earlier processes already spent --max-cost', async () => {
    const task = tinyTask(5);
    const { handle, calls } = counted();
    const engine = new Engine({
      taskModel: handle,
      price: () => 0.01,
      initialSpend: earlier,
      limits: { maxCostUsd: 0.35 },
    });
    await expect(engine.evaluate(task, requests(task))).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(calls()).toBe(0);
  });
});
