import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../test-support/run-cli.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

/** A world that simulates the real ARC-AGI-1 task (attached from --data-dir); answers in a ``` block. */
function arcWorld(dir: string): string {
  const base = JSON.parse(readFileSync(join(REPO_ROOT, 'src/sim/worlds/pool.json'), 'utf8')) as {
    tasks: Array<Record<string, unknown> & { id: string }>;
  } & Record<string, unknown>;
  const gsm8k = base.tasks.find((t) => t.id === 'gsm8k');
  const arc = {
    ...gsm8k,
    id: 'arc',
    kind: 'grid',
    domain: 'abstract-reasoning',
    source: { kind: 'external', taskId: 'arc-agi-1' },
    answerTemplate: '```\n{answer}\n```',
  };
  const file = join(dir, 'arc-world.json');
  writeFileSync(
    file,
    JSON.stringify({ ...base, $schema: undefined, name: 'arcw', defaultTask: undefined, tasks: [arc] }),
  );
  return file;
}

const taskFlags = (dir: string): string[] => [
  '--task',
  'arc-agi-1',
  '--data-dir',
  DATA_DIR,
  '--model',
  `sim:${arcWorld(dir)}`,
  '--train',
  '40',
  '--val',
  '20',
  '--test',
  '40',
  '--no-cache',
  '--no-report',
  '--store',
  join(dir, 'store'),
];

describe('ARC-AGI-1 is reported by its metric, pass@3, in optimize and compare', () => {
  it('optimize: 3 samples per test example, each example scored 1 when any is right; paired on those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-arc-pass-'));
    const flags = [...taskFlags(dir), '--no-self-improvement', '--generations', '1', '--minibatch', '8'];
    const json = await runCli(['optimize', ...flags, '--json', '--quiet']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as {
      test: {
        metric: string;
        samples: number;
        n: number;
        scored: { seed: number };
        seed: { mean: number };
        difference: { n: number };
        perExample: { seed: (number | null)[] };
      };
      spend: { task: { rollouts: number } };
    };
    expect(r.test.metric).toBe('pass@3');
    expect(r.test.samples).toBe(3);
    expect(r.test.n).toBe(r.test.perExample.seed.length);
    expect(r.test.scored.seed).toBe(3 * r.test.n);
    for (const v of r.test.perExample.seed) expect([0, 1]).toContain(v);
    expect(r.test.difference.n).toBe(r.test.n);
    const mean = r.test.perExample.seed.reduce<number>((a, v) => a + (v ?? 0), 0) / r.test.n;
    expect(r.test.seed.mean).toBeCloseTo(mean, 10);

    const text = await runCli(['optimize', ...flags]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/test pass@3 \(n=\d+, 3 samples each\): seed /);
    expect(text.stdout).toContain('difference (best - seed, pass@3, paired over');
    expect(text.stdout).not.toContain('planned: the other calls failed');
  });

  it('compare: the table is headed pass@3 and every run scores examples by pass@3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-arc-pass-'));
    const flags = [...taskFlags(dir), '--methods', 'manual', '--seeds', '1', '--budget', '10'];
    const json = await runCli(['compare', ...flags, '--json', '--quiet']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as {
      metric: string;
      runs: Array<{ testScores: (number | null)[]; testAccuracy: number }>;
    };
    expect(r.metric).toBe('pass@3');
    const run = r.runs[0];
    for (const v of run?.testScores ?? []) expect([0, 1]).toContain(v);
    const text = await runCli(['compare', ...flags]);
    expect(text.stdout).toContain('| method | test pass@3 [95% CI] |');
  });
});
