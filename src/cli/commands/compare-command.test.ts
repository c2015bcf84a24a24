import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spend, SpendLine } from '../../spec/usage.js';
import { RunStore } from '../../store/index.js';
import { runCli } from '../../test-support/run-cli.js';
import { type CompareResult, type CompareRun, parseMethods, summarizeRuns } from './compare-command.js';

const dir = mkdtempSync(join(tmpdir(), 'sepo-compare-'));

const line = (rollouts: number): SpendLine => ({
  rollouts,
  calls: rollouts,
  cacheHits: 0,
  replayed: 0,
  failures: 0,
  inputTokens: 10 * rollouts,
  outputTokens: rollouts,
  usd: 0,
  wallMs: 0,
});
const spend = (task: number, optimizer: number): Spend => ({ task: line(task), optimizer: line(optimizer) });

function run(method: string, seed: number, scores: number[], rollouts = 100): CompareRun {
  return {
    method,
    seed,
    bestId: `${method}.s${seed}.x`,
    bestPrompt: 'prompt',
    chosenBy: 'val',
    stopReason: 'done',
    candidates: 1,
    spend: spend(rollouts, 5),
    wallMs: 1000,
    withinBudget: rollouts <= 100,
    testScores: scores,
    testAccuracy: scores.reduce((a, b) => a + b, 0) / scores.length,
  };
}

describe('compare table', () => {
  it('pairs each (seed, example) score with manual on the same seed and example', () => {
    const runs = [
      run('manual', 0, [1, 0, 0, 1], 0),
      run('manual', 1, [0, 0, 1, 1], 0),
      run('gepa', 0, [1, 1, 0, 1]),
      run('gepa', 1, [1, 0, 1, 1], 120),
    ];
    const [gepa, manual] = summarizeRuns(runs, ['gepa', 'manual']);
    expect(gepa?.test.perSeed).toEqual([0.75, 0.75]);
    expect(gepa?.test.over).toBe('seeds');
    expect(gepa?.vsManual?.n).toBe(8);
    expect(gepa?.vsManual?.mean).toBeCloseTo(0.25);
    expect(gepa?.rollouts).toBe(110);
    expect(gepa?.maxRollouts).toBe(120);
    expect(gepa?.budgetRespected).toBe(false);
    expect(gepa?.optimizerCalls).toBe(5);
    expect(gepa?.wallSeconds).toBe(1);
    expect(manual?.vsManual).toBeUndefined();
    expect(manual?.test.mean).toBeCloseTo(0.5);
  });

  it('takes the interval over examples with one seed', () => {
    const [row] = summarizeRuns([run('manual', 0, [1, 0, 1, 1], 0)], ['manual']);
    expect(row?.test.over).toBe('examples');
    expect(row?.test.low).toBeGreaterThan(0);
    expect(row?.test.high).toBeLessThanOrEqual(1);
  });

  it('always runs manual as the reference and rejects unknown methods', () => {
    expect(parseMethods('gepa, textgrad')).toEqual(['gepa', 'textgrad', 'manual']);
    expect(parseMethods('manual,gepa,gepa')).toEqual(['manual', 'gepa']);
    expect(parseMethods(undefined)).toEqual(['sepo', 'gepa', 'textgrad', 'opro', 'metaspo', 'manual']);
    expect(() => parseMethods('gepa,nope')).toThrow(/--methods: unknown method "nope"/);
  });
});

describe('sepo compare (CLI)', () => {
  it('runs every method under the same budget and seeds; no run exceeds its budget', async () => {
    const store = join(dir, 'store');
    const out = join(dir, 'table.md');
    const budget = 120;
    const result = await runCli([
      'compare',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--methods',
      'sepo,gepa,textgrad,opro,metaspo,random,manual',
      '--budget',
      String(budget),
      '--seeds',
      '2',
      '--validation-revert',
      '--json',
      '--out',
      out,
      '--store',
      store,
      '--no-cache',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const table = JSON.parse(result.stdout) as CompareResult;
    expect(table.simulated).toBe(true);
    expect(table.seeds).toEqual([0, 1]);
    expect(table.rows.map((r) => r.method)).toEqual([
      'sepo',
      'gepa',
      'textgrad',
      'opro',
      'metaspo',
      'random',
      'manual',
    ]);
    expect(table.runs).toHaveLength(14);
    // Budget fairness is checked, not assumed.
    for (const r of table.runs) {
      expect(r.spend.task.rollouts).toBeLessThanOrEqual(budget);
      expect(r.withinBudget).toBe(true);
      expect(r.testScores).toHaveLength(table.testIds.length);
    }
    for (const row of table.rows) expect(row.budgetRespected).toBe(true);
    // Same test examples and samples for all: the same prompt gets the same scores on a seed.
    const manual = table.runs.filter((r) => r.method === 'manual');
    for (const r of table.runs.filter((x) => x.bestPrompt === manual[0]?.bestPrompt && x.seed === 0)) {
      expect(r.testScores).toEqual(manual[0]?.testScores);
    }
    expect(table.rows.find((r) => r.method === 'gepa')?.vsManual?.n).toBe(2 * table.testIds.length);
    expect(readFileSync(out, 'utf8')).toMatch(/\| method \| test accuracy \[95% CI\] \| Δ vs manual/);

    const runStore = RunStore.open(store);
    try {
      const stored = runStore.requireRun(table.runId);
      expect(stored.kind).toBe('compare');
      expect(stored.status).toBe('finished');
      const ids = runStore.candidates(table.runId).map((c) => c.id);
      for (const method of ['gepa', 'textgrad', 'opro', 'metaspo', 'random', 'manual']) {
        for (const seed of [0, 1]) expect(ids.some((id) => id.startsWith(`${method}.s${seed}.`))).toBe(true);
      }
      const best = runStore.candidates(table.runId).find((c) => c.id === table.runs[1]?.bestId);
      expect(best?.scores.test?.n).toBe(table.testIds.length);
    } finally {
      runStore.close();
    }
  });

  it('prints a Markdown table by default', async () => {
    const result = await runCli([
      'compare',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--methods',
      'textgrad',
      '--budget',
      '60',
      '--seeds',
      '1',
      '--quiet',
      '--store',
      join(dir, 'store2'),
      '--no-cache',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SIMULATED');
    expect(result.stdout).toMatch(/\| textgrad \| \d+\.\d% \[/);
    expect(result.stdout).toMatch(/\| manual \| .* \| — \| — \|/);
    expect(result.stdout).toContain('Budget respected in every run: yes');
  });

  it('requires a budget and known methods', async () => {
    const base = [
      'compare',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--store',
      join(dir, 's3'),
      '--no-cache',
    ];
    const noBudget = await runCli(base);
    expect(noBudget.code).toBe(2);
    expect(noBudget.stderr).toMatch(/--budget: is required/);
    const unknown = await runCli([...base, '--budget', '10', '--methods', 'gepa,frob']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--methods: unknown method "frob"/);
  });
});
