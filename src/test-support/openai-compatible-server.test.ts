import { afterEach, describe, expect, it } from 'vitest';
import {
  countTokens,
  faults,
  type OpenAICompatibleServer,
  type OpenAICompatibleServerOptions,
  startOpenAICompatibleServer,
} from './openai-compatible-server.js';

let server: OpenAICompatibleServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: OpenAICompatibleServerOptions = {}): Promise<OpenAICompatibleServer> {
  server = await startOpenAICompatibleServer(options);
  return server;
}

const messages = [
  { role: 'system', content: 'be brief' },
  { role: 'user', content: 'what is two plus two' },
];

function post(s: OpenAICompatibleServer, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${s.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

describe('startOpenAICompatibleServer', () => {
  it('listens on 127.0.0.1 with a /v1 base URL', async () => {
    const s = await start();
    expect(s.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers JSON with the echoed last user message and usage', async () => {
    const s = await start();
    const response = await post(s, { model: 'm', messages });
    expect(response.status).toBe(200);
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'echo: what is two plus two' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 7, completion_tokens: 6, total_tokens: 13 },
    });
    expect(s.requests).toBe(1);
    expect(s.bodies[0]?.model).toBe('m');
  });

  it('streams SSE chunks, a usage chunk when asked, then [DONE]', async () => {
    const s = await start({ respond: () => 'four, of course' });
    const response = await post(s, {
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const data = sseData(await response.text());
    expect(data[data.length - 1]).toBe('[DONE]');
    const chunks = data
      .slice(0, -1)
      .map((d) => JSON.parse(d) as { choices: { delta: { content?: string } }[]; usage?: unknown });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('four, of course');
    expect(chunks[chunks.length - 1]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 7, completion_tokens: 3 },
    });
  });

  it('sends no usage chunk unless include_usage is set', async () => {
    const s = await start();
    const data = sseData(await (await post(s, { messages, stream: true })).text());
    expect(data.some((d) => d.includes('"usage"'))).toBe(false);
  });

  it('consumes queued faults in order, then answers normally', async () => {
    const s = await start({ faults: [faults.rateLimited(2), faults.serverError(503)] });
    const first = await post(s, { messages });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await post(s, { messages })).status).toBe(503);
    expect((await post(s, { messages })).status).toBe(200);
    s.enqueueFaults(faults.unauthorized());
    expect((await post(s, { messages })).status).toBe(401);
    expect(s.requests).toBe(4);
  });

  it('asks the per-request hook when the queue is empty', async () => {
    const s = await start({
      onRequest: (_body, index) => (index % 2 === 1 ? faults.serverError() : undefined),
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(s, { messages })).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
  });

  it('resets the connection', async () => {
    const s = await start({ faults: [faults.reset()] });
    await expect(post(s, { messages })).rejects.toThrow('fetch failed');
  });

  it('sends a malformed JSON body with status 200', async () => {
    const s = await start({ faults: [faults.malformed()] });
    const response = await post(s, { messages });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('close() ends hanging requests and delayed replies so nothing waits', async () => {
    const s = await start({ faults: [faults.hang()], delayMs: 60_000 });
    const outcome = (p: Promise<Response>) =>
      p.then(
        () => 'answered',
        () => 'failed',
      );
    const hanging = outcome(post(s, { messages }));
    const delayed = outcome(post(s, { messages }));
    while (s.requests < 2) await new Promise((resolve) => setImmediate(resolve));
    await s.close();
    expect(await hanging).toBe('failed');
    expect(await delayed).toBe('failed');
    await s.close();
  });

  it('waits delayMs before answering', async () => {
    const s = await start({ delayMs: 30 });
    const started = performance.now();
    expect((await post(s, { messages })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('answers 404 for unknown routes and 400 for a non-JSON body without counting them', async () => {
    const s = await start();
    expect((await fetch(`${s.baseURL}/models`)).status).toBe(404);
    const bad = await fetch(`${s.baseURL}/chat/completions`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect(s.requests).toBe(0);
  });
});

describe('countTokens', () => {
  it('counts whitespace-separated words', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('  a  b\nc ')).toBe(3);
  });
});
