import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (random port) for tests: `POST /v1/chat/completions`
 * with JSON or SSE streaming replies, token usage, and scriptable faults. Deterministic: replies and
 * token counts are pure functions of the request; the only waiting is the optional `delayMs`.
 */

export interface ChatMessage {
  readonly role: string;
  readonly content: unknown;
}

/** The parts of a chat completions request body the server reads; everything else is kept as sent. */
export interface ChatCompletionRequest {
  readonly model?: string;
  readonly messages?: readonly ChatMessage[];
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly temperature?: number;
  readonly top_p?: number;
  readonly max_tokens?: number;
  readonly seed?: number;
  readonly [key: string]: unknown;
}

/**
 * What to do instead of a normal reply:
 * - `status`: answer with that HTTP status, an OpenAI-style error body, and extra headers
 *   (e.g. `{status: 429, headers: {'retry-after': '2'}}`);
 * - `reset`: destroy the socket; with `partial`, first send the response head and part of the body;
 * - `hang`: never answer (until the client goes away or the server closes); with `partial`, first send
 *   the response head and part of the body, then stall;
 * - `malformed`: 200 with a body that is not valid JSON (for streams: a `data:` line that is not JSON).
 */
export type ServerFault =
  | {
      readonly type: 'status';
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly message?: string;
    }
  | { readonly type: 'reset'; readonly partial?: boolean }
  | { readonly type: 'hang'; readonly partial?: boolean }
  | { readonly type: 'malformed' };

/** Shorthands for the common faults. */
export const faults = {
  rateLimited: (retryAfter: string | number = 1): ServerFault => ({
    type: 'status',
    status: 429,
    headers: { 'retry-after': String(retryAfter) },
    message: 'Rate limit reached',
  }),
  serverError: (status = 500): ServerFault => ({ type: 'status', status, message: 'Internal server error' }),
  unauthorized: (): ServerFault => ({ type: 'status', status: 401, message: 'Incorrect API key provided' }),
  reset: (partial = false): ServerFault => ({ type: 'reset', partial }),
  hang: (partial = false): ServerFault => ({ type: 'hang', partial }),
  malformed: (): ServerFault => ({ type: 'malformed' }),
} as const;

export interface OpenAICompatibleServerOptions {
  /** Reply text for a request. Default: `echo: <last user message>`. */
  readonly respond?: (body: ChatCompletionRequest) => string;
  /** Wait this long before answering every request (faults included). Default 0. */
  readonly delayMs?: number;
  /** Faults for the first requests, consumed one per request in order; later requests are answered normally. */
  readonly faults?: readonly ServerFault[];
  /**
   * Per-request hook, consulted when the fault queue is empty. `index` is 0-based over all requests.
   * Return a fault, or undefined to answer normally.
   */
  readonly onRequest?: (body: ChatCompletionRequest, index: number) => ServerFault | undefined;
  /** Listen on this port (default: a free one), e.g. to restart a stopped server at the same address. */
  readonly port?: number;
}

export interface OpenAICompatibleServer {
  /** e.g. `http://127.0.0.1:54321/v1`. */
  readonly baseURL: string;
  /** Chat completion requests received so far (faulted ones included). */
  readonly requests: number;
  /** Parsed bodies of those requests, in arrival order. */
  readonly bodies: readonly ChatCompletionRequest[];
  /** Appends faults to the queue. */
  enqueueFaults(...faults: ServerFault[]): void;
  /** Destroys every open connection (hanging ones included) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/** Whitespace-separated words: the server's deterministic stand-in for tokens. */
export function countTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
          ? part.text
          : '',
      )
      .join('');
  }
  return '';
}

function defaultRespond(body: ChatCompletionRequest): string {
  const users = (body.messages ?? []).filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  return `echo: ${last === undefined ? '' : contentText(last.content)}`;
}

function usageOf(body: ChatCompletionRequest, reply: string) {
  const prompt_tokens = (body.messages ?? []).reduce((n, m) => n + countTokens(contentText(m.content)), 0);
  const completion_tokens = countTokens(reply);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Reply split into word-sized deltas (each keeps its leading whitespace), so streams have several chunks. */
function deltas(reply: string): string[] {
  return reply.match(/\s*\S+/g) ?? [reply];
}

export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<OpenAICompatibleServer> {
  const respond = options.respond ?? defaultRespond;
  const queue: ServerFault[] = [...(options.faults ?? [])];
  const bodies: ChatCompletionRequest[] = [];
  const sockets = new Set<Socket>();
  /** Pending delays, so close() can end them at once. */
  const timers = new Map<NodeJS.Timeout, () => void>();
  let closed = false;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions') {
      return sendJson(res, 404, {
        error: { message: `no route ${req.method} ${req.url}`, type: 'not_found' },
      });
    }
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(raw) as ChatCompletionRequest;
    } catch {
      return sendJson(res, 400, {
        error: { message: 'request body is not JSON', type: 'invalid_request_error' },
      });
    }
    const index = bodies.length;
    bodies.push(body);
    const fault = queue.shift() ?? options.onRequest?.(body, index);
    if (options.delayMs !== undefined && options.delayMs > 0) await delay(options.delayMs);
    if (closed || res.destroyed) return;
    if (fault !== undefined) return applyFault(fault, body, res);
    const reply = respond(body);
    if (body.stream === true) return sendStream(res, body, reply);
    sendJson(res, 200, completion(body, reply));
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });
  }

  function applyFault(fault: ServerFault, body: ChatCompletionRequest, res: ServerResponse): void {
    switch (fault.type) {
      case 'status': {
        const message = fault.message ?? `HTTP ${fault.status}`;
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ error: { message, type: 'server_fault', code: fault.status } }));
        return;
      }
      case 'reset':
        if (fault.partial === true) {
          writePartial(body, res);
          // Let the head and first bytes leave before cutting the connection.
          setImmediate(() => res.socket?.destroy());
          return;
        }
        res.socket?.destroy();
        return;
      case 'hang':
        if (fault.partial === true) writePartial(body, res);
        return;
      case 'malformed':
        if (body.stream === true) {
          res.writeHead(200, sseHeaders());
          res.end('data: {"id":"chatcmpl-bad","choices":[{"delta":\n\ndata: [DONE]\n\n');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id":"chatcmpl-bad","object":"chat.completion","choices":[{"index":0,');
        }
        return;
    }
  }

  /** The response head and the start of the body (a first SSE chunk for streams), not the end. */
  function writePartial(body: ChatCompletionRequest, res: ServerResponse): void {
    if (body.stream === true) {
      res.writeHead(200, sseHeaders());
      res.write(sseChunk(chunk(body, { role: 'assistant', content: 'partial' }, null)));
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":"chatcmpl-partial",');
    }
  }

  function completion(body: ChatCompletionRequest, reply: string) {
    return {
      id: `chatcmpl-${bodies.length}`,
      object: 'chat.completion',
      created: 0,
      model: body.model ?? 'test-model',
      choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
      usage: usageOf(body, reply),
    };
  }

  function chunk(body: ChatCompletionRequest, delta: Record<string, unknown>, finish: string | null) {
    return {
      id: `chatcmpl-${bodies.length}`,
      object: 'chat.completion.chunk',
      created: 0,
      model: body.model ?? 'test-model',
      choices: [{ index: 0, delta, finish_reason: finish }],
    };
  }

  function sendStream(res: ServerResponse, body: ChatCompletionRequest, reply: string): void {
    res.writeHead(200, sseHeaders());
    res.write(sseChunk(chunk(body, { role: 'assistant', content: '' }, null)));
    for (const piece of deltas(reply)) res.write(sseChunk(chunk(body, { content: piece }, null)));
    res.write(sseChunk(chunk(body, {}, 'stop')));
    if (body.stream_options?.include_usage === true) {
      const { choices: _unused, ...rest } = chunk(body, {}, null);
      res.write(sseChunk({ ...rest, choices: [], usage: usageOf(body, reply) }));
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');

  return {
    baseURL: `http://127.0.0.1:${address.port}/v1`,
    get requests() {
      return bodies.length;
    },
    bodies,
    enqueueFaults: (...more) => {
      queue.push(...more);
    },
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function sseHeaders(): Record<string, string> {
  return { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
}

function sseChunk(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
