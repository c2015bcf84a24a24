import { planOpro, runOpro } from '../../optimizers/baselines/opro.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import type { RunContext } from '../run-context.js';
import type { MethodSpec } from './method-spec.js';

export const opro: MethodSpec = {
  name: 'opro',
  summary: 'OPRO: meta-prompt of the 20 best past prompts with scores and 3 exemplars, 8 new per step',
  options: [
    {
      name: 'opro-steps',
      kind: 'int',
      min: 1,
      description: 'OPRO steps (default: until --budget; 10 without one)',
    },
    { name: 'opro-proposals', kind: 'int', default: 8, min: 1, description: 'OPRO prompts per step' },
    { name: 'opro-history', kind: 'int', default: 20, min: 1, description: 'OPRO past prompts shown' },
    { name: 'opro-exemplars', kind: 'int', default: 3, min: 0, description: 'OPRO exemplars shown' },
    {
      name: 'opro-scoring',
      kind: 'int',
      min: 1,
      description:
        'OPRO training examples each prompt is scored on (default: the training split, or a sample of it sized to --budget)',
    },
  ],
  budgetNeed: (ctx, optimizer, accounting) => {
    const plan = planOpro(oproInput(ctx, optimizer, accounting.budget ?? Number.POSITIVE_INFINITY));
    return { minimum: plan.minimum, step: `the seed and one new prompt, each on ${plan.scoring} examples` };
  },
  run: (ctx, optimizer) => {
    const steps = ctx.options.number('opro-steps');
    const scoring = ctx.options.number('opro-scoring');
    return runOpro(optimizer, {
      ...(steps === undefined ? {} : { steps }),
      ...(scoring === undefined ? {} : { scoringSet: scoring }),
      proposalsPerStep: ctx.options.numberOrDefault('opro-proposals'),
      historySize: ctx.options.numberOrDefault('opro-history'),
      exemplars: ctx.options.numberOrDefault('opro-exemplars'),
      scoreThreshold: 0,
    });
  },
};

function oproInput(
  ctx: RunContext,
  optimizer: OptimizerContext,
  budget: number,
): Parameters<typeof planOpro>[0] {
  const steps = ctx.options.number('opro-steps');
  const scoring = ctx.options.number('opro-scoring');
  return {
    budget,
    proposals: ctx.options.numberOrDefault('opro-proposals'),
    trainSize: optimizer.train.length,
    ...(steps === undefined ? {} : { steps }),
    ...(scoring === undefined ? {} : { scoring }),
  };
}
