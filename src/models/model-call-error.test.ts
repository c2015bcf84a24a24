import { APICallError, JSONParseError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { classifyModelError, ModelCallError, parseRetryAfter } from './model-call-error.js';

const context = { modelId: 'openai:gpt-4o' };

function apiError(statusCode: number | undefined, responseHeaders?: Record<string, string>, cause?: unknown) {
  return new APICallError({
    message: `status ${statusCode}`,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders,
    cause,
  });
}

describe('classifyModelError by HTTP status', () => {
  it.each([
    [429, 'rate-limit', true],
    [408, 'timeout', true],
    [409, 'server', true],
    [500, 'server', true],
    [502, 'server', true],
    [503, 'server', true],
    [400, 'client', false],
    [401, 'client', false],
    [403, 'client', false],
    [404, 'client', false],
  ] as const)('%i is %s (retryable: %s)', (status, kind, retryable) => {
    const error = classifyModelError(apiError(status), context);
    expect(error).toMatchObject({ kind, retryable, status });
    expect(error.message).toMatch(new RegExp(`^openai:gpt-4o: HTTP ${status}`));
  });

  it('unwraps a RetryError to its last error', () => {
    const wrapped = new RetryError({
      message: 'failed',
      reason: 'maxRetriesExceeded',
      errors: [apiError(503)],
    });
    expect(classifyModelError(wrapped, context)).toMatchObject({ kind: 'server', status: 503 });
  });

  it('reads retry-after-ms before retry-after', () => {
    const error = classifyModelError(apiError(429, { 'retry-after-ms': '250', 'retry-after': '9' }), context);
    expect(error.retryAfterMs).toBe(250);
  });
});

describe('classifyModelError without a status', () => {
  it('a 2xx whose body did not parse is malformed', () => {
    const cause = new JSONParseError({ text: '{', cause: new SyntaxError('bad') });
    expect(classifyModelError(apiError(200, {}, cause), context)).toMatchObject({
      kind: 'malformed',
      retryable: true,
    });
    expect(classifyModelError(cause, context)).toMatchObject({ kind: 'malformed', retryable: true });
  });

  it('a socket error code anywhere in the cause chain is a network error', () => {
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const error = new TypeError('terminated', { cause: socket });
    expect(classifyModelError(error, context)).toMatchObject({ kind: 'network', retryable: true });
  });

  it('the caller abort wins over everything, then the timeout', () => {
    const caller = AbortSignal.abort();
    const timeout = AbortSignal.abort(new DOMException('t', 'TimeoutError'));
    expect(
      classifyModelError(apiError(500), { ...context, callerSignal: caller, timeoutSignal: timeout }),
    ).toMatchObject({
      kind: 'aborted',
      retryable: false,
    });
    const timedOut = classifyModelError(new DOMException('t', 'TimeoutError'), {
      ...context,
      callerSignal: new AbortController().signal,
      timeoutSignal: timeout,
      timeoutMs: 50,
    });
    expect(timedOut).toMatchObject({ kind: 'timeout', retryable: true });
    expect(timedOut.message).toBe('openai:gpt-4o: no response after 50 ms');
  });

  it('an unrecognised error is a non-retryable client error on one line', () => {
    const error = classifyModelError(new Error('boom\nsecond line'), context);
    expect(error).toMatchObject({
      kind: 'client',
      retryable: false,
      message: 'openai:gpt-4o: boom second line',
    });
  });

  it('passes ModelCallErrors through', () => {
    const original = new ModelCallError({ kind: 'server', message: 'x' });
    expect(classifyModelError(original, context)).toBe(original);
    expect(ModelCallError.from(original)).toBe(original);
  });

  it('ModelCallError.from classifies without a model id', () => {
    expect(ModelCallError.from(apiError(503))).toMatchObject({
      kind: 'server',
      message: 'model call: HTTP 503: status 503',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'Retry-After': '0.5' }, 500],
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(parseRetryAfter(headers, now)).toBe(expected);
  });
});
