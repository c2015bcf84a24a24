import type { Spend } from '../../spec/usage.js';
import { meanInterval, pairedDifference, proportionOrMeanInterval } from '../../stats/intervals.js';
import { pct, SIMULATED_BANNER, tokens } from '../format.js';

/* The comparison table of `sepo compare`: per-run records in, per-method rows and Markdown out. Pure. */

/** One method on one seed: what it chose, what it spent, and its per-example test scores. */
export interface CompareRun {
  readonly method: string;
  readonly seed: number;
  readonly bestId: string;
  readonly bestPrompt: string;
  readonly chosenBy: string;
  readonly stopReason: string;
  readonly candidates: number;
  /** Spend of the optimization alone (the test evaluation is exempt and counted apart). */
  readonly spend: Spend;
  readonly wallMs: number;
  readonly withinBudget: boolean;
  /**
   * Spend on a separate, one-time budget line the method reports (SePO's pre-training, shared by every
   * target in the paper's accounting): shown beside the table, not in the per-method budget.
   */
  readonly oneTimeSpend?: Spend;
  /** Test scores in the order of `CompareResult.testIds`. */
  readonly testScores: readonly number[];
  readonly testAccuracy: number;
}

interface Estimate {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface CompareRow {
  readonly method: string;
  /** Test accuracy: mean over seeds, 95% t interval over the seeds' accuracies (one seed: over examples). */
  readonly test: Estimate & { readonly perSeed: readonly number[]; readonly over: 'seeds' | 'examples' };
  /** Paired difference with manual over every (seed, test example) pair; undefined for manual. */
  readonly vsManual: (Estimate & { readonly p: number; readonly n: number }) | undefined;
  /** Means per seed of the optimization's spend. */
  readonly rollouts: number;
  readonly maxRollouts: number;
  readonly optimizerCalls: number;
  readonly tokens: number;
  readonly usd: number | undefined;
  readonly wallSeconds: number;
  readonly promptChars: number;
  readonly budgetRespected: boolean;
}

export interface CompareResult {
  readonly runId: string;
  readonly task: string;
  readonly model: string;
  readonly optimizerModel: string;
  readonly simulated: boolean;
  readonly budget: number;
  readonly seeds: readonly number[];
  readonly methods: readonly string[];
  readonly testIds: readonly string[];
  readonly rows: readonly CompareRow[];
  readonly runs: readonly CompareRun[];
  readonly wallMs: number;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The table: per method, test accuracy over seeds with a 95% interval, the paired difference with
 * manual over (seed, example) pairs, and the mean spend per seed. Pure; `runs` must hold manual.
 */
export function summarizeRuns(runs: readonly CompareRun[], methods: readonly string[]): CompareRow[] {
  const manual = new Map(runs.filter((r) => r.method === 'manual').map((r) => [r.seed, r]));
  return methods.map((method) => {
    const own = runs.filter((r) => r.method === method);
    const perSeed = own.map((r) => r.testAccuracy);
    const interval =
      own.length >= 2 ? meanInterval(perSeed) : proportionOrMeanInterval(own[0]?.testScores ?? []);
    const a: number[] = [];
    const b: number[] = [];
    for (const r of own) {
      const ref = manual.get(r.seed);
      if (ref === undefined) continue;
      a.push(...r.testScores);
      b.push(...ref.testScores);
    }
    const diff = method === 'manual' || a.length < 2 ? undefined : pairedDifference(a, b);
    const usd = own.map((r) => sumUsd(r.spend));
    return {
      method,
      test: {
        mean: interval.mean,
        low: Math.max(0, interval.low),
        high: Math.min(1, interval.high),
        perSeed,
        over: own.length >= 2 ? 'seeds' : 'examples',
      },
      vsManual:
        diff === undefined
          ? undefined
          : { mean: diff.mean, low: diff.low, high: diff.high, p: diff.pValue, n: diff.n },
      rollouts: mean(own.map((r) => r.spend.task.rollouts)),
      maxRollouts: Math.max(0, ...own.map((r) => r.spend.task.rollouts)),
      optimizerCalls: mean(own.map((r) => r.spend.optimizer.rollouts)),
      tokens: mean(
        own.map(
          (r) =>
            r.spend.task.inputTokens +
            r.spend.task.outputTokens +
            r.spend.optimizer.inputTokens +
            r.spend.optimizer.outputTokens,
        ),
      ),
      usd: usd.some((u) => u === undefined) ? undefined : mean(usd as number[]),
      wallSeconds: mean(own.map((r) => r.wallMs / 1000)),
      promptChars: mean(own.map((r) => r.bestPrompt.length)),
      budgetRespected: own.every((r) => r.withinBudget),
    };
  });
}

function sumUsd(spend: Spend): number | undefined {
  const { task, optimizer } = spend;
  return task.usd === undefined || optimizer.usd === undefined ? undefined : task.usd + optimizer.usd;
}

const points = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** Footnotes for one-time spend outside the per-method budget (SePO's pre-training). */
function oneTimeNotes(r: CompareResult): string[] {
  const byMethod = new Map<string, Spend[]>();
  for (const run of r.runs)
    if (run.oneTimeSpend !== undefined)
      byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run.oneTimeSpend]);
  return [...byMethod].map(([method, spends]) => {
    const mean = (f: (s: Spend) => number): number => spends.reduce((a, s) => a + f(s), 0) / spends.length;
    return `${method}: plus one-time pre-training of the prompt agent on its own budget line (sepo.md: shared by every target task), per seed ${Math.round(mean((s) => s.task.rollouts))} task rollouts and ${mean((s) => s.optimizer.calls + s.optimizer.cacheHits + s.optimizer.replayed).toFixed(1)} optimizer calls; limit it with --pretrain-budget, or pass --agent agent.json to reuse one.`;
  });
}

export function renderCompareMarkdown(r: CompareResult): string {
  const seeds =
    r.seeds.length === 1
      ? `seed ${r.seeds[0]}`
      : `${r.seeds.length} seeds (${r.seeds[0]}..${r.seeds.at(-1)})`;
  const lines = [
    ...(r.simulated ? [SIMULATED_BANNER, ''] : []),
    `sepo compare: ${r.task}, task model ${r.model}, prompt agent ${r.optimizerModel}; budget ${r.budget} task-model rollouts per method and seed; ${seeds}; test n=${r.testIds.length}`,
    '',
    '| method | test accuracy [95% CI] | Δ vs manual [95% CI] | p | rollouts | optimizer calls | tokens | USD | wall s | prompt chars |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.rows.map((row) => {
      const d = row.vsManual;
      return [
        row.method,
        `${pct(row.test.mean)} [${pct(row.test.low)}, ${pct(row.test.high)}]`,
        d === undefined ? '—' : `${points(d.mean)} [${points(d.low)}, ${points(d.high)}]`,
        d === undefined ? '—' : d.p.toPrecision(2),
        `${Math.round(row.rollouts)}${row.maxRollouts > row.rollouts ? ` (max ${row.maxRollouts})` : ''}`,
        row.optimizerCalls.toFixed(1),
        tokens(Math.round(row.tokens)),
        row.usd === undefined ? 'unknown' : `$${row.usd.toFixed(4)}`,
        row.wallSeconds.toFixed(2),
        String(Math.round(row.promptChars)),
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |');
    }),
    '',
    `Test accuracy: mean over seeds, 95% t interval over the seeds' accuracies${r.seeds.length === 1 ? ' (one seed: over test examples)' : ''}. Δ: paired difference with manual over every (seed, test example) pair, in points, two-sided paired t-test p. Rollouts (task model, optimization only), optimizer calls, tokens (both models), USD and wall time: means per seed. Test evaluation is exempt from the budget and the same for every method.`,
    ...oneTimeNotes(r),
    `Budget respected in every run: ${r.rows.every((row) => row.budgetRespected) ? 'yes' : 'NO'}. Total wall time ${(r.wallMs / 1000).toFixed(1)} s. Run ${r.runId}.`,
  ];
  return lines.join('\n');
}
