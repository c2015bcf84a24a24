import type { CallFailures } from '../engine/call-failures.js';
import { explainsEarlyStop, type StopCategory } from '../optimizers/framework/stop-conditions.js';
import type { Spend } from '../spec/usage.js';
import { meanInterval, proportionOrMeanInterval } from '../stats/intervals.js';
import { adjustForMultipleMethods, type VersusReference, versusReference } from './compare-vs-reference.js';
import { pct, SIMULATED_BANNER, tokens } from './format.js';
import { scoredValues } from './test-scores.js';

/* The comparison table of `sepo compare`: per-run records in, per-method rows and Markdown out. Pure. */

/** One method on one seed: what it chose, what it spent, and its per-example test scores. */
export interface CompareRun {
  readonly method: string;
  readonly seed: number;
  readonly bestId: string;
  readonly bestPrompt: string;
  readonly chosenBy: string;
  readonly stopReason: string;
  /** The kind of stop; undefined when not recorded (counted as a budget stop). */
  readonly stopCategory?: StopCategory;
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
  /** What the one-time work was ("pre-training of the prompt agent on ..."). */
  readonly oneTimeWhat?: string;
  /** True when the one-time spend counted against the budget (--charge-one-time). */
  readonly oneTimeCharged?: boolean;
  /**
   * SePO's prompt agent came from the agent cache: pre-trained earlier (by another run, or by an earlier
   * seed of this one), so this run has no one-time spend for it.
   */
  readonly reusedAgent?: {
    readonly file: string;
    readonly pool: readonly string[];
    readonly pretrainedAt: string;
  };
  /** Test scores in the order of `CompareResult.testIds`; null where the call failed (not scored). */
  readonly testScores: readonly (number | null)[];
  /** Mean over the scored test rollouts. */
  readonly testAccuracy: number;
  /** Failed calls of the test evaluation (provider errors after retries). */
  readonly testFailures: CallFailures;
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
  /**
   * Difference with manual, per seed on the shared test set, then a paired t over the seeds (and a
   * two-level bootstrap, and Holm-adjusted p across methods); undefined for manual.
   */
  readonly vsManual: VersusReference | undefined;
  /** Means per seed of the optimization's spend. */
  readonly rollouts: number;
  readonly maxRollouts: number;
  readonly optimizerCalls: number;
  readonly tokens: number;
  readonly usd: number | undefined;
  readonly wallSeconds: number;
  readonly promptChars: number;
  readonly budgetRespected: boolean;
  /** Mean task rollouts per seed on the one-time line; undefined when the method has none. */
  readonly oneTimeRollouts: number | undefined;
  /** Lowest and highest share of the budget a seed used (charged one-time spend included). */
  readonly budgetUse: { readonly min: number; readonly max: number };
  /** Stop kinds of the seeds that used under 90% of the budget, with how many seeds each. */
  readonly earlyStops: readonly { readonly category: StopCategory; readonly seeds: number }[];
  /** A seed used outside 90-100% of the budget without a stop kind that explains it. */
  readonly spendFlag: boolean;
}

/** A run should use at least this share of its budget, or say why it stopped early. */
export const MIN_BUDGET_USE = 0.9;

/** Task rollouts a run charged to the budget: its own, plus its one-time work when charged. */
export function chargedRollouts(run: CompareRun): number {
  return run.spend.task.rollouts + (run.oneTimeCharged === true ? (run.oneTimeSpend?.task.rollouts ?? 0) : 0);
}

/** True when the run used outside 90-100% of the budget with no stop kind that explains it. */
export function unexplainedSpend(run: CompareRun, budget: number): boolean {
  const use = chargedRollouts(run) / budget;
  if (use > 1) return true;
  return use < MIN_BUDGET_USE && !explainsEarlyStop(run.stopCategory ?? 'budget');
}

export interface CompareResult {
  /** What this result is; with `schemaVersion`, what the stored JSON is decoded by (docs/schemas/). */
  readonly kind: 'compare';
  /** Version of this result's shape; a change that breaks readers bumps it. */
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly task: string;
  readonly model: string;
  readonly optimizerModel: string;
  readonly simulated: boolean;
  readonly budget: number;
  /** One-time work counted against the budget (--charge-one-time); otherwise on its own line. */
  readonly chargeOneTime?: boolean;
  readonly seeds: readonly number[];
  readonly methods: readonly string[];
  readonly testIds: readonly string[];
  /** The test metric: "accuracy", or "pass@k" for a pass@k task (ARC-AGI-1: pass@3, k samples per example). */
  readonly metric?: string;
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
export function summarizeRuns(
  runs: readonly CompareRun[],
  methods: readonly string[],
  budget?: number,
): CompareRow[] {
  const manual = runs.filter((r) => r.method === 'manual');
  const rows = methods.map((method): CompareRow => {
    const own = runs.filter((r) => r.method === method);
    const perSeed = own.map((r) => r.testAccuracy);
    const interval =
      own.length >= 2
        ? meanInterval(perSeed)
        : proportionOrMeanInterval(scoredValues(own[0]?.testScores ?? []));
    const vsManual =
      method === 'manual'
        ? undefined
        : versusReference(
            own.map((r) => ({ seed: r.seed, scores: r.testScores })),
            manual.map((r) => ({ seed: r.seed, scores: r.testScores })),
            { bootstrapSeed: own[0]?.seed ?? 0 },
          );
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
      vsManual,
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
      ...spendSummary(own, budget),
    };
  });
  return adjustForMultipleMethods(rows);
}

/** One-time spend, budget use and early stops of one method's runs (no budget: use is 0). */
function spendSummary(
  own: readonly CompareRun[],
  budget: number | undefined,
): Pick<CompareRow, 'oneTimeRollouts' | 'budgetUse' | 'earlyStops' | 'spendFlag'> {
  const oneTime = own.flatMap((r) => (r.oneTimeSpend === undefined ? [] : [r.oneTimeSpend.task.rollouts]));
  const uses = own.map((r) => (budget === undefined || budget <= 0 ? 0 : chargedRollouts(r) / budget));
  const early = new Map<StopCategory, number>();
  own.forEach((r, i) => {
    if ((uses[i] ?? 0) < MIN_BUDGET_USE) {
      const category = r.stopCategory ?? 'budget';
      early.set(category, (early.get(category) ?? 0) + 1);
    }
  });
  return {
    oneTimeRollouts: oneTime.length === 0 ? undefined : mean(oneTime),
    budgetUse: { min: Math.min(...uses, 1), max: Math.max(...uses, 0) },
    earlyStops: [...early].map(([category, seeds]) => ({ category, seeds })),
    spendFlag: budget !== undefined && budget > 0 && own.some((r) => unexplainedSpend(r, budget)),
  };
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** The budget-use cell: the share of the budget (a range over seeds), flagged when unexplained. */
function budgetUseCell(row: CompareRow): string {
  const { min, max } = row.budgetUse;
  const range = percent(min) === percent(max) ? percent(max) : `${percent(min)}–${percent(max)}`;
  return row.spendFlag ? `⚠ ${range}` : range;
}

/** The early-stop cell: why seeds under 90% of the budget stopped ("converged ×2"), or — for none. */
function earlyStopCell(row: CompareRow): string {
  if (row.earlyStops.length === 0) return '—';
  return row.earlyStops.map((e) => (e.seeds === 1 ? e.category : `${e.category} ×${e.seeds}`)).join(', ');
}

function sumUsd(spend: Spend): number | undefined {
  const { task, optimizer } = spend;
  return task.usd === undefined || optimizer.usd === undefined ? undefined : task.usd + optimizer.usd;
}

const points = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

/** Footnotes: what each method's one-time work was, and which accounting the table uses. */
function oneTimeNotes(r: CompareResult): string[] {
  const byMethod = new Map<string, CompareRun[]>();
  for (const run of r.runs)
    if (run.oneTimeSpend !== undefined) byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run]);
  const perMethod = [...byMethod].map(([method, own]) => {
    const spends = own.flatMap((run) => (run.oneTimeSpend === undefined ? [] : [run.oneTimeSpend]));
    const mean = (f: (s: Spend) => number): number => spends.reduce((a, s) => a + f(s), 0) / spends.length;
    return `${method}: one-time ${own[0]?.oneTimeWhat ?? 'work'}, per seed that ran it ${Math.round(mean((s) => s.task.rollouts))} task rollouts and ${mean((s) => s.optimizer.calls + s.optimizer.cacheHits + s.optimizer.replayed).toFixed(1)} optimizer calls.`;
  });
  const accounting = r.chargeOneTime
    ? `Accounting: one-time work (SePO's pre-training, MetaSPO's meta-training on a pool) is charged to the budget (--charge-one-time): "budget use" includes it, so every method competes at equal total spend.`
    : `Accounting: one-time work (SePO's pre-training, MetaSPO's meta-training on a pool) runs on its own budget line, shared by every target task (the papers' accounting), shown as "one-time rollouts" and not in "budget use"; --charge-one-time counts it against the budget (limit it with --pretrain-budget; --agent agent.json reuses a pre-trained agent).`;
  const flagged = r.rows.filter((row) => row.spendFlag).map((row) => row.method);
  return [
    ...perMethod,
    ...reusedAgentNotes(r),
    ...(byMethod.size > 0 || r.chargeOneTime === true ? [accounting] : []),
    `Budget use: task rollouts a seed used of the budget (lowest–highest over seeds); "early stop" says why seeds under ${percent(MIN_BUDGET_USE)} stopped (converged, no-proposals, schedule, one-time, ...).${flagged.length > 0 ? ` ⚠ ${flagged.join(', ')}: a seed used outside ${percent(MIN_BUDGET_USE)}–100% of the budget with no stated reason.` : ''}`,
  ];
}

/**
 * Seeds whose prompt agent came from the agent cache: they paid no pre-training in this comparison (its
 * cost was paid once, when the agent was pre-trained), which the table must say.
 */
function reusedAgentNotes(r: CompareResult): string[] {
  const byFile = new Map<string, CompareRun[]>();
  for (const run of r.runs)
    if (run.reusedAgent !== undefined)
      byFile.set(run.reusedAgent.file, [...(byFile.get(run.reusedAgent.file) ?? []), run]);
  return [...byFile].map(([file, runs]) => {
    const agent = runs[0]?.reusedAgent;
    const seeds = runs.map((run) => run.seed).join(', ');
    const methods = [...new Set(runs.map((run) => run.method))].join(', ');
    const pretrainedHere = r.runs
      .filter((run) => run.oneTimeSpend !== undefined && runs.some((own) => own.method === run.method))
      .map((run) => run.seed);
    const paid =
      pretrainedHere.length > 0
        ? `its pre-training is the one-time spend of seed ${pretrainedHere.join(', ')} above`
        : 'its pre-training was paid by an earlier run and is not in this table';
    return `${methods}: prompt agent reused from ${file} (pre-trained ${agent?.pretrainedAt.slice(0, 10) ?? '?'} on ${agent?.pool.join(', ') ?? '?'}) by seed${runs.length === 1 ? '' : 's'} ${seeds}, with no one-time spend; ${paid}.`;
  });
}

/** What the Δ columns mean: the seed is the replicated unit. */
function deltaNote(r: CompareResult): string {
  const k = r.seeds.length;
  const tested = r.rows.filter((row) => row.vsManual?.pHolm !== undefined).length;
  return [
    `Δ vs manual, in points: computed per seed (each seed is one optimization run, paired with manual's run on the same test set), then a paired t over the ${k} seed${k === 1 ? '' : 's'} (df = ${Math.max(0, k - 1)}), two-sided p.`,
    k < 3
      ? 'With fewer than 3 seeds no interval over seeds can be computed: no p is given (run --seeds 3 or more).'
      : tested >= 2
        ? `p (Holm): adjusted for the ${tested} methods tested against manual.`
        : '',
    k >= 2
      ? 'Two-level bootstrap: resamples seeds, then the shared test examples (10,000 replicates, percentile interval).'
      : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
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
    `| method | test ${r.metric ?? 'accuracy'} [95% CI] | Δ vs manual [95% CI over seeds] | p (t over seeds) | p (Holm) | Δ [two-level bootstrap CI] | rollouts | one-time rollouts | budget use | early stop | optimizer calls | tokens | USD | wall s | prompt chars |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.rows.map((row) => {
      const d = row.vsManual;
      const t = d?.overSeeds;
      return [
        row.method,
        `${pct(row.test.mean)} [${pct(row.test.low)}, ${pct(row.test.high)}]`,
        d === undefined
          ? '—'
          : t?.ok === true
            ? `${points(t.mean)} [${points(t.low)}, ${points(t.high)}]`
            : `${points(d.mean)} [n/a: < 3 seeds]`,
        t?.ok === true ? t.p.toPrecision(2) : '—',
        d?.pHolm === undefined ? '—' : d.pHolm.toPrecision(2),
        d?.bootstrap === undefined ? '—' : `[${points(d.bootstrap.low)}, ${points(d.bootstrap.high)}]`,
        `${Math.round(row.rollouts)}${row.maxRollouts > row.rollouts ? ` (max ${row.maxRollouts})` : ''}`,
        row.oneTimeRollouts === undefined
          ? '—'
          : `${Math.round(row.oneTimeRollouts)}${r.chargeOneTime === true ? ' (charged)' : ''}`,
        budgetUseCell(row),
        earlyStopCell(row),
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
    `Test ${r.metric ?? 'accuracy'}: mean over seeds, 95% t interval over the seeds' values${r.seeds.length === 1 ? ' (one seed: over test examples)' : ''}, over scored test rollouts (a failed call is not scored)${r.metric !== undefined && r.metric !== 'accuracy' ? `; ${r.metric}: ${r.metric.slice(5)} samples per test example, an example counts 1 when any is correct (the task's metric), and Δ is over these per-example values` : ''}. ${deltaNote(r)} Rollouts (task model, optimization only), optimizer calls, tokens (both models), USD and wall time: means per seed. Test evaluation is exempt from the budget and the same for every method.`,
    ...oneTimeNotes(r),
    `Budget respected in every run: ${r.rows.every((row) => row.budgetRespected) ? 'yes' : 'NO'}. Total wall time ${(r.wallMs / 1000).toFixed(1)} s. Run ${r.runId}.`,
  ];
  return lines.join('\n');
}
