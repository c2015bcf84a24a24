import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Spend } from '../spec/usage.js';
import { RunStore } from '../store/index.js';
import {
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, runCli, spawnCli } from '../test-support/run-cli.js';

/**
 * `--resume` under misuse: another command's run, changed flags, bad output paths, a second process,
 * and the spend and `--max-cost` across processes.
 */
let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function storedRun(store: string, id?: string) {
  const reader = RunStore.open(store);
  try {
    const run = id === undefined ? reader.latestRun() : reader.requireRun(id);
    return { run, runs: reader.listRuns().length };
  } finally {
    reader.close();
  }
}

const spendOf = (result: unknown): Spend => (result as { spend: Spend }).spend;

describe('resume guards (simulated world)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sepo-guards-'));
  const store = join(dir, 'store');
  const optimize = [
    'optimize',
    '--task',
    'sim:demo',
    '--model',
    'sim:demo',
    '--no-cache',
    '--store',
    store,
    '--quiet',
  ];

  it('checks --out before any work: a directory is one line, exit 2, and no run', async () => {
    const out = await runCli([...optimize, '--out', dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `sepo: --out: ${dir} is a directory; give a file path, e.g. ${join(dir, 'out.txt')}\n`,
    );
    expect(existsSync(join(store, RunStore.FILE_NAME)) ? storedRun(store).runs : 0).toBe(0);
  });

  it('refuses to resume a run of another command and leaves its result intact', async () => {
    expect((await runCli(optimize)).code).toBe(0);
    const { run } = storedRun(store);
    const id = run?.id ?? '';
    const wrong = await runCli(['eval', '--resume', id, '--store', store, '--quiet']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      `sepo: --resume: run ${id} was started by \`sepo optimize\`, not \`sepo eval\`; resume it with: sepo optimize --resume ${id}\n`,
    );
    expect(storedRun(store, id).run).toEqual(run);
  });

  it('resumes a finished run with a new --out, keeping its spend; refuses a changed --model', async () => {
    const { run } = storedRun(store);
    const id = run?.id ?? '';
    const before = spendOf(run?.result);
    expect(before.task.calls).toBeGreaterThan(0);
    const changed = await runCli(['optimize', '--resume', id, '--store', store, '--model', 'sim:other']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(
      /^sepo: --model: cannot be changed on --resume \(run \S+ was started with --model sim:demo\);[^\n]*\n$/,
    );

    const out = join(dir, 'new', 'prompt.txt');
    const resumed = await runCli(['optimize', '--resume', id, '--store', store, '--quiet', '--out', out]);
    expect(resumed.code).toBe(0);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    const after = storedRun(store, id).run;
    expect(after?.status).toBe('finished');
    const spend = spendOf(after?.result);
    for (const role of ['task', 'optimizer'] as const) {
      // Every call was replayed: what was paid is unchanged, not zero.
      expect(spend[role]).toMatchObject({
        calls: before[role].calls,
        cacheHits: before[role].cacheHits,
        inputTokens: before[role].inputTokens,
        outputTokens: before[role].outputTokens,
        rollouts: before[role].rollouts,
      });
    }
    expect(spend.task.replayed).toBeGreaterThan(0);
  });
});

const N = 40;
const respond = (body: ChatCompletionRequest): string => {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  const i = Number(String(user?.content ?? '').replace(/\D/g, ''));
  return `Working.\nAnswer: ${i % 3 === 0 ? `a${i}` : 'wrong'}`;
};

/** A JSONL task of N test examples and a config pricing the local model. */
function fixture(prefix: string): { dir: string; data: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const data = join(dir, 'data.jsonl');
  writeFileSync(
    data,
    Array.from({ length: N }, (_, i) =>
      JSON.stringify({ id: `x${i}`, input: `q${i}`, answer: `a${i}`, split: 'test' }),
    ).join('\n'),
  );
  const config = join(dir, 'sepo.config.json');
  writeFileSync(config, JSON.stringify({ prices: { 'openai-compatible:*': { input: 1000, output: 1000 } } }));
  mkdirSync(join(dir, 'stores'));
  return { dir, data, config };
}

describe('spend, --max-cost and the lease across processes', () => {
  it('counts what earlier processes spent against --max-cost, and records the whole spend', async () => {
    const { dir, data, config } = fixture('sepo-maxcost-');
    server = await startOpenAICompatibleServer({ respond });
    const evalArgs = (store: string) => [
      'eval',
      '--task',
      `jsonl:${data}`,
      '--model',
      `openai-compatible:${server?.baseURL}#m`,
      '--config',
      config,
      '--concurrency',
      '1',
      '--no-cache',
      '--quiet',
      '--store',
      store,
    ];
    const fresh = await runCli(evalArgs(join(dir, 'stores', 'fresh')));
    expect(fresh.code).toBe(0);
    const whole = spendOf(storedRun(join(dir, 'stores', 'fresh')).run?.result).task;
    const total = whole.usd ?? Number.NaN;
    expect(total).toBeGreaterThan(0);
    const cap = String(total / 2);

    const store = join(dir, 'stores', 'capped');
    const first = await runCli([...evalArgs(store), '--max-cost', cap]);
    expect(first.stderr).toMatch(/budget exhausted/);
    const id = storedRun(store).run?.id ?? '';
    const spentFirst = spendOf(storedRun(store, id).run?.result).task;
    expect(spentFirst.usd).toBeLessThanOrEqual(Number(cap));

    const requests = server.requests;
    const again = await runCli(['eval', '--resume', id, '--store', store, '--config', config, '--quiet']);
    expect(again.stderr).toMatch(/budget exhausted: spent \$\S+ of --max-cost/);
    expect(server.requests).toBe(requests);
    expect(spendOf(storedRun(store, id).run?.result).task).toMatchObject({ calls: spentFirst.calls });

    const raised = [
      'eval',
      '--resume',
      id,
      '--store',
      store,
      '--config',
      config,
      '--quiet',
      '--max-cost',
      '100',
    ];
    expect((await runCli(raised)).code).toBe(0);
    const done = storedRun(store, id).run;
    expect(done?.status).toBe('finished');
    const spent = spendOf(done?.result).task;
    expect(spent).toMatchObject({
      calls: N,
      inputTokens: whole.inputTokens,
      outputTokens: whole.outputTokens,
      rollouts: N,
    });
    expect(spent.usd).toBeCloseTo(total);
  });

  it('refuses a second process on a live run, naming the holder; a killed holder frees it', async () => {
    const { dir, data } = fixture('sepo-lease-');
    let started: (() => void) | undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    server = await startOpenAICompatibleServer({
      respond,
      delayMs: 100,
      onRequest: (_body, index) => {
        if (index === 3) started?.();
        return undefined;
      },
    });
    const store = join(dir, 'store');
    const holder = spawnCli([
      'eval',
      '--task',
      `jsonl:${data}`,
      '--model',
      `openai-compatible:${server.baseURL}#m`,
      '--concurrency',
      '1',
      '--no-cache',
      '--quiet',
      '--store',
      store,
    ]);
    const held = collect(holder);
    await running;
    const id = storedRun(store).run?.id ?? '';
    const second = await runCli(['eval', '--resume', id, '--store', store, '--quiet']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(
      new RegExp(
        `^sepo: run ${id} is in use by pid ${holder.pid} on \\S+ since \\d{4}-\\d\\d-\\d\\dT[^;]+; wait for that process to finish \\(or stop it\\) and resume again\\n$`,
      ),
    );
    holder.kill('SIGKILL');
    await held;
    const requestsBefore = server.requests;
    const resumed = await runCli(['eval', '--resume', id, '--store', store, '--quiet', '--json']);
    expect(resumed.code).toBe(0);
    const resumeRequests = server.requests - requestsBefore;
    expect(resumeRequests).toBeLessThan(N);
    // kill -9 lost no recorded spend: the calls the first process paid for count too.
    const spent = spendOf(storedRun(store, id).run?.result).task;
    expect(spent.calls).toBeGreaterThan(resumeRequests);
    expect(spent.calls).toBeLessThanOrEqual(server.requests);
    expect(spent.rollouts).toBe(N);
  });
});
