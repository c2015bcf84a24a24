import { readFileSync } from 'node:fs';
import {
  type CallFailures,
  callFailures,
  DEFAULT_ALLOWED_FAILURE_SHARE,
  excessiveFailures,
  failureWarnings,
} from '../../engine/call-failures.js';
import { Engine } from '../../engine/engine.js';
import { ConfigError, DataError, EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import { resolveModel } from '../../models/resolve-model.js';
import { attachTask, loadWorld } from '../../sim/index.js';
import type { JsonSchema } from '../../sim/json-schema.js';
import type { Example, SplitName } from '../../spec/example.js';
import { type ScoredRollout, scoredOnly } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { meanInterval, proportionOrMeanInterval } from '../../stats/intervals.js';
import { groupRolloutsByExample, passAtK, taskPassAtK } from '../../tasks/arc/pass-at-k.js';
import { type LoadTaskOptions, loadTask, loadTaskAsync } from '../../tasks/load-task.js';
import { JUDGE_SYSTEM_PROMPT, type JudgeFn } from '../../tasks/scorers/llm-judge-scorer.js';
import { sha256 } from '../../util/hash.js';
import { checkPlannedRollouts, LIMITS } from '../bounds.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { intervalText, SIMULATED_BANNER, spendText } from '../format.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';
import { withRun } from '../run-context.js';

export const EVAL_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'prompt',
    kind: 'string',
    description: "system prompt text, or @file (default: the task's Manual-CoT prompt)",
  },
  {
    name: 'split',
    kind: 'string',
    choices: ['train', 'val', 'test', 'all'],
    description: 'split to evaluate (default test)',
  },
  {
    name: 'limit',
    kind: 'int',
    min: 1,
    max: LIMITS.examples,
    description: 'evaluate only the first n examples of the split',
  },
  {
    name: 'samples',
    kind: 'int',
    min: 1,
    max: LIMITS.samples,
    description: 'responses per example (default 1, or k with --pass-at)',
  },
  {
    name: 'pass-at',
    kind: 'int',
    min: 1,
    max: LIMITS.samples,
    description:
      "also report pass@k over k samples per example (default: the task's k, e.g. 3 for arc-agi-1)",
  },
  ...ENGINE_OPTIONS,
];

export interface EvalResult {
  readonly task: string;
  readonly model: string;
  readonly simulated: boolean;
  readonly split: string;
  /** Over the scored rollouts: a call that failed (provider error after retries) is not an answer. */
  readonly accuracy: { mean: number; low: number; high: number; level: number };
  /** Scored rollouts. */
  readonly n: number;
  /** Rollouts planned (examples × samples); `planned - n` calls failed. */
  readonly planned: number;
  readonly callFailures: CallFailures;
  readonly examples: number;
  readonly samples: number;
  /** pass@k with its interval over examples, when k > 1 (the task's k, or --pass-at). */
  readonly passAtK?: {
    readonly k: number;
    readonly mean: number;
    readonly low: number;
    readonly high: number;
    readonly incomplete: number;
  };
  /** What the model got wrong, with the scorer's reason (no answer, unparsable, ...): scored 0. */
  readonly failures: ReadonlyArray<{ exampleId: string; sample: number; reason: string }>;
  readonly spend: Spend;
  readonly runId: string;
}

/** Reads `--prompt`: literal text, or `@path` for a file. */
export function readPromptOption(value: string, option = '--prompt'): string {
  if (!value.startsWith('@')) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new DataError(path, `file not found (from ${option} ${value})`);
  }
}

/** Everything `--task` loading reads from the flags (files behind @ are read here, not in scorers). */
export function taskLoadOptions(options: Options, judge?: JudgeFn): LoadTaskOptions {
  const inputField = options.string('input-field');
  const answerField = options.string('answer-field');
  const dataDir = options.string('data-dir');
  const scorer = options.string('scorer');
  const rubric = options.string('rubric');
  const pattern = options.string('pattern');
  const schema = options.string('schema');
  const tolerance = options.number('answer-tolerance');
  const moduleTimeout = options.number('task-timeout');
  const taskOptions: Record<string, number> = {};
  for (const name of ['train', 'val', 'test'] as const) {
    const n = options.number(name);
    if (n !== undefined) taskOptions[name] = n;
  }
  return {
    ...(inputField === undefined ? {} : { inputField }),
    ...(answerField === undefined ? {} : { answerField }),
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(scorer === undefined ? {} : { scorer }),
    scorerOptions: {
      ...(rubric === undefined ? {} : { rubric: readPromptOption(rubric, '--rubric') }),
      ...(pattern === undefined ? {} : { pattern }),
      ...(schema === undefined ? {} : { schema: readSchemaOption(schema) }),
      ...(tolerance === undefined ? {} : { tolerance }),
      ...(judge === undefined ? {} : { judge }),
    },
    taskOptions,
    seed: options.number('seed') ?? 0,
    ...(moduleTimeout === undefined ? {} : { moduleTimeoutMs: moduleTimeout * 1000 }),
  };
}

function readSchemaOption(value: string): JsonSchema {
  const text = value.startsWith('@') ? readPromptOption(value, '--schema') : value;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonSchema;
  } catch {
    // reported below
  }
  throw new ConfigError('--schema', 'expected a JSON schema object (inline JSON or @file)');
}

/** Synchronous task loading (no downloads, no task modules); prefer `prepareTaskFromOptions`. */
export function loadTaskFromOptions(options: Options, judge?: JudgeFn): Task {
  return loadTask(options.requireString('task'), taskLoadOptions(options, judge));
}

/**
 * The judge of an llm-judge scorer, through an engine: `--judge-model` gets an engine of its own;
 * otherwise the given engine's optimizer model judges (cached, retried, counted on its ledger).
 */
export function judgeForOptions(options: Options, engine: Engine | undefined): JudgeFn | undefined {
  const judgeModel = options.string('judge-model');
  let judgeEngine = engine;
  if (judgeModel !== undefined && judgeModel !== engine?.optimizerModel.id) {
    const model = resolveModel(judgeModel, { env: process.env });
    judgeEngine = new Engine({
      taskModel: model,
      optimizerModel: model,
      concurrency: options.number('concurrency') ?? 16,
    });
  }
  if (judgeEngine === undefined) return undefined;
  const target = judgeEngine;
  return async (prompt) => (await target.complete({ system: JUDGE_SYSTEM_PROMPT, prompt })).text;
}

/**
 * Loads `--task` for a command: downloads a missing built-in dataset first (progress on stderr
 * unless --quiet/--json), imports a task module, and wires an llm-judge scorer to the engine.
 */
export async function prepareTaskFromOptions(options: Options, engine?: Engine): Promise<Task> {
  const quiet = options.boolean('quiet') === true || options.boolean('json') === true;
  const task = await loadTaskAsync(options.requireString('task'), {
    ...taskLoadOptions(options, judgeForOptions(options, engine)),
    ...(quiet
      ? {}
      : { write: (text: string) => process.stderr.write(text), tty: process.stderr.isTTY === true }),
  });
  // A simulated task model simulates a real dataset only once the task is attached to its world
  // (the world declares it as an external task; otherwise this names the ones it declares).
  const model = engine?.taskModel;
  if (model?.provider === 'sim' && !task.id.startsWith('sim:'))
    attachTask(loadWorld(model.modelId.split('?')[0] ?? ''), task);
  return task;
}

export function splitExamples(task: Task, split: SplitName | 'all'): readonly Example[] {
  if (split === 'all') return [...task.splits.train, ...task.splits.val, ...task.splits.test];
  return task.splits[split];
}

/** Accuracy with its 95% interval; with several samples per example the interval is over examples. */
export function accuracyOf(
  rollouts: readonly ScoredRollout[],
  samples: number,
): { mean: number; low: number; high: number; level: number } {
  if (samples <= 1) return proportionOrMeanInterval(rollouts.map((r) => r.score));
  const byExample = new Map<string, number[]>();
  for (const r of rollouts) {
    const list = byExample.get(r.exampleId) ?? [];
    list.push(r.score);
    byExample.set(r.exampleId, list);
  }
  return meanInterval([...byExample.values()].map((s) => s.reduce((a, b) => a + b, 0) / s.length));
}

export async function evalCommand(parsed: ParsedOptions, config: ConfigFile | undefined): Promise<number> {
  const outcome = await withRun('eval', parsed, config, async (ctx) => {
    const task = await prepareTaskFromOptions(ctx.options, ctx.engine);
    const split = (ctx.options.string('split') ?? 'test') as SplitName | 'all';
    const limit = ctx.options.number('limit');
    const k = ctx.options.number('pass-at') ?? taskPassAtK(task);
    const samples = ctx.options.number('samples') ?? Math.max(k, 1);
    const inSplit = splitExamples(task, split);
    if (inSplit.length === 0) throw new ConfigError('--split', `the ${split} split of ${task.id} is empty`);
    const examples = limit === undefined ? inSplit : inSplit.slice(0, limit);
    checkPlannedRollouts(
      examples.length * samples,
      `${examples.length} examples x ${samples} samples`,
      '--samples or --limit',
    );
    const promptOption = ctx.options.string('prompt');
    const prompt = promptOption === undefined ? task.defaultSystemPrompt : readPromptOption(promptOption);
    const candidateId = `p-${sha256(prompt).slice(0, 10)}`;
    ctx.store.saveCandidate(ctx.runId, {
      id: candidateId,
      parentId: undefined,
      generation: 0,
      level: 'task',
      prompt,
      status: 'seed',
      scores: {},
    });
    const requests = examples.flatMap((example) =>
      Array.from({ length: samples }, (_, sample) => ({
        candidateId,
        systemPrompt: prompt,
        example,
        sample,
      })),
    );
    const all = await ctx.engine.evaluate(task, requests, { label: `eval ${split}` });
    const rollouts = scoredOnly(all);
    const accuracy = accuracyOf(rollouts, samples);
    const pass = k > 1 ? passAtK(groupRolloutsByExample(rollouts), k) : undefined;
    const passInterval = pass === undefined ? undefined : meanInterval([...pass.perExample.values()]);
    const result: EvalResult = {
      task: task.id,
      model: ctx.taskModel.id,
      simulated: ctx.simulated,
      split,
      accuracy,
      n: rollouts.length,
      planned: all.length,
      callFailures: callFailures(split, all),
      examples: examples.length,
      samples,
      ...(pass === undefined || passInterval === undefined
        ? {}
        : {
            passAtK: {
              k: pass.k,
              mean: passInterval.mean,
              low: passInterval.low,
              high: passInterval.high,
              incomplete: pass.incomplete.length,
            },
          }),
      failures: rollouts
        .filter((r) => r.failure !== undefined)
        .map((r) => ({ exampleId: r.exampleId, sample: r.sample, reason: r.failure ?? '' })),
      spend: ctx.engine.spend(),
      runId: ctx.runId,
    };
    return result;
  });
  const result = outcome.result;
  if (result === undefined) return 1;
  const allowed = new Options(parsed).number('allow-failures') ?? DEFAULT_ALLOWED_FAILURE_SHARE;
  const code = excessiveFailures([result.callFailures], allowed).length > 0 ? EXIT_TOO_MANY_FAILURES : 0;
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return code;
  }
  const lines = [
    ...failureWarnings([result.callFailures], allowed),
    ...(result.simulated ? [SIMULATED_BANNER] : []),
    `task ${result.task} (${result.split}), model ${result.model}${result.simulated ? ' (simulated)' : ''}`,
    `accuracy ${intervalText(result.accuracy)}  n=${result.n} scored of ${result.planned} planned (${result.examples} examples x ${result.samples} samples)`,
    ...(result.passAtK === undefined
      ? []
      : [
          `pass@${result.passAtK.k} ${intervalText(result.passAtK)}${result.passAtK.incomplete > 0 ? ` (${result.passAtK.incomplete} examples with fewer than ${result.passAtK.k} samples)` : ''}`,
        ]),
    spendText(result.spend),
    `failures: ${result.failures.length}${result.failures.length > 0 ? '' : ' (none)'}`,
    ...result.failures.slice(0, 20).map((f) => `  ${f.exampleId}#${f.sample}: ${f.reason}`),
    ...(result.failures.length > 20
      ? [`  ... ${result.failures.length - 20} more (sepo export ${result.runId})`]
      : []),
    ...(result.callFailures.failed === 0
      ? []
      : [
          `failed calls (not scored; --resume retries them): ${result.callFailures.failed}`,
          ...result.callFailures.examples.map((f) => `  ${f.exampleId}#${f.sample}: ${f.error}`),
        ]),
    `run ${result.runId}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return code;
}
