import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError, CancelledError, ProviderUnavailableError } from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import type { RolloutRequest } from '../spec/rollout.js';
import type { Task } from '../spec/task.js';
import { tinyTask } from '../test-support/tiny-task.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { createManualClock } from './clock.js';
import { Engine } from './engine.js';
import { MemoryCompletionStore } from './ports.js';

function reply(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    },
    warnings: [],
  };
}

function userText(options: LanguageModelV3CallOptions): string {
  const user = options.prompt.find((m) => m.role === 'user');
  if (user === undefined || user.role !== 'user') return '';
  return user.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** A mock model answering "Answer: a<i>" to "q<i>", with a hook to fail or delay particular calls. */
function mockHandle(hook?: (options: LanguageModelV3CallOptions, call: number) => Promise<void> | void): {
  handle: ModelHandle;
  calls: () => number;
} {
  let calls = 0;
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      const call = calls++;
      await hook?.(options, call);
      return reply(`Thinking.\nAnswer: ${userText(options).replace('q', 'a')}`);
    },
  });
  return {
    handle: { id: 'mock:m', provider: 'mock', modelId: 'm', model, supportsSeed: true, simulated: false },
    calls: () => calls,
  };
}

const requestsFor = (task: Task, prompt = 'Answer.'): RolloutRequest[] =>
  task.splits.test.map((example) => ({ candidateId: 'c0', systemPrompt: prompt, example, sample: 0 }));

describe('Engine', () => {
  it('returns scored rollouts in request order and counts spend', async () => {
    const task = tinyTask(5);
    const { handle } = mockHandle();
    const engine = new Engine({ taskModel: handle, clock: createManualClock() });
    const rollouts = await engine.evaluate(task, requestsFor(task));
    expect(rollouts.map((r) => r.exampleId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(rollouts.every((r) => r.score === 1 && r.source === 'call')).toBe(true);
    const spend = engine.spend().task;
    expect(spend).toMatchObject({ rollouts: 5, calls: 5, inputTokens: 50, outputTokens: 25 });
    expect(spend.usd).toBeUndefined();
  });

  it('answers a repeated evaluation from the cache with no model call and no tokens', async () => {
    const task = tinyTask(4);
    const { handle, calls } = mockHandle();
    const store = new MemoryCompletionStore();
    await new Engine({ taskModel: handle, store }).evaluate(task, requestsFor(task));
    expect(calls()).toBe(4);
    // A new run shares only the cache: its own run log is empty.
    const shared = new MemoryCompletionStore();
    for (const [k, v] of store.shared) shared.putShared(k, v);
    const second = new Engine({ taskModel: handle, store: shared });
    const rollouts = await second.evaluate(task, requestsFor(task));
    expect(calls()).toBe(4);
    expect(rollouts.every((r) => r.source === 'cache' && r.score === 1)).toBe(true);
    expect(second.spend().task).toMatchObject({ calls: 0, cacheHits: 4, inputTokens: 0 });
  });

  it('distinguishes sample indices in the cache key', async () => {
    const task = tinyTask(1);
    const { handle, calls } = mockHandle();
    const engine = new Engine({ taskModel: handle });
    const example = task.splits.test[0]!;
    await engine.evaluate(
      task,
      [0, 1, 2].map((sample) => ({ candidateId: 'c', systemPrompt: 'p', example, sample })),
    );
    expect(calls()).toBe(3);
  });

  it('retries a 429, honouring Retry-After, and never caches the error', async () => {
    const task = tinyTask(1);
    const { handle, calls } = mockHandle((_, call) => {
      if (call === 0) {
        throw new APICallError({
          message: 'rate limited',
          url: 'http://x',
          requestBodyValues: {},
          statusCode: 429,
          responseHeaders: { 'retry-after': '7' },
          isRetryable: true,
        });
      }
    });
    const clock = createManualClock();
    const store = new MemoryCompletionStore();
    const engine = new Engine({ taskModel: handle, clock, store, random: () => 0.5 });
    const [rollout] = await engine.evaluate(task, requestsFor(task));
    expect(rollout?.score).toBe(1);
    expect(calls()).toBe(2);
    expect(clock.slept).toEqual([7000]);
    expect(store.shared.size).toBe(1);
  });

  it('records a call that keeps failing as a score-0 rollout with the reason, uncached', async () => {
    const task = tinyTask(3);
    const { handle } = mockHandle((options) => {
      if (userText(options) === 'q1') {
        throw new APICallError({
          message: 'boom',
          url: 'http://x',
          requestBodyValues: {},
          statusCode: 500,
          isRetryable: true,
        });
      }
    });
    const store = new MemoryCompletionStore();
    const engine = new Engine({
      taskModel: handle,
      clock: createManualClock(),
      store,
      retry: { maxRetries: 2 },
    });
    const rollouts = await engine.evaluate(task, requestsFor(task));
    expect(rollouts.map((r) => r.score)).toEqual([1, undefined, 1]);
    expect(rollouts[1]?.status === 'failed' ? rollouts[1].error : '').toMatch(/provider error/);
    expect(engine.spend().task.failures).toBe(1);
    expect(store.shared.size).toBe(2);
    expect(store.run.size).toBe(2);
  });

  it('does not retry a client error', async () => {
    const task = tinyTask(1);
    const { handle, calls } = mockHandle(() => {
      throw new APICallError({
        message: 'bad key',
        url: 'http://x',
        requestBodyValues: {},
        statusCode: 401,
        isRetryable: false,
      });
    });
    const engine = new Engine({ taskModel: handle, clock: createManualClock() });
    const [rollout] = await engine.evaluate(task, requestsFor(task));
    expect(rollout?.status).toBe('failed');
    expect(calls()).toBe(1);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const task = tinyTask(20);
    let inFlight = 0;
    let peak = 0;
    const { handle } = mockHandle(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    });
    await new Engine({ taskModel: handle, concurrency: 3 }).evaluate(task, requestsFor(task));
    expect(peak).toBe(3);
  });

  it('refuses a batch that would cross the rollout budget, before any call', async () => {
    const task = tinyTask(5);
    const { handle, calls } = mockHandle();
    const engine = new Engine({ taskModel: handle, limits: { maxRollouts: 7 } });
    await engine.evaluate(task, requestsFor(task));
    await expect(engine.evaluate(task, requestsFor(task, 'other'))).rejects.toBeInstanceOf(
      BudgetExhaustedError,
    );
    expect(calls()).toBe(5);
    expect(engine.remainingRollouts()).toBe(2);
  });

  it('stops before the cost limit is crossed', async () => {
    const task = tinyTask(10);
    const { handle, calls } = mockHandle();
    const engine = new Engine({
      taskModel: handle,
      concurrency: 1,
      limits: { maxCostUsd: 0.35 },
      price: () => 0.1,
    });
    await expect(engine.evaluate(task, requestsFor(task))).rejects.toBeInstanceOf(BudgetExhaustedError);
    expect(calls()).toBe(3);
    expect(engine.spend().task.usd).toBeCloseTo(0.3);
  });

  it('turns a throwing scorer into a score-0 rollout', async () => {
    const base = tinyTask(2);
    const task: Task = {
      ...base,
      scorer: {
        name: 'broken',
        score: () => {
          throw new Error('bad scorer');
        },
      },
    };
    const { handle } = mockHandle();
    const rollouts = await new Engine({ taskModel: handle }).evaluate(task, requestsFor(task));
    expect(rollouts.every((r) => r.score === 0 && r.failure === 'scorer error: bad scorer')).toBe(true);
  });

  it('cancels on abort: no new calls, CancelledError, finished work kept in the run log', async () => {
    const task = tinyTask(10);
    const controller = new AbortController();
    const { handle, calls } = mockHandle((_, call) => {
      if (call === 2) controller.abort();
    });
    const store = new MemoryCompletionStore();
    const engine = new Engine({ taskModel: handle, concurrency: 1, signal: controller.signal, store });
    await expect(engine.evaluate(task, requestsFor(task))).rejects.toBeInstanceOf(CancelledError);
    expect(calls()).toBe(3);
    expect(store.run.size).toBeGreaterThanOrEqual(2);
  });

  it("replays this run's own completions on resume even with the shared cache off", async () => {
    const task = tinyTask(4);
    const { handle, calls } = mockHandle();
    const store = new MemoryCompletionStore();
    await new Engine({ taskModel: handle, store, useSharedCache: false }).evaluate(task, requestsFor(task));
    const resumed = new Engine({ taskModel: handle, store, useSharedCache: false });
    const rollouts = await resumed.evaluate(task, requestsFor(task));
    expect(calls()).toBe(4);
    expect(rollouts.every((r) => r.source === 'replay')).toBe(true);
    expect(resumed.spend().task.rollouts).toBe(4);
  });

  it('runs optimizer-role completions on the optimizer line', async () => {
    const { handle } = mockHandle();
    const engine = new Engine({ taskModel: handle });
    const completion = await engine.complete({ system: 'agent', prompt: 'q9' });
    expect(completion.text).toContain('a9');
    expect(engine.spend().optimizer.calls).toBe(1);
    expect(engine.spend().task.calls).toBe(0);
  });
});

describe('Engine with a circuit breaker', () => {
  it('stops the batch with ProviderUnavailableError instead of returning a run of failures', async () => {
    const task = tinyTask(40);
    const { handle, calls } = mockHandle(() => {
      throw new APICallError({
        message: 'connect ECONNREFUSED 127.0.0.1:1',
        url: 'http://127.0.0.1:1',
        requestBodyValues: {},
        isRetryable: true,
      });
    });
    const engine = new Engine({
      taskModel: handle,
      clock: createManualClock(),
      concurrency: 2,
      retry: { maxRetries: 1 },
      breaker: new CircuitBreaker({ consecutiveFailures: 5 }),
    });
    await expect(engine.evaluate(task, requestsFor(task))).rejects.toThrow(
      /is failing \(5 failed calls in a row\)/,
    );
    // Stopped within a few attempts: not 40 examples × 2 attempts.
    expect(calls()).toBeLessThanOrEqual(6);
    // Nothing is counted as an answer, and the next batch refuses at once.
    await expect(engine.evaluate(task, requestsFor(task))).rejects.toThrow(ProviderUnavailableError);
    expect(calls()).toBeLessThanOrEqual(6);
  });
});
