import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  NoContentGeneratedError,
  NoOutputGeneratedError,
  RetryError,
  TypeValidationError,
} from 'ai';
import { SepoError } from '../errors.js';
import { redactUrlCredentials } from './redact-credentials.js';

/**
 * Why a model call failed:
 * - `rate-limit` HTTP 429; `server` 5xx or 409; `network` connection refused/reset/cut mid-response;
 * - `timeout` the call's own deadline (timeoutMs) passed, or HTTP 408;
 * - `malformed` a 2xx response that could not be parsed (bad JSON, wrong shape, broken stream);
 * - `client` any other 4xx (bad request, bad key, no such model) or an unrecognised error;
 * - `aborted` the caller's AbortSignal fired.
 */
export type ModelCallErrorKind =
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'client'
  | 'aborted';

const RETRYABLE_KINDS: ReadonlySet<ModelCallErrorKind> = new Set([
  'rate-limit',
  'server',
  'network',
  'timeout',
  'malformed',
]);

export function isRetryableKind(kind: ModelCallErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

export interface ModelCallErrorInit {
  readonly kind: ModelCallErrorKind;
  /** One line; newlines are collapsed and long text is cut. */
  readonly message: string;
  /** Defaults to whether `kind` is transient (everything but `client` and `aborted`). */
  readonly retryable?: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

const MAX_MESSAGE_LENGTH = 300;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

/**
 * A failed model call, classified so the engine can decide to retry (`retryable`), how long to wait
 * (`retryAfterMs`, from the server's Retry-After / retry-after-ms header when it sent one) and what
 * to record. The original error is kept as `cause`.
 */
export class ModelCallError extends SepoError {
  readonly kind: ModelCallErrorKind;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ModelCallErrorInit) {
    // Provider errors may quote the request URL: its credentials never reach a message or the store.
    super(oneLine(redactUrlCredentials(init.message)), 1);
    this.kind = init.kind;
    this.retryable = init.retryable ?? isRetryableKind(init.kind);
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    if (init.cause !== undefined) this.cause = init.cause;
  }

  /** Classifies anything a model call threw (see `classifyModelError`); ModelCallErrors pass through. */
  static from(error: unknown, context: FailedCallContext = {}): ModelCallError {
    return classifyModelError(error, context);
  }
}

export function isModelCallError(error: unknown): error is ModelCallError {
  return error instanceof ModelCallError;
}

/**
 * The wait a server asked for, in milliseconds, from response headers (names case-insensitive):
 * `retry-after-ms` (milliseconds) wins over `retry-after` (delta-seconds or an HTTP-date, relative to
 * `now`). Negative waits become 0; absent or unparseable headers give undefined.
 */
export function parseRetryAfter(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers === undefined) return undefined;
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) lower.set(name.toLowerCase(), value.trim());
  }
  const ms = lower.get('retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Math.max(0, Number(ms));
  const after = lower.get('retry-after');
  if (after === undefined || after === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What the caller knows about the call that failed. */
export interface FailedCallContext {
  /** Canonical model id, the prefix of every message when given. */
  readonly modelId?: string;
  /** The caller's signal: if it fired, the failure is `aborted` whatever the error says. */
  readonly callerSignal?: AbortSignal;
  /** The call's own deadline: if it fired (and the caller's did not), the failure is `timeout`. */
  readonly timeoutSignal?: AbortSignal;
  readonly timeoutMs?: number;
  /** For HTTP-date Retry-After headers; defaults to Date.now(). */
  readonly now?: number;
}

/** Socket-level error codes (Node, undici, Bun) that mean the connection failed or was cut. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);

/** The first error code in the cause chain that marks a network failure, if any. */
function networkCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code: unknown = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (
      current instanceof TypeError &&
      /^(fetch failed|failed to fetch|terminated)$/i.test(current.message)
    ) {
      return current.message;
    }
    current = current.cause;
  }
  return undefined;
}

function isMalformedResponse(error: unknown): boolean {
  return (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    NoOutputGeneratedError.isInstance(error)
  );
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)
    ? error.name
    : undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message)
        ? ` (${error.cause.message})`
        : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

function classifyStatus(status: number): ModelCallError['kind'] {
  if (status === 429) return 'rate-limit';
  if (status === 408) return 'timeout';
  if (status === 409 || status >= 500) return 'server';
  return 'client';
}

/**
 * Maps anything a model call threw to a ModelCallError. Order matters: the caller's abort wins, then
 * the call's own timeout, then the HTTP status, then parse failures, then socket failures. Already
 * classified errors pass through unchanged. Anything unrecognised is `client` (not retryable), so an
 * unknown bug never turns into a retry storm.
 */
export function classifyModelError(error: unknown, context: FailedCallContext): ModelCallError {
  if (error instanceof ModelCallError) return error;
  const modelId = context.modelId ?? 'model call';
  if (context.callerSignal?.aborted === true) {
    return new ModelCallError({
      kind: 'aborted',
      message: `${modelId}: call aborted by the caller`,
      cause: error,
    });
  }
  if (context.timeoutSignal?.aborted === true) {
    const after = context.timeoutMs === undefined ? '' : ` after ${context.timeoutMs} ms`;
    return new ModelCallError({ kind: 'timeout', message: `${modelId}: no response${after}`, cause: error });
  }
  const inner = RetryError.isInstance(error) ? error.lastError : error;

  if (APICallError.isInstance(inner)) {
    const status = inner.statusCode;
    if (status !== undefined && (status < 200 || status >= 300)) {
      const kind = classifyStatus(status);
      const retryAfterMs = parseRetryAfter(inner.responseHeaders, context.now);
      const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
      return new ModelCallError({
        kind,
        status,
        retryAfterMs,
        message: `${modelId}: HTTP ${status}${wait}: ${inner.message}`,
        cause: error,
      });
    }
    const code = networkCode(inner);
    if (code !== undefined || status === undefined) {
      return new ModelCallError({
        kind: 'network',
        message: `${modelId}: network error${code === undefined ? '' : ` ${code}`}: ${describe(inner)}`,
        cause: error,
      });
    }
    return new ModelCallError({
      kind: 'malformed',
      status,
      message: `${modelId}: malformed response: ${describe(inner)}`,
      cause: error,
    });
  }
  if (isMalformedResponse(inner)) {
    return new ModelCallError({
      kind: 'malformed',
      message: `${modelId}: malformed response: ${describe(inner)}`,
      cause: error,
    });
  }
  const code = networkCode(inner);
  if (code !== undefined) {
    return new ModelCallError({
      kind: 'network',
      message: `${modelId}: network error ${code}: ${describe(inner)}`,
      cause: error,
    });
  }
  const name = errorName(inner);
  if (name === 'TimeoutError') {
    return new ModelCallError({ kind: 'timeout', message: `${modelId}: ${describe(inner)}`, cause: error });
  }
  if (name === 'AbortError') {
    return new ModelCallError({ kind: 'aborted', message: `${modelId}: call aborted`, cause: error });
  }
  return new ModelCallError({ kind: 'client', message: `${modelId}: ${describe(inner)}`, cause: error });
}
