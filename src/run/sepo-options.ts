import { ConfigError } from '../errors.js';
import { ADMISSION_RULES, admissionRuleByName } from '../optimizers/framework/admission.js';
import { PARENT_SELECTORS, parentSelectorByName } from '../optimizers/framework/parent-selectors.js';
import type { AgentLevelOptions, PoolTask } from '../optimizers/sepo/agent-level-search.js';
import { selectPool } from '../optimizers/sepo/pool-selection.js';
import type { TaskLevelOptions } from '../optimizers/sepo/task-level-search.js';
import { simPoolTaskIds } from '../sim/index.js';
import type { Task } from '../spec/task.js';
import { loadTask } from '../tasks/load-task.js';
import type { OptionDef, Options } from './settings.js';

/** SePO's knobs, shared by `sepo optimize --method sepo` and `sepo pretrain`. */
export const SEPO_OPTIONS: readonly OptionDef[] = [
  { name: 'generations', kind: 'int', min: 1, description: 'fine-tuning generations G (default 5)' },
  { name: 'children', kind: 'int', min: 1, description: 'children per generation K (default 2)' },
  { name: 'minibatch', kind: 'int', min: 1, description: 'training examples per evaluation (default 16)' },
  {
    name: 'val-limit',
    kind: 'int',
    min: 0,
    description: 'validation examples used to pick the best (default 100; 0 = pick by train)',
  },
  {
    name: 'selector',
    kind: 'string',
    choices: PARENT_SELECTORS,
    description: 'parent selection (default score-child)',
  },
  {
    name: 'admission',
    kind: 'string',
    choices: ADMISSION_RULES,
    description: 'admission rule (default better-or-within-noise)',
  },
  {
    name: 'tolerance',
    kind: 'number',
    min: 0,
    description: 'fixed admission tolerance (default: standard error)',
  },
  {
    name: 'agent',
    kind: 'string',
    description: 'pre-trained prompt agent (agent.json from `sepo pretrain`)',
  },
  {
    name: 'no-self-improvement',
    kind: 'boolean',
    description: 'ablation: skip pre-training, use the seed agent prompt',
  },
  { name: 'no-archive', kind: 'boolean', description: 'ablation: linear chain of latest candidates' },
  {
    name: 'specialist',
    kind: 'boolean',
    description: 'pre-train on the one most related task (default: generalist pool)',
  },
  {
    name: 'pool',
    kind: 'string',
    description: 'pre-training pool: comma-separated task ids, or auto (default)',
  },
  { name: 'pool-size', kind: 'int', min: 1, description: 'generalist pool size (default 4)' },
  {
    name: 'pretrain-budget',
    kind: 'int',
    min: 1,
    description: 'task rollouts for pre-training, its own budget line (default unlimited)',
  },
  { name: 'pretrain-generations', kind: 'int', min: 1, description: 'pre-training generations (default 3)' },
  {
    name: 'pretrain-children',
    kind: 'int',
    min: 1,
    description: 'pre-training children per generation (default 2)',
  },
  {
    name: 'tasks-per-eval',
    kind: 'int',
    min: 1,
    description: 'pool tasks scoring each agent prompt (default 2)',
  },
  {
    name: 'inner-generations',
    kind: 'int',
    min: 1,
    description: 'generations of the inner runs that score an agent (default 2)',
  },
  { name: 'inner-minibatch', kind: 'int', min: 1, description: 'minibatch of the inner runs (default 8)' },
  { name: 'heldout', kind: 'int', min: 1, description: 'held-out examples per pool task (default 24)' },
];

export function fineTuneOptions(options: Options): Omit<TaskLevelOptions, 'agentPrompt'> {
  const selectorName =
    options.boolean('no-archive') === true ? 'latest' : (options.string('selector') ?? 'score-child');
  return {
    generations: options.number('generations') ?? 5,
    children: options.number('children') ?? 2,
    minibatch: options.number('minibatch') ?? 16,
    selector: parentSelectorByName(selectorName),
    admission: admissionRuleByName(
      options.string('admission') ?? 'better-or-within-noise',
      options.number('tolerance'),
    ),
    valLimit: selectionLimit(options),
  };
}

/**
 * How many validation examples SePO's selection set uses: --val-limit when given; else, under a
 * --budget, a tenth of it (at least 10, at most 100), so that scoring an admitted child on the whole
 * selection set never takes more than a tenth of the budget and a run is not cut short with much of
 * its budget unspent (SePO then uses about 90% or more of --budget); without a budget, 100.
 */
export function selectionLimit(options: Options): number {
  const explicit = options.number('val-limit');
  if (explicit !== undefined) return explicit;
  const budget = options.number('budget');
  return budget === undefined ? 100 : Math.max(10, Math.min(100, Math.floor(budget / 10)));
}

export function pretrainOptions(options: Options): Omit<AgentLevelOptions, 'seedAgentPrompt'> {
  const selectorName =
    options.boolean('no-archive') === true ? 'latest' : (options.string('selector') ?? 'score-child');
  return {
    generations: options.number('pretrain-generations') ?? 3,
    children: options.number('pretrain-children') ?? 2,
    tasksPerEval: options.number('tasks-per-eval') ?? 2,
    inner: {
      generations: options.number('inner-generations') ?? 2,
      children: options.number('children') ?? 2,
      minibatch: options.number('inner-minibatch') ?? 8,
      selector: parentSelectorByName(selectorName),
      admission: admissionRuleByName(
        options.string('admission') ?? 'better-or-within-noise',
        options.number('tolerance'),
      ),
    },
    selector: parentSelectorByName(selectorName),
    admission: admissionRuleByName(
      options.string('admission') ?? 'better-or-within-noise',
      options.number('tolerance'),
    ),
  };
}

/**
 * Candidate pool tasks for a target. A simulated model only knows its own world's tasks, so for
 * `sim:` targets "auto" means the world's pool tasks (flagged `pool` in the world file) other than the
 * target. Real built-in tasks join this list when the tasks layer provides them.
 */
export function poolCandidates(target: Task): string[] {
  if (target.id.startsWith('sim:')) {
    const world = target.id.slice(4).split('/')[0] ?? '';
    return simPoolTaskIds(world).filter((id) => loadTask(id).id !== target.id);
  }
  return [];
}

/** Resolves `--pool` (ids or auto) and `--specialist` into pool tasks with train and held-out examples. */
export function buildPool(options: Options, target: Task): PoolTask[] {
  const spec = options.string('pool') ?? 'auto';
  const ids =
    spec === 'auto'
      ? poolCandidates(target)
      : spec
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  const dataDir = options.string('data-dir');
  const tasks = ids.map((id) =>
    loadTask(id, dataDir === undefined ? {} : { dataDir, seed: options.number('seed') ?? 0 }),
  );
  if (tasks.some((t) => t.id === target.id))
    throw new ConfigError('--pool', `the target task ${target.id} cannot be in its own pre-training pool`);
  const chosen = selectPool(target, tasks, {
    mode: options.boolean('specialist') === true ? 'specialist' : 'generalist',
    size: options.number('pool-size') ?? 4,
  });
  const heldout = options.number('heldout') ?? 24;
  return chosen.map((task) => {
    const heldOut = (task.splits.val.length > 0 ? task.splits.val : task.splits.test).slice(0, heldout);
    return { task, train: task.splits.train, heldOut };
  });
}
