import { ConfigError } from '../errors.js';
import { defaultMetaPrompt, generatorSystemPrompt } from '../p1/meta-prompt.js';
import {
  SELECTION_METHODS,
  type SelectionMethod,
  selectTrainingSet,
  type TrainingSelection,
} from '../p1/select-training-set.js';
import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import { NOISE_NEEDS_TWO } from '../stats/learnability.js';
import type { PromptTemplates } from '../templates/load-templates.js';
import { checkPlannedRollouts, LIMITS } from './bounds.js';
import type { RunContext } from './run-context.js';
import type { OptionDef } from './settings.js';

/** `sepo optimize --select ...`: the optimizer's training set (validation and test are not touched). */
export const SELECT_OPTIONS: readonly OptionDef[] = [
  {
    name: 'select',
    kind: 'string',
    default: 'all',
    choices: SELECTION_METHODS,
    description:
      'training set: all (default), random k, p1 (best subset of k), auto (p1 only if heterogeneous)',
  },
  {
    name: 'k',
    kind: 'int',
    default: 2,
    min: 1,
    max: LIMITS.examples,
    description: 'examples kept by --select random|p1|auto',
  },
  {
    name: 'select-n',
    kind: 'int',
    default: 16,
    min: 2,
    max: LIMITS.prompts,
    description: 'system prompts sampled for --select p1|auto',
  },
  {
    name: 'select-m',
    kind: 'int',
    default: 32,
    min: 1,
    max: LIMITS.samples,
    description: 'responses per cell for --select p1|auto',
  },
];

/**
 * Chooses `optimizerCtx.train` from the --select flags. The diagnosis (p1, auto) samples its system
 * prompts from the optimizer model with the task's meta-prompt and runs through the run's engine, so it
 * is cached, resumable and counted against --budget. Stores the selection (and any diagnosis) as the
 * run's "selection" artifact.
 */
export async function selectTrainingSetFromOptions(
  ctx: RunContext,
  task: Task,
  templates: PromptTemplates,
): Promise<TrainingSelection> {
  const options = ctx.options;
  const method = options.stringOrDefault('select') as SelectionMethod;
  const train: readonly Example[] = task.splits.train;
  if (train.length === 0) throw new ConfigError('--task', `${task.id} has no training examples`);
  const size = options.numberOrDefault('k');
  if (method !== 'all' && size > train.length) {
    throw new ConfigError('--k', `${size} exceeds the ${train.length} training examples of ${task.id}`);
  }
  if (method === 'p1' || method === 'auto') {
    const m = options.numberOrDefault('select-m');
    const n = options.numberOrDefault('select-n');
    if (m < 2)
      throw new ConfigError('--select-m', `${NOISE_NEEDS_TWO}; use --select-m 2 or more (default 32)`);
    checkPlannedRollouts(
      n * train.length * m,
      `N x K x M = ${n} x ${train.length} x ${m}`,
      '--select-m, --select-n or --train',
    );
  }
  const selection = await selectTrainingSet(ctx.engine, task, train, {
    method,
    size,
    seed: ctx.seed,
    samples: options.numberOrDefault('select-m'),
    ...(method === 'p1' || method === 'auto'
      ? {
          prompts: {
            kind: 'generate' as const,
            count: options.numberOrDefault('select-n'),
            metaPrompt: defaultMetaPrompt(task, templates),
            system: generatorSystemPrompt(templates),
          },
        }
      : {}),
  });
  ctx.store.putArtifact(ctx.runId, 'selection', {
    record: selection.record,
    ...(selection.diagnosis === undefined
      ? {}
      : { prompts: selection.diagnosis.prompts, analysis: selection.diagnosis.analysis }),
  });
  if (method !== 'all')
    ctx.note(
      `training set (--select ${method}): ${selection.record.chosenIds.join(', ')}; ${selection.record.reason}`,
    );
  return selection;
}
