import { afterEach, describe, expect, it } from 'vitest';
import { resolveModel } from '../models/resolve-model.js';
import type { RolloutRequest } from '../spec/rollout.js';
import {
  faults,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { tinyTask } from '../test-support/tiny-task.js';
import { createManualClock } from './clock.js';
import { Engine } from './engine.js';
import { MemoryCompletionStore } from './ports.js';

/** The engine against a real OpenAI-compatible HTTP server on 127.0.0.1: the client, retries and faults. */
let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const answer = (body: { messages?: ReadonlyArray<{ role: string; content: unknown }> }): string => {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return `Let me think.\nAnswer: ${String(user?.content ?? '').replace('q', 'a')}`;
};

function setup(
  s: OpenAICompatibleServer,
  options: { stream?: boolean; maxRetries?: number; timeoutMs?: number } = {},
) {
  const handle = resolveModel(`openai-compatible:${s.baseURL}#test-model`, { env: {} });
  const store = new MemoryCompletionStore();
  const clock = createManualClock();
  const engine = new Engine({
    taskModel: handle,
    store,
    clock,
    concurrency: 1,
    random: () => 0,
    retry: { maxRetries: options.maxRetries ?? 3, baseDelayMs: 10, maxDelayMs: 100 },
    timeoutMs: options.timeoutMs ?? 2_000,
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  });
  return { engine, store, clock };
}

const requests = (n: number): RolloutRequest[] =>
  tinyTask(n).splits.test.map((example) => ({
    candidateId: 'c0',
    systemPrompt: 'Answer.',
    example,
    sample: 0,
  }));

describe('Engine over HTTP (local OpenAI-compatible server)', () => {
  for (const stream of [false, true]) {
    it(`scores replies and reads usage (stream ${stream ? 'on' : 'off'})`, async () => {
      server = await startOpenAICompatibleServer({ respond: answer });
      const { engine } = setup(server, { stream });
      const rollouts = await engine.evaluate(tinyTask(3), requests(3));
      expect(rollouts.map((r) => r.score)).toEqual([1, 1, 1]);
      expect(rollouts.every((r) => (r.usage.inputTokens ?? 0) > 0 && (r.usage.outputTokens ?? 0) > 0)).toBe(
        true,
      );
      expect(engine.spend().task.calls).toBe(3);
      expect(server.requests).toBe(3);
    });
  }

  it('recovers from 429 (honouring Retry-After), 500, reset, hang and malformed JSON', async () => {
    server = await startOpenAICompatibleServer({
      respond: answer,
      faults: [
        faults.rateLimited(2),
        faults.serverError(500),
        faults.reset(),
        faults.hang(),
        faults.malformed(),
      ],
    });
    const { engine, store, clock } = setup(server, { maxRetries: 5, timeoutMs: 150 });
    const rollouts = await engine.evaluate(tinyTask(2), requests(2));
    expect(rollouts.map((r) => r.score)).toEqual([1, 1]);
    expect(server.requests).toBe(7);
    expect(clock.slept[0]).toBe(2000);
    expect(clock.slept).toHaveLength(5);
    expect(store.shared.size).toBe(2);
  });

  it('returns an example whose calls keep failing as a failed rollout with no score, retried as configured, never cached', async () => {
    server = await startOpenAICompatibleServer({
      respond: answer,
      onRequest: (body) =>
        JSON.stringify(body.messages).includes('q1') ? faults.serverError(503) : undefined,
    });
    const { engine, store } = setup(server, { maxRetries: 2 });
    const rollouts = await engine.evaluate(tinyTask(3), requests(3));
    expect(rollouts.map((r) => r.score)).toEqual([1, undefined, 1]);
    expect(rollouts[1]?.status).toBe('failed');
    expect(rollouts[1]?.status === 'failed' ? rollouts[1].error : '').toMatch(/provider error.*503/);
    expect(server.requests).toBe(2 + 3);
    expect(store.shared.size).toBe(2);
    expect([...store.shared.values()].every((c) => !c.text.includes('a1'))).toBe(true);
    // A later evaluation retries the failed example instead of reusing the failure.
    const again = await engine.evaluate(tinyTask(3), requests(3));
    expect(again.filter((r) => r.source === 'replay')).toHaveLength(2);
  });

  it('fails a hung call after the timeout and its retries, then goes on', async () => {
    server = await startOpenAICompatibleServer({
      respond: answer,
      onRequest: (body) =>
        JSON.stringify(body.messages).includes('q0') ? faults.hang(body.seed !== undefined) : undefined,
    });
    const { engine } = setup(server, { maxRetries: 1, timeoutMs: 100 });
    const rollouts = await engine.evaluate(tinyTask(2), requests(2));
    expect(rollouts[0]?.status === 'failed' ? rollouts[0].error : '').toMatch(/no response after 100 ms/);
    expect(rollouts[1]?.score).toBe(1);
    expect(server.requests).toBe(3);
  });
});
