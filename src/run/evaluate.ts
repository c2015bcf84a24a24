import type { CallFailures } from '../engine/call-failures.js';
import { callFailures } from '../engine/call-failures.js';
import { ConfigError } from '../errors.js';
import type { SplitName } from '../spec/example.js';
import type { ScoredRollout } from '../spec/rollout.js';
import { scoredOnly } from '../spec/rollout.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import { meanInterval, proportionOrMeanInterval } from '../stats/intervals.js';
import { groupRolloutsByExample, passAtK, taskPassAtK } from '../tasks/arc/pass-at-k.js';
import { sha256 } from '../util/hash.js';
import { checkPlannedRollouts, LIMITS } from './bounds.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from './common-options.js';
import { prepareTaskFromOptions, readPromptOption, splitExamples } from './prepare-task.js';
import type { RunContext } from './run-context.js';
import type { OptionDef } from './settings.js';

export interface EvalResult {
  /** What this result is; with `schemaVersion`, what the stored JSON is decoded by (docs/schemas/). */
  readonly kind: 'eval';
  /** Version of this result's shape; a change that breaks readers bumps it. */
  readonly schemaVersion: 1;
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

/**
 * `sepo eval`'s use case: the prompt (--prompt, default the task's Manual-CoT) on a split, with its
 * accuracy over scored rollouts, pass@k when asked, failures and spend.
 */
export async function evaluatePrompt(ctx: RunContext, given?: Task): Promise<EvalResult> {
  const task = given ?? (await prepareTaskFromOptions(ctx.options, ctx.engine));
  const split = ctx.options.stringOrDefault('split') as SplitName | 'all';
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
    kind: 'eval',
    schemaVersion: 1,
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
}
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
    default: 'test',
    choices: ['train', 'val', 'test', 'all'],
    description: 'split to evaluate',
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
