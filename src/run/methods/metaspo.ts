import { type MetaSpoOptions, metaSpoBudgetRefusal, runMetaSpo } from '../../optimizers/baselines/metaspo.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import type { RunContext } from '../run-context.js';
import { buildPool } from '../sepo-options.js';
import type { MethodSpec } from './method-spec.js';

/** MetaSPO's schedule from the flags. */
function metaSpoOptions(ctx: RunContext, budgetFlag: string): MetaSpoOptions {
  const examples = ctx.options.number('metaspo-examples');
  return {
    iterations: ctx.options.numberOrDefault('metaspo-iterations'),
    systemCandidates: ctx.options.numberOrDefault('system-candidates'),
    userCandidates: ctx.options.numberOrDefault('user-candidates'),
    beam: ctx.options.numberOrDefault('beam'),
    budgetFlag,
    ...(examples === undefined ? {} : { examplesPerTask: examples }),
  };
}

const metaPool = (ctx: RunContext, optimizer: OptimizerContext) =>
  buildPool(ctx.options, optimizer.task, ctx.taskModel).map((p) => ({ task: p.task, train: p.train }));

/**
 * MetaSPO with a pool meta-trains on it once (its one-time stage, like SePO's pre-training) and applies
 * the meta-trained system prompt to the target as is (its unseen-generalization setting): it spends
 * nothing of --budget unless the one-time stage is charged to it. Without a pool it meta-trains on the
 * target's own training set, within --budget.
 */
export const metaspo: MethodSpec = {
  name: 'metaspo',
  summary: 'MetaSPO: bilevel (user prompts per task, system prompt across a pool of tasks), 3 iterations',
  options: [
    { name: 'metaspo-iterations', kind: 'int', default: 3, min: 1, description: 'MetaSPO iterations' },
    {
      name: 'system-candidates',
      kind: 'int',
      default: 9,
      min: 1,
      description: 'MetaSPO system prompts per iteration',
    },
    {
      name: 'user-candidates',
      kind: 'int',
      default: 3,
      min: 0,
      description: 'MetaSPO user prompts per task per iteration',
    },
    { name: 'beam', kind: 'int', default: 3, min: 1, description: 'MetaSPO user prompts kept per task' },
    {
      name: 'metaspo-examples',
      kind: 'int',
      min: 1,
      description:
        'MetaSPO training examples per task per evaluation (default: fit its budget, at most 50; a budget leaving fewer than 10 is refused)',
    },
  ],
  oneTime: (ctx, optimizer) => {
    const pool = metaPool(ctx, optimizer);
    if (pool.length === 0) return undefined;
    const ids = pool.map((p) => p.task.id);
    return {
      what: `meta-training on ${ids.join(', ')}`,
      namespace: 'metaspo-meta',
      chargedShare: (budget) => budget,
      run: async (engine, line) => {
        const meta = await runMetaSpo({ ...optimizer, engine }, pool, metaSpoOptions(ctx, line.budgetFlag));
        return async () =>
          line.charged
            ? meta
            : {
                ...meta,
                stopReason: `${meta.stopReason}; the meta-trained prompt is applied to ${optimizer.task.id} as is`,
                stopCategory: 'one-time',
              };
      },
    };
  },
  run: (ctx, optimizer) => {
    ctx.note(
      `note: no meta-training pool for ${optimizer.task.id} (pass --pool <task ids>); MetaSPO meta-trains on the target's training set`,
    );
    return runMetaSpo(optimizer, [], metaSpoOptions(ctx, '--budget'));
  },
  budgetNeed: (ctx, optimizer, accounting) => {
    const pool = metaPool(ctx, optimizer);
    const pretrainBudget = ctx.options.number('pretrain-budget');
    const [budget, flag] =
      pool.length === 0 || accounting.charged
        ? [accounting.budget, '--budget']
        : [pretrainBudget, '--pretrain-budget'];
    if (budget === undefined) return undefined;
    const tasks = pool.length > 0 ? pool : [{ task: optimizer.task, train: optimizer.train }];
    const refusal = metaSpoBudgetRefusal(tasks, budget, metaSpoOptions(ctx, flag));
    if (refusal !== undefined) throw refusal;
    return undefined;
  },
};
