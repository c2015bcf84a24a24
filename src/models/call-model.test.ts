import { afterEach, describe, expect, it } from 'vitest';
import {
  faults,
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { callModel, ModelCallError } from './call-model.js';
import type { ModelHandle } from './model-handle.js';
import { resolveModel } from './resolve-model.js';

let server: OpenAICompatibleServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: OpenAICompatibleServerOptions = {}): Promise<ModelHandle> {
  server = await startOpenAICompatibleServer(options);
  return resolveModel(`openai-compatible:${server.baseURL}#test-model`, { env: {} });
}

async function failure(promise: Promise<unknown>): Promise<ModelCallError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ModelCallError);
    return error as ModelCallError;
  }
  throw new Error('expected the call to fail');
}

const request = { system: 'You are terse.', prompt: 'say hello world' };

describe.each([false, true])('callModel against a real server (stream=%s)', (stream) => {
  it('returns the reply, the usage and the finish reason', async () => {
    const handle = await setup({ respond: () => 'Hello there, world.' });
    const result = await callModel(handle, { ...request, stream });
    expect(result).toEqual({
      text: 'Hello there, world.',
      usage: { inputTokens: 6, outputTokens: 3 },
      finishReason: 'stop',
    });
    expect(server?.requests).toBe(1);
  });

  it('sends the sampling settings and the seed', async () => {
    const handle = await setup();
    await callModel(handle, {
      ...request,
      stream,
      sampling: { temperature: 0.7, topP: 0.9, maxOutputTokens: 64, seed: 1 },
      seed: 42,
    });
    const body = server?.bodies[0];
    expect(body).toMatchObject({
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 64,
      seed: 42,
      model: 'test-model',
    });
    expect(body?.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'say hello world' },
    ]);
  });

  it('classifies 429 as a retryable rate limit with the Retry-After wait', async () => {
    const handle = await setup({ faults: [faults.rateLimited(3)] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'rate-limit', retryable: true, status: 429, retryAfterMs: 3000 });
    expect(error.message).toContain('429');
    expect(server?.requests).toBe(1);
  });

  it('classifies 500 as a retryable server error', async () => {
    const handle = await setup({ faults: [faults.serverError()] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'server', retryable: true, status: 500 });
  });

  it('classifies 401 as a client error that is not retryable', async () => {
    const handle = await setup({ faults: [faults.unauthorized()] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'client', retryable: false, status: 401 });
    expect(error.message).toContain('Incorrect API key');
  });

  it('classifies a connection reset as a retryable network error', async () => {
    const handle = await setup({ faults: [faults.reset()] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'network', retryable: true, status: undefined });
  });

  it('classifies a connection cut mid-response as a retryable network error', async () => {
    const handle = await setup({ faults: [faults.reset(true)] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });

  it('classifies a malformed body as a retryable malformed response', async () => {
    const handle = await setup({ faults: [faults.malformed()] });
    const error = await failure(callModel(handle, { ...request, stream }));
    expect(error).toMatchObject({ kind: 'malformed', retryable: true });
  });

  it('times out a hanging server after timeoutMs', async () => {
    const handle = await setup({ faults: [faults.hang()] });
    const error = await failure(callModel(handle, { ...request, stream, timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toContain('100 ms');
  });

  it('times out a response that stalls after its first bytes', async () => {
    const handle = await setup({ faults: [faults.hang(true)] });
    const error = await failure(callModel(handle, { ...request, stream, timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('reports a caller abort during a stalled response as aborted', async () => {
    const handle = await setup({ faults: [faults.hang(true)] });
    const controller = new AbortController();
    const pending = callModel(handle, { ...request, stream, signal: controller.signal, timeoutMs: 10_000 });
    await waitFor(() => server?.requests === 1);
    setTimeout(() => controller.abort(), 20);
    const error = await failure(pending);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('reports a caller abort as aborted, not retryable', async () => {
    const handle = await setup({ faults: [faults.hang()] });
    const controller = new AbortController();
    const pending = callModel(handle, { ...request, stream, signal: controller.signal, timeoutMs: 10_000 });
    await waitFor(() => server?.requests === 1);
    controller.abort();
    const error = await failure(pending);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
  });

  it('answers normally once the fault queue is used up', async () => {
    const handle = await setup({ faults: [faults.serverError()] });
    await failure(callModel(handle, { ...request, stream }));
    const result = await callModel(handle, { ...request, stream });
    expect(result.text).toBe('echo: say hello world');
    expect(server?.requests).toBe(2);
  });
});

describe('callModel without a server', () => {
  it('rejects at once with aborted when the signal already fired', async () => {
    const handle = await setup();
    const error = await failure(callModel(handle, { ...request, signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    expect(server?.requests).toBe(0);
  });

  it('classifies connection refused as a retryable network error', async () => {
    const handle = await setup();
    await server?.close();
    const error = await failure(callModel(handle, request));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
  });
});

/** Polls a condition on the event loop (no fixed sleeps). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
