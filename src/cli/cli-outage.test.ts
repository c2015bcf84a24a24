import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_PROVIDER_UNAVAILABLE, EXIT_TOO_MANY_FAILURES } from '../errors.js';
import { RunStore } from '../store/index.js';
import {
  type ChatCompletionRequest,
  faults,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { runCli } from '../test-support/run-cli.js';

/**
 * A provider outage is not a run of wrong answers. The local endpoint is stopped in the middle of a run:
 * the circuit breaker stops the run within a few failed calls (exit 75, one line naming the model, the
 * last error and how to resume), no failed call is stored or scored, and after the endpoint is back
 * `--resume` finishes with exactly the numbers of an uninterrupted run, re-sending no call that had
 * succeeded and duplicating no row.
 */
const servers: OpenAICompatibleServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// A prompt-sensitive deterministic task model: right or wrong by the example and the prompt's length.
const respond = (body: ChatCompletionRequest): string => {
  const system = String(body.messages?.find((m) => m.role === 'system')?.content ?? '');
  const user = String([...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '');
  const i = Number(user.replace(/\D/g, ''));
  return `Working.\nAnswer: ${(i + system.split(/\s+/).length) % 3 !== 0 ? `a${i}` : 'wrong'}`;
};

function dataset(dir: string, split: (i: number) => string, n: number): string {
  const path = join(dir, 'data.jsonl');
  writeFileSync(
    path,
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({ id: `x${i}`, input: `q${i}`, answer: `a${i}`, split: split(i) }),
    ).join('\n'),
  );
  return path;
}

async function start(options: Parameters<typeof startOpenAICompatibleServer>[0] = {}) {
  const server = await startOpenAICompatibleServer({ respond, ...options });
  servers.push(server);
  return server;
}

/** Every stored rollout of a run, with a check that none is duplicated and none is a provider failure. */
function storedRollouts(store: string, runId: string): number {
  const reader = RunStore.open(store);
  try {
    const keys = new Set<string>();
    let rows = 0;
    for (const r of reader.rollouts(runId)) {
      expect(r.failure ?? '').not.toMatch(/provider error/);
      expect(r.response).not.toBe('');
      keys.add(`${r.candidateId}/${r.exampleId}/${r.sample}`);
      rows++;
    }
    expect(rows).toBe(keys.size);
    return rows;
  } finally {
    reader.close();
  }
}

const latestRunId = (store: string): string => {
  const reader = RunStore.open(store);
  try {
    return reader.latestRun()?.id ?? '';
  } finally {
    reader.close();
  }
};

const breakerFlags = ['--retries', '1', '--breaker-consecutive', '6', '--concurrency', '4', '--no-cache'];

describe('an endpoint that goes down mid-run', () => {
  it('eval: the breaker stops the run, nothing is scored from failures, resume equals an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-outage-eval-'));
    const data = dataset(dir, () => 'test', 60);
    const reference = await start();
    const common = ['eval', '--task', `jsonl:${data}`, ...breakerFlags, '--json', '--quiet'];
    const fresh = await runCli([
      ...common,
      '--model',
      `openai-compatible:${reference.baseURL}#m`,
      '--store',
      join(dir, 'fresh'),
    ]);
    expect(fresh.code).toBe(0);

    let stop: (() => void) | undefined;
    const flaky = await start({
      onRequest: (_body, index) => {
        if (index === 25) stop?.();
        return undefined;
      },
    });
    stop = () => void flaky.close();
    const port = Number(new URL(flaky.baseURL).port);
    const store = join(dir, 'store');
    const model = `openai-compatible:${flaky.baseURL}#m`;
    const down = await runCli([...common, '--model', model, '--store', store]);
    expect(down.code).toBe(EXIT_PROVIDER_UNAVAILABLE);
    const runId = latestRunId(store);
    const line = down.stderr.trim().split('\n').at(-1) ?? '';
    expect(line).toMatch(/model openai-compatible:.*#m is failing \(\d+ failed calls in a row\)/);
    expect(line).toMatch(/last error: .*(ECONNREFUSED|ECONNRESET|socket|fetch failed)/i);
    expect(line).toContain(`resume with: sepo eval --resume ${runId}`);
    const before = storedRollouts(store, runId);
    expect(before).toBeLessThan(30);

    // The endpoint is back, at the same address.
    const back = await start({ port });
    const resumed = await runCli(['eval', '--resume', runId, '--store', store, '--json', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    // Calls that had succeeded are replayed from the run log, not sent again.
    expect(back.requests).toBe(60 - before);
    expect(storedRollouts(store, runId)).toBe(60);
    const pick = (text: string) => {
      const r = JSON.parse(text) as Record<string, unknown>;
      return { accuracy: r.accuracy, n: r.n, planned: r.planned, failures: r.failures };
    };
    expect(pick(resumed.stdout)).toEqual(pick(fresh.stdout));
  });

  it('compare: the breaker stops every method at once; resume gives the uninterrupted table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-outage-compare-'));
    const data = dataset(dir, (i) => (i < 30 ? 'train' : i < 40 ? 'val' : 'test'), 60);
    const common = [
      'compare',
      '--task',
      `jsonl:${data}`,
      '--optimizer-model',
      'sim:demo',
      '--methods',
      'gepa',
      '--budget',
      '60',
      '--seeds',
      '1',
      '--no-report',
      ...breakerFlags,
      '--json',
      '--quiet',
    ];
    const reference = await start();
    const fresh = await runCli([
      ...common,
      '--model',
      `openai-compatible:${reference.baseURL}#m`,
      '--store',
      join(dir, 'fresh'),
    ]);
    expect(fresh.stderr).toBe('');
    expect(fresh.code).toBe(0);

    let stop: (() => void) | undefined;
    const flaky = await start({
      onRequest: (_body, index) => {
        if (index === 30) stop?.();
        return undefined;
      },
    });
    stop = () => void flaky.close();
    const port = Number(new URL(flaky.baseURL).port);
    const store = join(dir, 'store');
    const down = await runCli([
      ...common,
      '--model',
      `openai-compatible:${flaky.baseURL}#m`,
      '--store',
      store,
    ]);
    expect(down.code).toBe(EXIT_PROVIDER_UNAVAILABLE);
    const runId = latestRunId(store);
    expect(down.stderr).toContain(`resume with: sepo compare --resume ${runId}`);
    const before = storedRollouts(store, runId);

    const back = await start({ port });
    const resumed = await runCli(['compare', '--resume', runId, '--store', store, '--json', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(back.requests).toBeLessThanOrEqual(reference.requests - before);
    storedRollouts(store, runId);
    const pick = (text: string) => {
      const r = JSON.parse(text) as { rows: unknown[]; runs: Array<Record<string, unknown>> };
      // Spend differs by design: replayed calls cost no tokens in the resumed process.
      return {
        rows: r.rows.map((row) => ({
          ...(row as Record<string, unknown>),
          wallSeconds: 0,
          tokens: 0,
          usd: 0,
        })),
        runs: r.runs.map(({ wallMs: _w, spend: _s, ...rest }) => rest),
      };
    };
    expect(pick(resumed.stdout)).toEqual(pick(fresh.stdout));
  });
});

describe('sporadic provider failures', () => {
  it('are not scored: a prompt that answers everything right keeps 100%, and the run says how many failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-faults-'));
    const data = dataset(dir, () => 'test', 30);
    // Every request for q3 and q7 fails (503) whatever the retries: 2 of 30 examples cannot be scored.
    const server = await start({
      respond: (body) => {
        const user = String(body.messages?.find((m) => m.role === 'user')?.content ?? '');
        return `Answer: a${user.replace(/\D/g, '')}`;
      },
      onRequest: (body) =>
        /\bq[37]\b/.test(JSON.stringify(body.messages)) ? faults.serverError(503) : undefined,
    });
    const args = [
      'eval',
      '--task',
      `jsonl:${data}`,
      '--model',
      `openai-compatible:${server.baseURL}#m`,
      '--retries',
      '1',
      '--no-cache',
      '--store',
      join(dir, 'store'),
      '--quiet',
    ];
    const strict = await runCli(args);
    // 2 of 30 is above the default 2% allowance: the first line says so and the exit code is 3.
    expect(strict.code).toBe(EXIT_TOO_MANY_FAILURES);
    const lines = strict.stdout.split('\n');
    expect(lines[0]).toMatch(/^WARNING: 2 of 30 test rollouts failed/);
    expect(strict.stdout).toMatch(/accuracy 100\.0% .* n=28 scored of 30 planned/);
    expect(strict.stdout).toMatch(/failed calls \(not scored; --resume retries them\): 2/);

    const lenient = await runCli([...args, '--allow-failures', '0.1', '--json']);
    expect(lenient.code).toBe(0);
    const result = JSON.parse(lenient.stdout) as {
      accuracy: { mean: number };
      n: number;
      planned: number;
      callFailures: { failed: number; share: number };
    };
    expect(result.accuracy.mean).toBe(1);
    expect([result.n, result.planned, result.callFailures.failed]).toEqual([28, 30, 2]);
  });
});
