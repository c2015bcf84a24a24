import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CallFailures } from '../engine/call-failures.js';
import { ConfigError } from '../errors.js';
import type { Candidate } from '../optimizers/framework/candidate.js';
import type { MethodDetails } from '../optimizers/framework/method-details.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../optimizers/framework/optimizer-context.js';
import type { StopCategory } from '../optimizers/framework/stop-conditions.js';
import { rolloutBudget, stopFile } from '../optimizers/framework/stop-conditions.js';
import { addSpend } from '../optimizers/sepo/sepo-method.js';
import type { SelectionRecord } from '../p1/select-training-set.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import { proportionOrMeanInterval } from '../stats/intervals.js';
import { type PairedScoresTest, pairedTestForScores } from '../stats/paired-test-for-scores.js';
import { taskPassAtK } from '../tasks/arc/pass-at-k.js';
import { loadTemplates } from '../templates/load-templates.js';
import { type AgentSummary, agentSummary, preparePoolFor } from './agent-plan.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from './common-options.js';
import {
  type Accounting,
  assertBudgetFits,
  METHODS,
  methodByName,
  methodOptions,
  oneTimeSpendOf,
  runMethod,
} from './methods.js';
import type { RunContext } from './run-context.js';
import { SELECT_OPTIONS, selectTrainingSetFromOptions } from './select-training-set.js';
import type { OptionDef } from './settings.js';
import {
  pairedScored,
  scoredValues,
  type TestScores,
  testMetricName,
  testRequests,
  testScoresAtK,
} from './test-scores.js';

export interface Interval {
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
  /** The task's metric: "accuracy", or "pass@k" for a task scored by pass@k (ARC-AGI-1: pass@3). */
  readonly metric: string;
  /** Samples per test example (k of pass@k; 1 for accuracy). */
  readonly samples: number;
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
  /** What this result is; with `schemaVersion`, what the stored JSON is decoded by (docs/schemas/). */
  readonly kind: 'optimize';
  /** Version of this result's shape; a change that breaks readers bumps it. */
  readonly schemaVersion: 1;
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
  /** The method's own part, discriminated by `method`. */
  readonly details: MethodDetails | undefined;
  readonly promptFile: string;
  readonly agentFile: string | undefined;
  /** SePO's prompt agent: where it came from (`source`) and its provenance. */
  readonly agent?: AgentSummary;
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
  // The task's metric: pass@k (ARC-AGI-1: pass@3) runs k samples per example and scores each example 1
  // when any is correct; the intervals and the paired test are then over the per-example pass@k values.
  const k = taskPassAtK(task);
  const run = async (c: Candidate, label: string): Promise<TestScores> =>
    testScoresAtK(
      label,
      test,
      await ctx.engine.evaluate(task, testRequests(test, c.id, c.prompt, k), {
        label: `test ${c.id}`,
        exempt: true,
      }),
      k,
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
    metric: testMetricName(k),
    samples: k,
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
  const storeDir = ctx.options.stringOrDefault('store');
  const stopPath = join(storeDir, 'STOP');
  const minibatch = ctx.options.numberOrDefault('minibatch');
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
  const storeDir = ctx.options.stringOrDefault('store');
  const spec = methodByName(method);
  // Before any work: the pre-training pool is resolved (datasets downloaded when needed), and SePO stops
  // here when it has no pool and no agent (never the ablation silently).
  await preparePoolFor(ctx, task, [method]);
  const selection = await selectTrainingSetFromOptions(ctx, task, loadTemplates());
  const optimizerCtx: OptimizerContext = { ...optimizerContextFor(ctx, task), train: selection.examples };
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
  const agent = outcome.details?.method === 'sepo' ? outcome.details.agent : undefined;
  if (agent?.source === 'pretrained') {
    agentFile = join(storeDir, `${ctx.runId}.agent.json`);
    const provenance = agent.provenance ?? {
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
    kind: 'optimize',
    schemaVersion: 1,
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
    ...(agent === undefined ? {} : { agent: agentSummary(agent) }),
    selection: selection.record,
  };
}
export const OPTIMIZE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'method',
    kind: 'string',
    default: 'sepo',
    choices: METHODS.map((m) => m.name),
    description: 'optimizer',
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
