import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type CallFailures,
  countedFailures,
  DEFAULT_ALLOWED_FAILURE_SHARE,
  excessiveFailures,
  failureWarnings,
} from '../../engine/call-failures.js';
import { ConfigError, EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import type { Candidate } from '../../optimizers/framework/candidate.js';
import type { MethodResult } from '../../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import type { StopCategory } from '../../optimizers/framework/stop-conditions.js';
import { rolloutBudget, stopFile } from '../../optimizers/framework/stop-conditions.js';
import { addSpend } from '../../optimizers/sepo/sepo-method.js';
import type { SelectionRecord } from '../../p1/select-training-set.js';
import { defaultReportPath, writeReport } from '../../report/write-report.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { proportionOrMeanInterval } from '../../stats/intervals.js';
import { type PairedScoresTest, pairedTestForScores } from '../../stats/paired-test-for-scores.js';
import { RunStore } from '../../store/run-store.js';
import { loadTemplates } from '../../templates/load-templates.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { intervalText, pct, SIMULATED_BANNER, spendText } from '../format.js';
import {
  type Accounting,
  assertBudgetFits,
  METHODS,
  methodByName,
  methodOptions,
  oneTimeSpendOf,
  runMethod,
} from '../methods.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';
import { type RunContext, withRun } from '../run-context.js';
import { SELECT_OPTIONS, selectTrainingSetFromOptions } from './select-training-set-options.js';
import { pairedScored, scoredValues, type TestScores, testScores } from './test-scores.js';

export const OPTIMIZE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'method',
    kind: 'string',
    choices: METHODS.map((m) => m.name),
    description: 'optimizer (default sepo)',
  },
  {
    name: 'out',
    kind: 'string',
    description: 'write the final prompt to this file (default <store>/<run>.prompt.txt)',
  },
  {
    name: 'report',
    kind: 'boolean',
    description: 'write the HTML report to <store>/<run>.report.html at the end (default; --no-report skips)',
  },
  ...methodOptions(),
  ...SELECT_OPTIONS,
  ...ENGINE_OPTIONS,
];

interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface TestComparison {
  /** Accuracy of each prompt over its scored test rollouts (Wilson for 0/1 scores, else t), 95%. */
  readonly seed: Interval;
  readonly best: Interval;
  /**
   * best − seed over the test examples scored for both: the exact McNemar test for 0/1 scores (with
   * Newcombe's interval for paired proportions), the sign-flip permutation test for graded scores
   * (with a paired bootstrap interval). `test` names the one used.
   */
  readonly difference: Interval & {
    readonly p: number;
    readonly test: PairedScoresTest['test'];
    readonly n: number;
  };
  /** Test examples planned for each prompt. */
  readonly n: number;
  /** Test rollouts scored per prompt (a failed call is not scored). */
  readonly scored: { readonly seed: number; readonly best: number };
  /** Failed calls on the test split, per prompt (provider errors after retries). */
  readonly callFailures: readonly CallFailures[];
  /** Per-example test scores (null: the call failed), for paired analyses across runs and flip tables. */
  readonly perExample: {
    readonly ids: readonly string[];
    readonly seed: readonly (number | null)[];
    readonly best: readonly (number | null)[];
  };
}

export interface OptimizeResult {
  readonly runId: string;
  readonly task: string;
  readonly model: string;
  readonly optimizerModel: string;
  readonly method: string;
  readonly simulated: boolean;
  readonly seedPrompt: string;
  readonly bestPrompt: string;
  readonly bestId: string;
  readonly chosenBy: string;
  readonly train: { readonly seed: number | undefined; readonly best: number | undefined };
  readonly val: { readonly seed: number | undefined; readonly best: number | undefined; readonly n: number };
  readonly test: TestComparison;
  /** 95% intervals over examples for the seed and the best on the train and validation examples they were scored on. */
  readonly intervals: Readonly<
    Record<'train' | 'val', { readonly seed: Interval | undefined; readonly best: Interval | undefined }>
  >;
  readonly archive: ReadonlyArray<{
    id: string;
    parentId: string | undefined;
    generation: number;
    status: string;
    train: number | undefined;
    val: number | undefined;
  }>;
  readonly stopReason: string;
  /** The kind of stop (budget, schedule, converged, no-proposals, ...). */
  readonly stopCategory?: StopCategory;
  readonly spend: Spend;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly promptFile: string;
  readonly agentFile: string | undefined;
  /** How the optimizer's training set was chosen (--select; p1.md). */
  readonly selection?: SelectionRecord;
}

export function saveCandidate(ctx: RunContext, c: Candidate, level: 'task' | 'agent'): void {
  const scores: Record<string, { mean: number; n: number }> = {};
  for (const [split, s] of Object.entries(c.scores)) scores[split] = { mean: s.mean, n: s.n };
  ctx.store.saveCandidate(ctx.runId, {
    id: c.id,
    parentId: c.parentId,
    generation: c.generation,
    level,
    prompt: c.prompt,
    status: c.status,
    scores,
    meta: {
      childrenCount: c.childrenCount,
      ...(c.rationale === undefined ? {} : { rationale: c.rationale }),
    },
  });
}

/**
 * Evaluates the seed and the best prompt once on the test split, with the same examples and samples,
 * outside the optimization budget (the user always gets the held-out comparison).
 */
export async function testComparison(
  ctx: RunContext,
  task: Task,
  seed: Candidate,
  best: Candidate,
): Promise<TestComparison> {
  const test = task.splits.test;
  if (test.length === 0) throw new ConfigError('--task', `${task.id} has no test split to report on`);
  const run = async (c: Candidate, label: string): Promise<TestScores> =>
    testScores(
      label,
      await ctx.engine.evaluate(
        task,
        test.map((example) => ({ candidateId: c.id, systemPrompt: c.prompt, example, sample: 0 })),
        { label: `test ${c.id}`, exempt: true },
      ),
    );
  const seedRun = await run(seed, 'test (seed)');
  const bestRun = best.id === seed.id ? seedRun : await run(best, 'test (best)');
  const [a, b] = pairedScored(bestRun.scores, seedRun.scores);
  if (a.length === 0)
    throw new ConfigError('--task', 'no test example was scored for both prompts (every call failed)');
  const diff = pairedTestForScores(a, b, { seed: ctx.seed });
  return {
    seed: proportionOrMeanInterval(scoredValues(seedRun.scores)),
    best: proportionOrMeanInterval(scoredValues(bestRun.scores)),
    difference: { mean: diff.mean, low: diff.low, high: diff.high, p: diff.p, test: diff.test, n: diff.n },
    n: test.length,
    scored: { seed: seedRun.failures.scored, best: bestRun.failures.scored },
    callFailures: best.id === seed.id ? [seedRun.failures] : [seedRun.failures, bestRun.failures],
    perExample: { ids: test.map((e) => e.id), seed: seedRun.scores, best: bestRun.scores },
  };
}

function splitInterval(c: Candidate, split: string): Interval | undefined {
  const perExample = Object.values(c.scores[split]?.perExample ?? {});
  if (perExample.length < 2) return undefined;
  const i = proportionOrMeanInterval(perExample);
  return { mean: i.mean, low: i.low, high: i.high };
}

/**
 * The run's whole spend: the run's engine, plus SePO's pre-training when it ran on its own budget line
 * (it is also shown by stage).
 */
function totalSpend(ctx: RunContext, outcome: MethodResult): Spend {
  const own = ctx.engine.spend();
  const oneTime = oneTimeSpendOf(outcome);
  return oneTime === undefined ? own : addSpend(own, oneTime);
}

/** The optimizer context of a run: training set, validation set, stop conditions, persistence hook. */
export function optimizerContextFor(ctx: RunContext, task: Task): OptimizerContext {
  const storeDir = ctx.options.string('store') ?? '.sepo';
  const stopPath = join(storeDir, 'STOP');
  const minibatch = ctx.options.number('minibatch') ?? 16;
  if (task.splits.train.length === 0) throw new ConfigError('--task', `${task.id} has no training examples`);
  return {
    engine: ctx.engine,
    task,
    train: task.splits.train,
    val: task.splits.val,
    seed: ctx.seed,
    templates: loadTemplates(),
    stopConditions: [rolloutBudget(2 * minibatch), stopFile(() => existsSync(stopPath), stopPath)],
    onCandidate: (c, level) => saveCandidate(ctx, c, level),
  };
}

/** Runs one method on one task and evaluates seed vs best on test: the body of `sepo optimize`. */
export async function optimizeOnce(ctx: RunContext, task: Task, method: string): Promise<OptimizeResult> {
  const storeDir = ctx.options.string('store') ?? '.sepo';
  const selection = await selectTrainingSetFromOptions(ctx, task, loadTemplates());
  const optimizerCtx: OptimizerContext = { ...optimizerContextFor(ctx, task), train: selection.examples };
  const spec = methodByName(method);
  // One-time work (SePO's pre-training, MetaSPO's meta-training on a pool) runs on its own budget line.
  const accounting: Accounting = { charged: false, budget: ctx.options.number('budget') };
  assertBudgetFits(spec, ctx, optimizerCtx, accounting, '');
  const { outcome } = await runMethod(spec, ctx, optimizerCtx, accounting, () => ctx.engine);
  const { seed, best } = outcome;
  const test = await testComparison(ctx, task, seed, best);
  const promptFile = ctx.options.string('out') ?? join(storeDir, `${ctx.runId}.prompt.txt`);
  mkdirSync(dirname(promptFile), { recursive: true });
  writeFileSync(promptFile, `${best.prompt}\n`);
  let agentFile: string | undefined;
  const agent = outcome.details?.agent as { source?: string; prompt?: string; pool?: string[] } | undefined;
  if (agent?.source === 'pretrained-now') {
    agentFile = join(storeDir, `${ctx.runId}.agent.json`);
    const provenance = {
      run: ctx.runId,
      target: task.id,
      pool: agent.pool,
      taskModel: ctx.taskModel.id,
      optimizerModel: ctx.optimizerModel.id,
      seed: ctx.seed,
      simulated: ctx.simulated,
    };
    writeFileSync(agentFile, `${JSON.stringify({ prompt: agent.prompt, provenance }, null, 2)}\n`);
  }
  return {
    runId: ctx.runId,
    task: task.id,
    model: ctx.taskModel.id,
    optimizerModel: ctx.optimizerModel.id,
    method,
    simulated: ctx.simulated,
    seedPrompt: seed.prompt,
    bestPrompt: best.prompt,
    bestId: best.id,
    chosenBy: outcome.chosenBy,
    train: { seed: seed.scores.train?.mean, best: best.scores.train?.mean },
    val: {
      seed: seed.scores.val?.mean,
      best: best.scores.val?.mean,
      n: Object.keys(seed.scores.val?.perExample ?? {}).length,
    },
    test,
    intervals: {
      train: { seed: splitInterval(seed, 'train'), best: splitInterval(best, 'train') },
      val: { seed: splitInterval(seed, 'val'), best: splitInterval(best, 'val') },
    },
    archive: outcome.archive.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      generation: c.generation,
      status: c.status,
      train: c.scores.train?.mean,
      val: c.scores.val?.mean,
    })),
    stopReason: outcome.stopReason,
    stopCategory: outcome.stopCategory,
    spend: totalSpend(ctx, outcome),
    details: outcome.details,
    promptFile,
    agentFile,
    selection: selection.record,
  };
}

export async function optimizeCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const { prepareTaskFromOptions } = await import('./eval-command.js');
  const outcome = await withRun('optimize', parsed, config, async (ctx) =>
    optimizeOnce(
      ctx,
      await prepareTaskFromOptions(ctx.options, ctx.engine),
      ctx.options.string('method') ?? 'sepo',
    ),
  );
  const result = outcome.result;
  if (result === undefined) return 1;
  const report = parsed.report === false ? undefined : writeRunReport(parsed, result.runId);
  const allowed = new Options(parsed).number('allow-failures') ?? DEFAULT_ALLOWED_FAILURE_SHARE;
  const counts = failureCounts(result);
  process.stdout.write(
    parsed.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${[...failureWarnings(counts, allowed), renderOptimizeResult(result)].join('\n')}${report === undefined ? '' : `\nreport written to ${report}`}\n`,
  );
  return excessiveFailures(counts, allowed).length > 0 ? EXIT_TOO_MANY_FAILURES : 0;
}

/** The failed-call counts an optimize result is judged by: the optimization's task line, then each test evaluation. */
export function failureCounts(r: OptimizeResult): CallFailures[] {
  const optimization = countedFailures('optimization', r.spend.task.rollouts, r.spend.task.failures);
  return [optimization, ...r.test.callFailures];
}

/** Writes `<store>/<run>.report.html` after a run finished; returns its path. */
export function writeRunReport(parsed: ParsedOptions, runId: string): string {
  const storeDir = typeof parsed.store === 'string' ? parsed.store : '.sepo';
  const store = RunStore.open(storeDir);
  try {
    return writeReport(store, runId, defaultReportPath(storeDir, runId));
  } finally {
    store.close();
  }
}

const maybePct = (x: number | undefined): string => (x === undefined ? '-' : pct(x));

function maybeInterval(i: Interval | undefined, point: number | undefined): string {
  return i === undefined ? maybePct(point) : `${pct(i.mean)} [${pct(i.low)}, ${pct(i.high)}]`;
}

/** SePO's spend per stage, when the method reports it. */
function stageLines(details: OptimizeResult['details']): string[] {
  const stages = details?.spendByStage as { pretrain?: Spend; fineTune?: Spend } | undefined;
  if (stages === undefined) return [];
  const line = (name: string, s: Spend | undefined): string[] =>
    s === undefined
      ? []
      : [
          `  ${name}: ${s.task.rollouts} task rollouts, ${s.optimizer.calls + s.optimizer.cacheHits + s.optimizer.replayed} optimizer calls, ${s.task.usd === undefined || s.optimizer.usd === undefined ? 'cost unknown' : `$${(s.task.usd + s.optimizer.usd).toFixed(4)}`}`,
        ];
  return ['by stage:', ...line('pre-training', stages.pretrain), ...line('fine-tuning', stages.fineTune)];
}

function agentLine(details: OptimizeResult['details']): string[] {
  const agent = details?.agent as
    | { source?: string; pretrainCandidates?: unknown[]; pool?: string[] }
    | undefined;
  if (agent === undefined) return [];
  if (agent.source === 'pretrained-now') {
    return [
      `prompt agent: pre-trained now on ${agent.pool?.join(', ')} (${agent.pretrainCandidates?.length ?? 0} agent candidates)`,
    ];
  }
  return [
    `prompt agent: ${agent.source === 'given' ? 'given (--agent)' : 'the seed prompt agent (no self-improvement)'}`,
  ];
}

/** How each paired test is named in the output. */
export const TEST_NAMES: Readonly<Record<PairedScoresTest['test'], string>> = {
  'mcnemar-exact': 'exact McNemar test; Newcombe interval',
  'paired-permutation': 'paired sign-flip permutation test; bootstrap interval',
};

const scoredNote = (scored: number, planned: number): string =>
  scored === planned ? '' : `  (${scored} scored of ${planned} planned: the other calls failed)`;

export function renderOptimizeResult(r: OptimizeResult): string {
  const d = r.test.difference;
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  const lines = [
    ...(r.simulated ? [SIMULATED_BANNER] : []),
    `sepo optimize: ${r.method} on ${r.task}, task model ${r.model}, prompt agent ${r.optimizerModel}${r.simulated ? ' (simulated)' : ''}`,
    ...agentLine(r.details),
    ...(r.selection === undefined || r.selection.method === 'all'
      ? []
      : [
          `training set (--select ${r.selection.method}): ${r.selection.chosenIds.join(', ')} of ${r.selection.available}; ${r.selection.reason}`,
        ]),
    `archive: ${r.archive.length} candidates, ${r.archive.filter((c) => c.status === 'admitted').length} admitted; best ${r.bestId} chosen by ${r.chosenBy}; stopped (${r.stopCategory ?? 'budget'}): ${r.stopReason}`,
    `               seed (Manual-CoT)              best`,
    `train          ${maybeInterval(r.intervals.train.seed, r.train.seed).padEnd(30)} ${maybeInterval(r.intervals.train.best, r.train.best)}`,
    `val (n=${String(r.val.n).padEnd(5)})  ${maybeInterval(r.intervals.val.seed, r.val.seed).padEnd(30)} ${maybeInterval(r.intervals.val.best, r.val.best)}`,
    `test (n=${r.test.n}): seed ${intervalText(r.test.seed)}${scoredNote(r.test.scored.seed, r.test.n)}`,
    `${' '.repeat(`test (n=${r.test.n}): `.length)}best ${intervalText(r.test.best)}${scoredNote(r.test.scored.best, r.test.n)}`,
    `difference (best - seed, paired over ${d.n} test examples): ${signed(d.mean)} points [95% CI ${signed(d.low)}, ${signed(d.high)}], p=${d.p.toPrecision(2)} (${TEST_NAMES[d.test]})`,
    spendText(r.spend),
    ...stageLines(r.details),
    'final prompt:',
    ...r.bestPrompt.split('\n').map((line) => `  | ${line}`),
    `final prompt written to ${r.promptFile}`,
    ...(r.agentFile === undefined ? [] : [`evolved prompt agent written to ${r.agentFile}`]),
    `run ${r.runId}`,
  ];
  return lines.join('\n');
}
