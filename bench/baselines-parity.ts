import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simRequestHandler } from '../src/run/sim-http-server.js';
import { loadWorld } from '../src/sim/load-world.js';
import { meanInterval } from '../src/stats/intervals.js';
import { runCli } from '../src/test-support/run-cli.js';

interface Run {
  readonly method: string;
  readonly seed: number;
  readonly testAccuracy: number;
  readonly spend: { readonly task: { readonly rollouts: number } };
}

function flag(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

async function compare(args: readonly string[]): Promise<Run[]> {
  const out = await runCli(['compare', ...args]);
  if (out.code !== 0)
    throw new Error(`sepo compare exited ${out.code}: ${out.stderr.trim().split('\n').at(-1)}`);
  return (JSON.parse(out.stdout) as { runs: Run[] }).runs;
}

export async function run(args: string[]): Promise<void> {
  const seeds = Number(flag(args, 'seeds', '10'));
  const budget = Number(flag(args, 'budget', '300'));
  const world = flag(args, 'world', 'demo');
  const methods = flag(args, 'methods', 'gepa,textgrad,opro');
  const server = createServer(simRequestHandler({ world: loadWorld(world) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const store = mkdtempSync(join(tmpdir(), 'sepo-parity-'));
  try {
    const common = (model: string, dir: string) => [
      '--task',
      `sim:${world}`,
      '--model',
      model,
      '--methods',
      methods,
      '--budget',
      String(budget),
      '--seeds',
      String(seeds),
      '--no-cache',
      '--no-report',
      '--json',
      '--quiet',
      '--store',
      join(store, dir),
    ];
    const t0 = performance.now();
    const local = await compare(common(`sim:${world}`, 'local'));
    const t1 = performance.now();
    const http = await compare(common(`openai-compatible:${url}#${world}`, 'http'));
    const t2 = performance.now();
    console.log(
      `SIMULATED world "${world}": sepo's baselines in-process vs over sepo serve-sim (HTTP), ${seeds} paired seeds, --budget ${budget}`,
    );
    console.log(
      '| method | test acc. in-process | test acc. over HTTP | paired Δ (HTTP − in-process) [95% t over seeds] | seeds equal | budget use (min–max) |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const method of [...new Set(local.map((r) => r.method))]) {
      const a = local.filter((r) => r.method === method);
      const b = http.filter((r) => r.method === method);
      const diffs = a.map((r, i) => (b[i]?.testAccuracy ?? Number.NaN) - r.testAccuracy);
      const d = diffs.length >= 2 ? meanInterval(diffs) : undefined;
      const same = diffs.filter((x) => x === 0).length;
      const use = a.map((r) => r.spend.task.rollouts / budget);
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(
        `| ${method} | ${pct(meanInterval(a.map((r) => r.testAccuracy)).mean)} | ${pct(meanInterval(b.map((r) => r.testAccuracy)).mean)} | ${d === undefined ? '—' : `${(d.mean * 100).toFixed(2)} [${(d.low * 100).toFixed(2)}, ${(d.high * 100).toFixed(2)}]`} | ${same}/${diffs.length} | ${pct(Math.min(...use))}–${pct(Math.max(...use))} |`,
      );
    }
    console.log(
      `wall time: in-process ${((t1 - t0) / 1000).toFixed(1)} s, over HTTP ${((t2 - t1) / 1000).toFixed(1)} s (ratio ${((t2 - t1) / (t1 - t0)).toFixed(2)})`,
    );
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    rmSync(store, { recursive: true, force: true });
  }
}
