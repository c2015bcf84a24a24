import { readFileSync } from 'node:fs';
import { ConfigError, DataError } from '../../errors.js';
import type { Example, SplitName } from '../../spec/example.js';
import type { Rollout } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { meanInterval, proportionOrMeanInterval } from '../../stats/intervals.js';
import { loadTask } from '../../tasks/load-task.js';
import { sha256 } from '../../util/hash.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { intervalText, SIMULATED_BANNER, spendText } from '../format.js';
import type { OptionDef, Options, ParsedOptions } from '../options.js';
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
  { name: 'limit', kind: 'int', min: 1, description: 'evaluate only the first n examples of the split' },
  { name: 'samples', kind: 'int', min: 1, description: 'responses per example (default 1)' },
  ...ENGINE_OPTIONS,
];

export interface EvalResult {
  readonly task: string;
  readonly model: string;
  readonly simulated: boolean;
  readonly split: string;
  readonly accuracy: { mean: number; low: number; high: number; level: number };
  readonly n: number;
  readonly examples: number;
  readonly samples: number;
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

export function loadTaskFromOptions(options: Options): Task {
  const inputField = options.string('input-field');
  const answerField = options.string('answer-field');
  const dataDir = options.string('data-dir');
  return loadTask(options.requireString('task'), {
    ...(inputField === undefined ? {} : { inputField }),
    ...(answerField === undefined ? {} : { answerField }),
    ...(dataDir === undefined ? {} : { dataDir }),
    seed: options.number('seed') ?? 0,
  });
}

export function splitExamples(task: Task, split: SplitName | 'all'): readonly Example[] {
  if (split === 'all') return [...task.splits.train, ...task.splits.val, ...task.splits.test];
  return task.splits[split];
}

/** Accuracy with its 95% interval; with several samples per example the interval is over examples. */
export function accuracyOf(
  rollouts: readonly Rollout[],
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
    const task = loadTaskFromOptions(ctx.options);
    const split = (ctx.options.string('split') ?? 'test') as SplitName | 'all';
    const limit = ctx.options.number('limit');
    const samples = ctx.options.number('samples') ?? 1;
    const all = splitExamples(task, split);
    if (all.length === 0) throw new ConfigError('--split', `the ${split} split of ${task.id} is empty`);
    const examples = limit === undefined ? all : all.slice(0, limit);
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
    const rollouts = await ctx.engine.evaluate(task, requests, { label: `eval ${split}` });
    const accuracy = accuracyOf(rollouts, samples);
    const result: EvalResult = {
      task: task.id,
      model: ctx.taskModel.id,
      simulated: ctx.simulated,
      split,
      accuracy,
      n: rollouts.length,
      examples: examples.length,
      samples,
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
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const lines = [
    ...(result.simulated ? [SIMULATED_BANNER] : []),
    `task ${result.task} (${result.split}), model ${result.model}${result.simulated ? ' (simulated)' : ''}`,
    `accuracy ${intervalText(result.accuracy)}  n=${result.n} (${result.examples} examples x ${result.samples} samples)`,
    spendText(result.spend),
    `failures: ${result.failures.length}${result.failures.length > 0 ? '' : ' (none)'}`,
    ...result.failures.slice(0, 20).map((f) => `  ${f.exampleId}#${f.sample}: ${f.reason}`),
    ...(result.failures.length > 20
      ? [`  ... ${result.failures.length - 20} more (sepo export ${result.runId})`]
      : []),
    `run ${result.runId}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
