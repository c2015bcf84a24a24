import { afterEach, describe, expect, it } from 'vitest';
import { resolveModel } from '../models/resolve-model.js';
import type { RolloutRequest } from '../spec/rollout.js';
import {
  faults,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { tinyTask } from '../test-support/tiny-task.js';
import { Engine } from './engine.js';
import { MemoryCompletionStore } from './ports.js';

let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Counts the abort listeners attached to `signal` at once (the MaxListenersExceededWarning's measure). */
function watchListeners(signal: AbortSignal): { readonly max: number } {
  let live = 0;
  const state = { max: 0 };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  type Add = AbortSignal['addEventListener'];
  type Remove = AbortSignal['removeEventListener'];
  signal.addEventListener = ((...args: Parameters<Add>) => {
    if (args[0] === 'abort') state.max = Math.max(state.max, ++live);
    add(...args);
  }) as Add;
  signal.removeEventListener = ((...args: Parameters<Remove>) => {
    if (args[0] === 'abort') live--;
    remove(...args);
  }) as Remove;
  return state;
}

describe('Engine over HTTP: cancellation listeners', () => {
  it('keeps the run signal free of per-call abort listeners (no MaxListenersExceededWarning)', async () => {
    server = await startOpenAICompatibleServer({
      respond: () => 'Answer: a',
      delayMs: 5,
      faults: [faults.serverError(500), faults.rateLimited(0), faults.serverError(503)],
    });
    const controller = new AbortController();
    const watched = watchListeners(controller.signal);
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      const engine = new Engine({
        taskModel: resolveModel(`openai-compatible:${server.baseURL}#m`, { env: {} }),
        store: new MemoryCompletionStore(),
        concurrency: 16,
        signal: controller.signal,
        rateLimits: { 'openai-compatible': { rpm: 600_000 } },
        retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
        timeoutMs: 5_000,
      });
      const task = tinyTask(60);
      const requests: RolloutRequest[] = task.splits.test.map((example) => ({
        candidateId: 'c0',
        systemPrompt: 'Answer.',
        example,
        sample: 0,
      }));
      const rollouts = await engine.evaluate(task, requests);
      expect(rollouts).toHaveLength(60);
      // Whatever waits on the run signal (a retry sleep, the rate limiter) removes its listener when done:
      // never one per call in flight.
      expect(watched.max).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
