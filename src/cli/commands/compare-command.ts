import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BudgetExhaustedError, ConfigError } from '../../errors.js';
import { type Candidate, mergeSplitScore } from '../../optimizers/framework/candidate.js';
import type { MethodResult } from '../../optimizers/framework/method-result.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { meanInterval, pairedDifference, proportionOrMeanInterval } from '../../stats/intervals.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { pct, SIMULATED_BANNER, tokens } from '../format.js';
import { METHODS, methodByName, methodOptions } from '../methods.js';
import type { OptionDef, ParsedOptions } from '../options.js';
import { type RunContext, withRun } from '../run-context.js';
import { optimizerContextFor, saveCandidate, writeRunReport } from './optimize-command.js';

export const DEFAULT_COMPARE_METHODS = ['sepo', 'gepa', 'textgrad', 'opro', 'metaspo', 'manual'] as const;

export const COMPARE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'methods',
    kind: 'string',
    description: `comma-separated methods (default ${DEFAULT_COMPARE_METHODS.join(',')}; known: ${METHODS.map((m) => m.name).join(', ')}); manual is always run as the reference`,
  },
  { name: 'seeds', kind: 'int', min: 1, description: 'seeds per method: --seed, --seed+1, ... (default 5)' },
  { name: 'out', kind: 'string', description: 'also write the Markdown table to this file' },
  {
    name: 'report',
    kind: 'boolean',
    description: 'write the HTML report to <store>/<run>.report.html at the end (default; --no-report skips)',
  },
  ...methodOptions(),
  ...ENGINE_OPTIONS,
];

function oneTime(outcome: MethodResult): { oneTimeSpend?: Spend } {
  const stages = outcome.details?.spendByStage as { pretrain?: Spend } | undefined;
  const agent = outcome.details?.agent as { source?: string } | undefined;
  return stages?.pretrain !== undefined && agent?.source === 'pretrained-now'
    ? { oneTimeSpend: stages.pretrain }
    : {};
}

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

/** The methods to run: the given list (known names, no repeats) with manual added as the reference. */
export function parseMethods(spec: string | undefined): string[] {
  const names = (spec ?? DEFAULT_COMPARE_METHODS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of names) {
    if (!METHODS.some((m) => m.name === name))
      throw new ConfigError(
        '--methods',
        `unknown method "${name}"; known: ${METHODS.map((m) => m.name).join(', ')}`,
      );
  }
  const unique = [...new Set(names)];
  return unique.includes('manual') ? unique : [...unique, 'manual'];
}

/**
 * Runs every method on every seed, each with a fresh engine whose rollout budget is `budget` (so
 * budgets never mix and a method stops at its budget), its own run-log namespace, and the seed as
 * both the optimizer seed and the sampling seed. Every final prompt is then evaluated on the whole test
 * split with sample 0 by one budget-exempt engine per seed, so identical prompts get identical scores.
 */
export async function runComparison(
  ctx: RunContext,
  task: Task,
  settings: {
    readonly methods: readonly string[];
    readonly seeds: readonly number[];
    readonly budget: number;
  },
): Promise<CompareResult> {
  const started = Date.now();
  const test = task.splits.test;
  if (test.length === 0) throw new ConfigError('--task', `${task.id} has no test split to compare on`);
  const notes = new Set<string>();
  const note = (text: string): void => {
    if (!notes.has(text)) ctx.note(text);
    notes.add(text);
  };
  const limits = {
    maxRollouts: settings.budget,
    ...(ctx.options.number('max-cost') === undefined ? {} : { maxCostUsd: ctx.options.number('max-cost') }),
  };
  const runs: CompareRun[] = [];
  for (const method of settings.methods) {
    const spec = methodByName(method);
    for (const seed of settings.seeds) {
      const engine = ctx.engineWith({
        limits,
        seed,
        logNamespace: `${method}/s${seed}`,
        candidatePrefix: `${method}.s${seed}.`,
      });
      // Engines a method makes for itself (SePO's pre-training line) get this seed and a namespace of their own.
      const engineWith: RunContext['engineWith'] = (overrides) =>
        ctx.engineWith({
          seed,
          ...overrides,
          logNamespace: `${method}/s${seed}/${overrides.logNamespace ?? 'extra'}`,
        });
      const sub: RunContext = { ...ctx, engine, seed, note, engineWith };
      const prefix = `${method}.s${seed}.`;
      const save = (c: Candidate, level: 'task' | 'agent'): void =>
        saveCandidate(ctx, prefixed(c, prefix), level);
      const optimizer = { ...optimizerContextFor(sub, task), onCandidate: save };
      const t0 = Date.now();
      let outcome: MethodResult;
      try {
        outcome = await spec.run(sub, optimizer);
      } catch (error) {
        if (!(error instanceof BudgetExhaustedError)) throw error;
        const seedCandidate: Candidate = {
          id: 'seed',
          prompt: task.defaultSystemPrompt,
          parentId: undefined,
          generation: 0,
          status: 'seed',
          childrenCount: 0,
          scores: {},
        };
        outcome = {
          seed: seedCandidate,
          best: seedCandidate,
          archive: [seedCandidate],
          chosenBy: 'none',
          stopReason: `${error.message} (before the method returned: its seed prompt is reported)`,
        };
      }
      const wallMs = Date.now() - t0;
      if (outcome.details !== undefined)
        ctx.store.putArtifact(ctx.runId, `${method}.s${seed}`, outcome.details);
      const spend = engine.spend();
      const testEngine = ctx.engineWith({ limits: {}, seed, logNamespace: `test/s${seed}` });
      const rollouts = await testEngine.evaluate(
        task,
        test.map((example) => ({
          candidateId: `${prefix}${outcome.best.id}`,
          systemPrompt: outcome.best.prompt,
          example,
          sample: 0,
        })),
        { label: `test ${method} seed ${seed}`, exempt: true },
      );
      const scores = rollouts.map((r) => r.score);
      const best = {
        ...outcome.best,
        scores: { ...outcome.best.scores, test: mergeSplitScore(undefined, rollouts) },
      };
      save(best, 'task');
      const accuracy = scores.reduce((a, b) => a + b, 0) / scores.length;
      runs.push({
        method,
        seed,
        bestId: `${prefix}${outcome.best.id}`,
        bestPrompt: outcome.best.prompt,
        chosenBy: outcome.chosenBy,
        stopReason: outcome.stopReason,
        candidates: outcome.archive.length,
        ...oneTime(outcome),
        spend,
        wallMs,
        withinBudget: spend.task.rollouts <= settings.budget,
        testScores: scores,
        testAccuracy: accuracy,
      });
      ctx.note(
        `${method} seed ${seed}: test ${pct(accuracy)}, ${spend.task.rollouts} rollouts, ${spend.optimizer.rollouts} optimizer calls, ${(wallMs / 1000).toFixed(1)}s; ${outcome.stopReason}`,
      );
    }
  }
  return {
    runId: ctx.runId,
    task: task.id,
    model: ctx.taskModel.id,
    optimizerModel: ctx.optimizerModel.id,
    simulated: ctx.simulated,
    budget: settings.budget,
    seeds: settings.seeds,
    methods: settings.methods,
    testIds: test.map((e) => e.id),
    rows: summarizeRuns(runs, settings.methods),
    runs,
    wallMs: Date.now() - started,
  };
}

/** A copy of the candidate with its id and parent id prefixed (several runs share one store run). */
function prefixed(c: Candidate, prefix: string): Candidate {
  return {
    ...c,
    id: `${prefix}${c.id}`,
    parentId: c.parentId === undefined ? undefined : `${prefix}${c.parentId}`,
  };
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

export async function compareCommand(parsed: ParsedOptions, config: ConfigFile | undefined): Promise<number> {
  const { prepareTaskFromOptions } = await import('./eval-command.js');
  const outcome = await withRun('compare', parsed, config, async (ctx) => {
    const budget = ctx.options.number('budget');
    if (budget === undefined)
      throw new ConfigError('--budget', 'is required: task-model rollouts each method may use per seed');
    const count = ctx.options.number('seeds') ?? 5;
    return runComparison(ctx, await prepareTaskFromOptions(ctx.options, ctx.engine), {
      methods: parseMethods(ctx.options.string('methods')),
      seeds: Array.from({ length: count }, (_, i) => ctx.seed + i),
      budget,
    });
  });
  const result = outcome.result;
  if (result === undefined) return 1;
  const markdown = renderCompareMarkdown(result);
  const out = parsed.out;
  if (typeof out === 'string') {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${markdown}\n`);
  }
  const report = parsed.report === false ? undefined : writeRunReport(parsed, result.runId);
  process.stdout.write(
    parsed.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${markdown}\n${report === undefined ? '' : `report written to ${report}\n`}`,
  );
  return 0;
}
