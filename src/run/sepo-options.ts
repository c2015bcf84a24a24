import { ADMISSION_RULES, admissionRuleByName } from '../optimizers/framework/admission.js';
import { PARENT_SELECTORS, parentSelectorByName } from '../optimizers/framework/parent-selectors.js';
import type { AgentLevelOptions } from '../optimizers/sepo/agent-level-search.js';
import type { TaskLevelOptions } from '../optimizers/sepo/task-level-search.js';
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
  {
    name: 'pretrain-generations',
    kind: 'int',
    min: 1,
    description: "pre-training generations (default 5, the paper's G)",
  },
  {
    name: 'pretrain-children',
    kind: 'int',
    min: 1,
    description: "pre-training children per generation (default 2, the paper's K)",
  },
  {
    name: 'fresh-agent',
    kind: 'boolean',
    description: 'pre-train a new prompt agent even when the agent cache holds one for these settings',
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
    generations: options.number('pretrain-generations') ?? 5,
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
    heldout: options.number('heldout') ?? 24,
    selector:
      options.boolean('no-archive') === true ? 'latest' : (options.string('selector') ?? 'score-child'),
    admission: options.string('admission') ?? 'better-or-within-noise',
    tolerance: options.number('tolerance'),
    pretrainBudget: options.number('pretrain-budget'),
    // Charged to --budget (compare --charge-one-time), pre-training gets a share of it.
    chargedBudget: options.boolean('charge-one-time') === true ? options.number('budget') : undefined,
  };
}
