import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/index.js';
import {
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, runCli, spawnCli } from '../test-support/run-cli.js';

/**
 * A run killed with SIGKILL mid-way and resumed with --resume: completed rollouts are reused (fewer
 * model requests), nothing is duplicated in the store, and the final numbers equal an uninterrupted run.
 */
let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
});

const N = 40;
// Deterministic "model": right on multiples of 3, wrong otherwise.
const respond = (body: ChatCompletionRequest): string => {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const i = Number(String(user?.content ?? '').replace(/\D/g, ''));
  return `Working.\nAnswer: ${i % 3 === 0 ? `a${i}` : 'wrong'}`;
};

describe('resume after kill -9', () => {
  it('finishes with the same result, no duplicate rollouts, completed calls not repeated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-resume-'));
    const data = join(dir, 'data.jsonl');
    writeFileSync(
      data,
      Array.from({ length: N }, (_, i) =>
        JSON.stringify({ id: `x${i}`, input: `q${i}`, answer: `a${i}`, split: 'test' }),
      ).join('\n'),
    );
    let kill: (() => void) | undefined;
    server = await startOpenAICompatibleServer({
      respond,
      delayMs: 20,
      onRequest: (_body, index) => {
        if (index === 25) kill?.();
        return undefined;
      },
    });
    const model = `openai-compatible:${server.baseURL}#m`;
    const store = join(dir, 'store');
    const common = [
      'eval',
      '--task',
      `jsonl:${data}`,
      '--model',
      model,
      '--concurrency',
      '4',
      '--no-cache',
      '--json',
      '--quiet',
    ];

    const child = spawnCli([...common, '--store', store]);
    kill = () => child.kill('SIGKILL');
    const killed = await collect(child);
    expect(killed.signal).toBe('SIGKILL');
    const requestsBeforeKill = server.requests;

    const reader = RunStore.open(store);
    const run = reader.latestRun();
    reader.close();
    expect(run?.status).toBe('running');
    const resumed = await runCli(['eval', '--resume', run?.id ?? '', '--store', store, '--json', '--quiet']);
    expect(resumed.code).toBe(0);
    const requestsOnResume = server.requests - requestsBeforeKill;
    expect(requestsOnResume).toBeLessThan(N);
    expect(requestsOnResume).toBeGreaterThan(0);

    const fresh = await runCli([...common, '--store', join(dir, 'fresh')]);
    expect(fresh.code).toBe(0);
    const a = JSON.parse(resumed.stdout) as {
      accuracy: { mean: number; low: number; high: number };
      n: number;
    };
    const b = JSON.parse(fresh.stdout) as {
      accuracy: { mean: number; low: number; high: number };
      n: number;
    };
    expect(a.accuracy).toEqual(b.accuracy);
    expect(a.n).toBe(N);
    expect(a.accuracy.mean).toBeCloseTo(14 / 40);

    const check = RunStore.open(store);
    expect(check.countRollouts(run?.id ?? '')).toBe(N);
    expect(check.requireRun(run?.id ?? '').status).toBe('finished');
    check.close();
  });

  it('stops on Ctrl-C with exit 130, keeps the finished work and says how to resume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-sigint-'));
    const data = join(dir, 'data.jsonl');
    writeFileSync(
      data,
      Array.from({ length: N }, (_, i) =>
        JSON.stringify({ id: `x${i}`, input: `q${i}`, answer: `a${i}`, split: 'test' }),
      ).join('\n'),
    );
    let interrupt: (() => void) | undefined;
    server = await startOpenAICompatibleServer({
      respond,
      delayMs: 20,
      onRequest: (_body, index) => {
        if (index === 12) interrupt?.();
        return undefined;
      },
    });
    const store = join(dir, 'store');
    const child = spawnCli([
      'eval',
      '--task',
      `jsonl:${data}`,
      '--model',
      `openai-compatible:${server.baseURL}#m`,
      '--concurrency',
      '2',
      '--no-cache',
      '--store',
      store,
    ]);
    interrupt = () => child.kill('SIGINT');
    const result = await collect(child);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/resume with: sepo eval --resume r\S+/);
    const reader = RunStore.open(store);
    const run = reader.latestRun();
    expect(run?.status).toBe('cancelled');
    const kept = reader.countRollouts(run?.id ?? '');
    reader.close();
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(N);
  });
});
