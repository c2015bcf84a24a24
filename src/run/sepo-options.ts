import { ADMISSION_RULES, admissionRuleByName } from '../optimizers/framework/admission.js';
import { PARENT_SELECTORS, parentSelectorByName } from '../optimizers/framework/parent-selectors.js';
import type { AgentLevelOptions } from '../optimizers/sepo/agent-level-search.js';
import type { TaskLevelOptions } from '../optimizers/sepo/task-level-search.js';
import type { OptionDef, Options } from './settings.js';

/** SePO's knobs, shared by `sepo optimize --method sepo` and `sepo pretrain`. */
export const SEPO_OPTIONS: readonly OptionDef[] = [
  { name: 'generations', kind: 'int', default: 5, min: 1, description: 'fine-tuning generations G' },
  { name: 'children', kind: 'int', default: 2, min: 1, description: 'children per generation K' },
  { name: 'minibatch', kind: 'int', default: 16, min: 1, description: 'training examples per evaluation' },
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
    default: 'better-or-within-noise',
    choices: ADMISSION_RULES,
    description: 'admission rule',
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
    default: 'auto',
    description: 'pre-training pool: comma-separated task ids, or auto (default)',
  },
  { name: 'pool-size', kind: 'int', default: 4, min: 1, description: 'generalist pool size' },
  {
    name: 'pretrain-budget',
    kind: 'int',
    min: 1,
    description: 'task rollouts for pre-training, its own budget line (default unlimited)',
  },
  {
    name: 'pretrain-generations',
    kind: 'int',
    default: 5,
    min: 1,
    description: 'pre-training generations',
  },
  {
    name: 'pretrain-children',
    kind: 'int',
    default: 2,
    min: 1,
    description: 'pre-training children per generation',
  },
  {
    name: 'fresh-agent',
    kind: 'boolean',
    description: 'pre-train a new prompt agent even when the agent cache holds one for these settings',
  },
  {
    name: 'tasks-per-eval',
    kind: 'int',
    default: 2,
    min: 1,
    description: 'pool tasks scoring each agent prompt',
  },
  {
    name: 'inner-generations',
    kind: 'int',
    default: 2,
    min: 1,
    description: 'generations of the inner runs that score an agent',
  },
  { name: 'inner-minibatch', kind: 'int', default: 8, min: 1, description: 'minibatch of the inner runs' },
  { name: 'heldout', kind: 'int', default: 24, min: 1, description: 'held-out examples per pool task' },
];

export function fineTuneOptions(options: Options): Omit<TaskLevelOptions, 'agentPrompt'> {
  const selectorName =
    options.boolean('no-archive') === true ? 'latest' : (options.string('selector') ?? 'score-child');
  return {
    generations: options.numberOrDefault('generations'),
    children: options.numberOrDefault('children'),
    minibatch: options.numberOrDefault('minibatch'),
    selector: parentSelectorByName(selectorName),
    admission: admissionRuleByName(options.stringOrDefault('admission'), options.number('tolerance')),
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
    generations: options.numberOrDefault('pretrain-generations'),
    children: options.numberOrDefault('pretrain-children'),
    tasksPerEval: options.numberOrDefault('tasks-per-eval'),
    inner: {
      generations: options.numberOrDefault('inner-generations'),
      children: options.numberOrDefault('children'),
      minibatch: options.numberOrDefault('inner-minibatch'),
      selector: parentSelectorByName(selectorName),
      admission: admissionRuleByName(options.stringOrDefault('admission'), options.number('tolerance')),
    },
    selector: parentSelectorByName(selectorName),
    admission: admissionRuleByName(options.stringOrDefault('admission'), options.number('tolerance')),
  };
}

// The pool (`--pool`, `--specialist`, `--pool-size`, `--heldout`) is resolved in sepo-pool.ts.
export { buildPool, poolCandidates } from './sepo-pool.js';

/**
 * The pre-training settings that shape the evolved agent, with their defaults filled in: part of the key
 * of a cached pre-trained agent (agent-cache.ts), and its provenance.
 */
export function pretrainSettings(options: Options): Record<string, string | number | boolean | undefined> {
  const o = pretrainOptions(options);
  return {
    generations: o.generations,
    children: o.children,
    tasksPerEval: o.tasksPerEval,
    innerGenerations: o.inner.generations,
    innerChildren: o.inner.children,
    innerMinibatch: o.inner.minibatch,
    heldout: options.numberOrDefault('heldout'),
    selector:
      options.boolean('no-archive') === true ? 'latest' : (options.string('selector') ?? 'score-child'),
    admission: options.stringOrDefault('admission'),
    tolerance: options.number('tolerance'),
    pretrainBudget: options.number('pretrain-budget'),
    // Charged to --budget (compare --charge-one-time), pre-training gets a share of it.
    chargedBudget: options.boolean('charge-one-time') === true ? options.number('budget') : undefined,
  };
}
