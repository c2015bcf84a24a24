import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countedFailures } from '../../engine/call-failures.js';
import type { Spend, SpendLine } from '../../spec/usage.js';
import { RunStore } from '../../store/index.js';
import { runCli } from '../../test-support/run-cli.js';
import {
  type CompareResult,
  type CompareRun,
  parseMethods,
  renderCompareMarkdown,
  summarizeRuns,
} from './compare-command.js';

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
    testFailures: countedFailures('test', scores.length, 0),
  };
}

describe('compare table', () => {
  it('computes the difference with manual per seed, on the same test examples', () => {
    const runs = [
      run('manual', 0, [1, 0, 0, 1], 0),
      run('manual', 1, [0, 0, 1, 1], 0),
      run('gepa', 0, [1, 1, 0, 1]),
      run('gepa', 1, [1, 0, 1, 1], 120),
    ];
    const [gepa, manual] = summarizeRuns(runs, ['gepa', 'manual']);
    expect(gepa?.test.perSeed).toEqual([0.75, 0.75]);
    expect(gepa?.test.over).toBe('seeds');
    expect(gepa?.vsManual?.perSeed).toEqual([
      { seed: 0, difference: 0.25, examples: 4 },
      { seed: 1, difference: 0.25, examples: 4 },
    ]);
    expect(gepa?.vsManual?.mean).toBeCloseTo(0.25);
    // Two seeds: no interval over seeds, and no pooled p in its place.
    expect(gepa?.vsManual?.overSeeds.ok).toBe(false);
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
    expect(table.rows.find((r) => r.method === 'gepa')?.vsManual?.perSeed).toHaveLength(2);
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

describe('equal budgets (sepo compare)', () => {
  const compare = (args: readonly string[], store: string) =>
    runCli([
      'compare',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--seeds',
      '2',
      '--json',
      '--no-report',
      '--no-cache',
      '--store',
      join(dir, store),
      ...args,
    ]);
  const use = (r: CompareRun, budget: number): number =>
    (r.spend.task.rollouts + (r.oneTimeCharged === true ? (r.oneTimeSpend?.task.rollouts ?? 0) : 0)) / budget;

  for (const budget of [300, 120]) {
    it(`every method spends 90-100% of --budget ${budget}, or states why it stopped early, or is flagged`, async () => {
      const result = await compare(
        ['--methods', 'sepo,gepa,textgrad,opro,metaspo,random', '--budget', String(budget)],
        `eq${budget}`,
      );
      expect(result.code).toBe(0);
      const table = JSON.parse(result.stdout) as CompareResult;
      for (const r of table.runs) {
        const row = table.rows.find((x) => x.method === r.method);
        const within = use(r, budget) >= 0.9 && use(r, budget) <= 1;
        const explained = r.stopCategory !== undefined && r.stopCategory !== 'budget';
        expect(within || explained || row?.spendFlag === true, `${r.method} seed ${r.seed}`).toBe(true);
      }
      // The methods that size their schedule to the budget use it at both budgets.
      for (const r of table.runs.filter((x) => x.method === 'textgrad' || x.method === 'opro')) {
        expect(use(r, budget)).toBeGreaterThanOrEqual(0.9);
        expect(use(r, budget)).toBeLessThanOrEqual(1);
      }
      // MetaSPO meta-trains on the pool on its one-time line and says so; its budget use is not flagged.
      for (const r of table.runs.filter((x) => x.method === 'metaspo')) {
        expect(r.stopCategory).toBe('one-time');
        expect(r.oneTimeSpend?.task.rollouts).toBeGreaterThan(0);
      }
      expect(table.rows.find((x) => x.method === 'metaspo')?.spendFlag).toBe(false);
      if (budget === 300)
        for (const row of table.rows.filter((x) => x.method !== 'metaspo' && x.method !== 'manual'))
          expect(row.budgetUse.min, row.method).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('--charge-one-time counts one-time work against --budget, and the footer says which accounting is used', async () => {
    const own = await compare(['--methods', 'sepo', '--budget', '300'], 'own');
    const charged = await compare(['--methods', 'sepo', '--budget', '300', '--charge-one-time'], 'charged');
    expect(own.code).toBe(0);
    expect(charged.code).toBe(0);
    const a = JSON.parse(own.stdout) as CompareResult;
    const b = JSON.parse(charged.stdout) as CompareResult;
    const sepoA = a.runs.filter((r) => r.method === 'sepo');
    const sepoB = b.runs.filter((r) => r.method === 'sepo');
    // Own line: pre-training beside the budget; charged: pre-training and fine-tuning within it.
    for (const r of sepoA) {
      expect(r.oneTimeCharged).toBe(false);
      expect((r.oneTimeSpend?.task.rollouts ?? 0) + r.spend.task.rollouts).toBeGreaterThan(300);
    }
    for (const r of sepoB) {
      expect(r.oneTimeCharged).toBe(true);
      expect(r.oneTimeSpend?.task.rollouts).toBeGreaterThan(0);
      expect((r.oneTimeSpend?.task.rollouts ?? 0) + r.spend.task.rollouts).toBeLessThanOrEqual(300);
      expect(r.withinBudget).toBe(true);
    }
    expect(renderCompareMarkdown(a)).toMatch(/runs on its own budget line/);
    const markdown = renderCompareMarkdown(b);
    expect(markdown).toMatch(/is charged to the budget \(--charge-one-time\)/);
    expect(markdown).toMatch(/\| sepo \| .* \| \d+ \(charged\) \|/);
  });

  it('refuses with one line (exit 2): MetaSPO below 10 examples per decision, nothing to charge, a budget below one step, no seeds', async () => {
    const metaspo = await compare(['--methods', 'metaspo', '--budget', '300', '--charge-one-time'], 'r1');
    expect(metaspo.code).toBe(2);
    expect(metaspo.stderr.trim().split('\n')).toHaveLength(1);
    expect(metaspo.stderr).toMatch(
      /--budget: 300 task rollouts leave MetaSPO 1 example\(s\) per task per decision; it needs at least 1820 for its schedule on 2 task\(s\) \(sim:demo\/units, sim:demo\/counting\)/,
    );
    const nothing = await compare(
      ['--methods', 'gepa,textgrad', '--budget', '300', '--charge-one-time'],
      'r2',
    );
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(
      /^sepo: --charge-one-time: none of gepa, textgrad, manual has one-time work/,
    );
    const small = await compare(['--methods', 'gepa', '--budget', '20'], 'r3');
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(
      /--budget: 20 task rollouts are below what gepa needs for one step on sim:demo: 56/,
    );
    const seeds = await compare(['--methods', 'gepa', '--budget', '300', '--seeds', '0'], 'r4');
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toMatch(/--seeds: must be >= 1/);
  });

  it('flags a run outside 90-100% of the budget without a stated reason, not one that states it', () => {
    const stopped = (
      method: string,
      rollouts: number,
      stopCategory: CompareRun['stopCategory'],
    ): CompareRun => ({
      ...run(method, 0, [1, 0], rollouts),
      stopCategory,
    });
    const runs = [
      stopped('manual', 0, 'none'),
      stopped('gepa', 50, 'budget'),
      stopped('opro', 50, 'converged'),
      stopped('textgrad', 95, 'budget'),
    ];
    const rows = summarizeRuns(runs, ['gepa', 'opro', 'textgrad', 'manual'], 100);
    expect(rows.map((r) => r.spendFlag)).toEqual([true, false, false, false]);
    expect(rows[1]?.earlyStops).toEqual([{ category: 'converged', seeds: 1 }]);
    const markdown = renderCompareMarkdown({
      kind: 'compare',
      schemaVersion: 1,
      runId: 'r',
      task: 't',
      model: 'm',
      optimizerModel: 'm',
      simulated: false,
      budget: 100,
      seeds: [0],
      methods: ['gepa', 'opro', 'textgrad', 'manual'],
      testIds: ['a', 'b'],
      rows,
      runs,
      wallMs: 0,
    });
    expect(markdown).toMatch(/\| gepa \| .* \| ⚠ 50% \| budget \|/);
    expect(markdown).toMatch(/\| opro \| .* \| 50% \| converged \|/);
    expect(markdown).toMatch(/⚠ gepa: a seed used outside 90%–100% of the budget with no stated reason/);
  });
});
