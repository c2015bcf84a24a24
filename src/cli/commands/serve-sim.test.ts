import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simRequestHandler } from '../../run/sim-http-server.js';
import { loadWorld } from '../../sim/load-world.js';
import { loadSimTask } from '../../sim/sim-task.js';
import { collect, REPO_ROOT, runCli, spawnCli } from '../../test-support/run-cli.js';

/**
 * `sepo serve-sim`: the simulated world over the OpenAI protocol. An outside client gets exactly what
 * `--model sim:<world>` gets (same responses for the same seed, same scores), with OpenAI's error shapes.
 */
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer(simRequestHandler({ world: loadWorld('demo'), maxBodyBytes: 64 * 1024 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

const post = async (
  path: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe('serve-sim', () => {
  it('gives `sepo eval` over HTTP the numbers of --model sim:demo, streaming or not', async () => {
    const store = mkdtempSync(join(tmpdir(), 'sepo-serve-sim-'));
    const args = (model: string, extra: string[] = []) => [
      'eval',
      '--task',
      'sim:demo',
      '--model',
      model,
      '--limit',
      '60',
      '--samples',
      '2',
      '--seed',
      '7',
      '--no-cache',
      '--store',
      store,
      '--json',
      '--quiet',
      ...extra,
    ];
    const pick = (stdout: string) => {
      const r = JSON.parse(stdout) as { accuracy: unknown; n: number; failures: unknown };
      return { accuracy: r.accuracy, n: r.n, failures: r.failures };
    };
    const local = await runCli(args('sim:demo'));
    const http = await runCli(args(`openai-compatible:${base}#demo`));
    const streamed = await runCli(args(`openai-compatible:${base}#demo`, ['--stream']));
    expect(local.code).toBe(0);
    expect(http.stderr).toBe('');
    expect(http.code).toBe(0);
    expect(streamed.code).toBe(0);
    expect(pick(http.stdout)).toEqual(pick(local.stdout));
    expect(pick(streamed.stdout)).toEqual(pick(local.stdout));
    expect(pick(local.stdout).n).toBe(120);
  });

  it('answers chat completions with usage, a deterministic id, and honours the seed', async () => {
    const messages = [
      { role: 'system', content: 'Think step by step.' },
      { role: 'user', content: loadSimTask('sim:demo').splits.test[0]?.input ?? '' },
    ];
    const a = await post('/chat/completions', { model: 'demo', messages, seed: 1 });
    const again = await post('/chat/completions', { model: 'demo', messages, seed: 1 });
    expect(a.status).toBe(200);
    expect(again.json).toEqual(a.json);
    expect(a.json.object).toBe('chat.completion');
    const usage = a.json.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    const seeds = await Promise.all(
      [2, 3, 4, 5, 6, 7].map((seed) => post('/chat/completions', { model: 'demo', messages, seed })),
    );
    const texts = new Set(seeds.map((r) => JSON.stringify(r.json.choices)));
    expect(texts.size).toBeGreaterThan(1);
  });

  it('streams server-sent events ending with usage and [DONE]', async () => {
    const res = await fetch(`${base}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'sim:demo',
        messages: [{ role: 'user', content: 'hello' }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter((e) => e !== '');
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.slice('data: '.length)) as Record<string, unknown>);
    const text = chunks
      .flatMap((c) =>
        (c.choices as Array<{ delta: { content?: string } }>).map((ch) => ch.delta.content ?? ''),
      )
      .join('');
    const whole = await post('/chat/completions', {
      model: 'demo',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(text).toBe((whole.json.choices as Array<{ message: { content: string } }>)[0]?.message.content);
    expect(chunks.at(-1)?.usage).toEqual(whole.json.usage);
  });

  it('serves the tasks and scores a response exactly as sepo does', async () => {
    const list = (await (await fetch(`${base}/sim/tasks`)).json()) as { data: Array<{ id: string }> };
    expect(list.data.map((t) => t.id)).toEqual(['sim:demo', 'sim:demo/units', 'sim:demo/counting']);
    const task = (await (
      await fetch(`${base}/sim/tasks/${encodeURIComponent('sim:demo/units')}`)
    ).json()) as {
      splits: { test: Array<{ id: string; answer: string; user_message: string }> };
    };
    const local = loadSimTask('sim:demo/units');
    expect(task.splits.test.map((e) => e.id)).toEqual(local.splits.test.map((e) => e.id));
    const example = local.splits.test[0];
    if (example === undefined) throw new Error('no test example');
    for (const response of [`Working.\nAnswer: ${example.answer}`, 'Answer: 0.000001', 'no idea']) {
      const remote = await post('/sim/score', { task: 'sim:demo/units', example_id: example.id, response });
      const mine = await local.scorer.score(example, response);
      expect(remote.json.score).toBe(mine.score);
      expect(remote.json.feedback).toBe(mine.feedback);
    }
  });

  it('answers bad requests with OpenAI-shaped errors', async () => {
    const shape = (json: Record<string, unknown>) =>
      json.error as { message: string; type: string; code: string | null };
    const noMessages = await post('/chat/completions', { model: 'demo', messages: [] });
    expect(noMessages.status).toBe(400);
    expect(shape(noMessages.json)).toMatchObject({ type: 'invalid_request_error', param: 'messages' });
    const unknownModel = await post('/chat/completions', {
      model: 'gpt-4',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(unknownModel.status).toBe(404);
    expect(shape(unknownModel.json).code).toBe('model_not_found');
    const notJson = await post('/chat/completions', '{oops');
    expect(notJson.status).toBe(400);
    const big = await post('/chat/completions', {
      model: 'demo',
      messages: [{ role: 'user', content: 'x'.repeat(100_000) }],
    });
    expect(big.status).toBe(413);
    expect(shape(big.json).code).toBe('body_too_large');
    const unknownTask = await post('/sim/score', { task: 'sim:nope', example_id: 'x', response: '' });
    expect(unknownTask.status).toBe(404);
    const route = await fetch(`${base}/completions`);
    expect(route.status).toBe(404);
  });

  it('the documented standard-library Python client gets the accuracy sepo eval reports', async () => {
    // Spawned asynchronously: the server runs in this process and must keep answering.
    const client = await collect(
      spawn(
        'python3',
        [join(REPO_ROOT, 'docs', 'examples', 'sim_client.py'), base, 'sim:demo', 'test', '40'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    expect(client.stderr).toBe('');
    expect(client.code).toBe(0);
    const fromPython = JSON.parse(client.stdout) as { accuracy: number; n: number };
    const store = mkdtempSync(join(tmpdir(), 'sepo-serve-sim-py-'));
    const sepo = await runCli([
      'eval',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--limit',
      '40',
      '--no-cache',
      '--store',
      store,
      '--json',
      '--quiet',
    ]);
    const fromSepo = JSON.parse(sepo.stdout) as { accuracy: { mean: number }; n: number };
    expect(fromPython.n).toBe(40);
    expect(fromPython.accuracy).toBeCloseTo(fromSepo.accuracy.mean, 12);
  });

  it('the command binds 127.0.0.1, prints its URL, and refuses a port in use or an unknown world', async () => {
    const port = (server.address() as AddressInfo).port;
    const busy = await runCli(['serve-sim', 'demo', '--port', String(port)]);
    expect(busy.code).toBe(2);
    expect(busy.stderr.trim()).toBe(
      `sepo: --port: cannot listen on 127.0.0.1:${port}: the port is in use (pick another with --port, or --port 0 for a free one)`,
    );
    const unknown = await runCli(['serve-sim', 'nowhere', '--port', '0']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown .*"nowhere"/);
    const child = spawnCli(['serve-sim', 'demo', '--port', '0', '--quiet']);
    const url = await new Promise<string>((resolve) =>
      child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = (await (await fetch(`${url}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((m) => m.id)).toEqual(['demo']);
    child.kill('SIGTERM');
    expect((await collect(child)).code).toBe(0);
  });
});
