import { BudgetExhaustedError, ConfigError } from '../errors.js';
import { type Candidate, mergeSplitScore } from '../optimizers/framework/candidate.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import { scoredOnly } from '../spec/rollout.js';
import type { Task } from '../spec/task.js';
import { taskPassAtK } from '../tasks/arc/pass-at-k.js';
import { loadTemplates } from '../templates/load-templates.js';
import { preparePoolFor } from './agent-plan.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from './common-options.js';
import { type CompareResult, type CompareRun, summarizeRuns } from './compare-table.js';
import { pct } from './format.js';
import {
  type Accounting,
  assertBudgetFits,
  METHODS,
  methodByName,
  methodOptions,
  oneTimeSpendOf,
  runMethod,
} from './methods.js';
import { optimizerContextFor, saveCandidate } from './optimize.js';
import type { RunContext } from './run-context.js';
import { SELECT_OPTIONS, selectTrainingSetFromOptions } from './select-training-set.js';
import type { OptionDef } from './settings.js';
import { scoredValues, testMetricName, testRequests, testScoresAtK } from './test-scores.js';

export const DEFAULT_COMPARE_METHODS = ['sepo', 'gepa', 'textgrad', 'opro', 'metaspo', 'manual'] as const;

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
    /** One-time work counts against `budget` (--charge-one-time). */
    readonly chargeOneTime?: boolean;
  },
): Promise<CompareResult> {
  const started = Date.now();
  const test = task.splits.test;
  if (test.length === 0) throw new ConfigError('--task', `${task.id} has no test split to compare on`);
  const k = taskPassAtK(task);
  const notes = new Set<string>();
  const note = (text: string): void => {
    if (!notes.has(text)) ctx.note(text);
    notes.add(text);
  };
  const limits = {
    maxRollouts: settings.budget,
    ...(ctx.options.number('max-cost') === undefined ? {} : { maxCostUsd: ctx.options.number('max-cost') }),
  };
  const accounting: Accounting = { charged: settings.chargeOneTime === true, budget: settings.budget };
  await preparePoolFor(ctx, task, settings.methods);
  preflight(ctx, task, settings.methods, accounting);
  // --select: one training set for every method and seed, chosen (with --seed) before any method runs.
  // Its diagnosis (p1, auto) is one-time work on its own engine, not charged to any method's --budget.
  const selection = await selectTrainingSetFromOptions(
    { ...ctx, engine: ctx.engineWith({ limits: {}, logNamespace: 'select' }) },
    task,
    loadTemplates(),
  );
  const runs: CompareRun[] = [];
  for (const method of settings.methods) {
    const spec = methodByName(method);
    for (const seed of settings.seeds) {
      // The per-target engine: the whole budget, or what a charged one-time stage left of it.
      const targetEngine = (maxRollouts: number | undefined) =>
        ctx.engineWith({
          limits: { ...limits, maxRollouts: maxRollouts ?? settings.budget },
          seed,
          logNamespace: `${method}/s${seed}`,
          candidatePrefix: `${method}.s${seed}.`,
        });
      let engine = targetEngine(settings.budget);
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
      const optimizer = { ...optimizerContextFor(sub, task), train: selection.examples, onCandidate: save };
      const t0 = Date.now();
      let outcome: MethodResult;
      try {
        const run = await runMethod(spec, sub, optimizer, accounting, (rollouts) => {
          engine = targetEngine(rollouts);
          return engine;
        });
        outcome = run.outcome;
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
          stopCategory: 'budget',
        };
      }
      const wallMs = Date.now() - t0;
      if (outcome.details !== undefined)
        ctx.store.putArtifact(ctx.runId, `${method}.s${seed}`, outcome.details);
      const spend = engine.spend();
      const testEngine = ctx.engineWith({ limits: {}, seed, logNamespace: `test/s${seed}` });
      // The task's metric: k samples per example and pass@k for a pass@k task (ARC-AGI-1: pass@3).
      const rollouts = await testEngine.evaluate(
        task,
        testRequests(test, `${prefix}${outcome.best.id}`, outcome.best.prompt, k),
        { label: `test ${method} seed ${seed}`, exempt: true },
      );
      const { scores, failures } = testScoresAtK(`test (${method}, seed ${seed})`, test, rollouts, k);
      const scored = scoredOnly(rollouts);
      const best = {
        ...outcome.best,
        scores: { ...outcome.best.scores, test: mergeSplitScore(undefined, scored) },
      };
      save(best, 'task');
      const values = scoredValues(scores);
      const accuracy = values.length === 0 ? Number.NaN : values.reduce((a, v) => a + v, 0) / values.length;
      const agent = outcome.details?.method === 'sepo' ? outcome.details.agent : undefined;
      const oneTimeSpend = oneTimeSpendOf(outcome);
      const charged = outcome.oneTime?.charged === true ? (oneTimeSpend?.task.rollouts ?? 0) : 0;
      runs.push({
        method,
        seed,
        bestId: `${prefix}${outcome.best.id}`,
        bestPrompt: outcome.best.prompt,
        chosenBy: outcome.chosenBy,
        stopReason: outcome.stopReason,
        stopCategory: outcome.stopCategory,
        candidates: outcome.archive.length,
        ...(oneTimeSpend === undefined ? {} : { oneTimeSpend }),
        ...(outcome.oneTime === undefined
          ? {}
          : { oneTimeWhat: outcome.oneTime.what, oneTimeCharged: outcome.oneTime.charged }),
        ...(agent?.source === 'reused' && agent.file !== undefined
          ? {
              reusedAgent: {
                file: agent.file,
                pool: agent.pool ?? [],
                pretrainedAt: agent.provenance?.createdAt ?? '',
              },
            }
          : {}),
        spend,
        wallMs,
        withinBudget: spend.task.rollouts + charged <= settings.budget,
        testScores: scores,
        testAccuracy: accuracy,
        testFailures: failures,
      });
      ctx.note(
        `${method} seed ${seed}: test ${k > 1 ? `${testMetricName(k)} ` : ''}${pct(accuracy)}, ${spend.task.rollouts} rollouts, ${spend.optimizer.rollouts} optimizer calls, ${(wallMs / 1000).toFixed(1)}s; ${outcome.stopReason}`,
      );
    }
  }
  return {
    kind: 'compare',
    schemaVersion: 1,
    runId: ctx.runId,
    task: task.id,
    model: ctx.taskModel.id,
    optimizerModel: ctx.optimizerModel.id,
    simulated: ctx.simulated,
    budget: settings.budget,
    chargeOneTime: accounting.charged,
    seeds: settings.seeds,
    methods: settings.methods,
    testIds: test.map((e) => e.id),
    metric: testMetricName(k),
    rows: summarizeRuns(runs, settings.methods, settings.budget),
    runs,
    wallMs: Date.now() - started,
  };
}

/**
 * Checks, before any method runs, that every method can take one step within the budget and that
 * --charge-one-time has something to charge: each problem is one ConfigError line (exit 2).
 */
function preflight(ctx: RunContext, task: Task, methods: readonly string[], accounting: Accounting): void {
  const optimizer = optimizerContextFor(ctx, task);
  for (const method of methods)
    assertBudgetFits(methodByName(method), ctx, optimizer, accounting, `, or drop ${method} from --methods`);
  if (accounting.charged && !methods.some((m) => methodByName(m).oneTime?.(ctx, optimizer) !== undefined)) {
    throw new ConfigError(
      '--charge-one-time',
      `none of ${methods.join(', ')} has one-time work on ${task.id} to charge (SePO's pre-training needs a pool and runs only when no cached agent fits, --fresh-agent forces it; MetaSPO's meta-training needs a --pool); drop the flag`,
    );
  }
}

/** A copy of the candidate with its id and parent id prefixed (several runs share one store run). */
function prefixed(c: Candidate, prefix: string): Candidate {
  return {
    ...c,
    id: `${prefix}${c.id}`,
    parentId: c.parentId === undefined ? undefined : `${prefix}${c.parentId}`,
  };
}
export const COMPARE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'methods',
    kind: 'string',
    description: `comma-separated methods (default ${DEFAULT_COMPARE_METHODS.join(',')}; known: ${METHODS.map((m) => m.name).join(', ')}); manual is always run as the reference`,
  },
  { name: 'seeds', kind: 'int', default: 5, min: 1, description: 'seeds per method: --seed, --seed+1, ...' },
  {
    name: 'charge-one-time',
    kind: 'boolean',
    description:
      "count one-time work (SePO's pre-training, MetaSPO's meta-training on a pool) against --budget, to compare at equal total spend (default: its own budget line)",
  },
  { name: 'out', kind: 'string', description: 'also write the Markdown table to this file' },
  {
    name: 'report',
    kind: 'boolean',
    description: 'write the HTML report to <store>/<run>.report.html at the end (default; --no-report skips)',
  },
  ...methodOptions(),
  ...SELECT_OPTIONS,
  ...ENGINE_OPTIONS,
];
