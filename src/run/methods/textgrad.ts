import { planTextGrad, runTextGrad } from '../../optimizers/baselines/textgrad.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import type { RunContext } from '../run-context.js';
import type { MethodSpec } from './method-spec.js';
import { valLimit } from './method-spec.js';

export const textgrad: MethodSpec = {
  name: 'textgrad',
  summary:
    'TextGrad: textual gradient descent (critique of failures, then an update), batch 3, steps until --budget',
  options: [
    {
      name: 'steps',
      kind: 'int',
      min: 1,
      description: 'TextGrad optimization steps (default: until --budget; 12 without one)',
    },
    { name: 'textgrad-batch', kind: 'int', default: 3, min: 1, description: 'TextGrad examples per step' },
    {
      name: 'validation-revert',
      kind: 'boolean',
      description:
        'TextGrad: revert an update when the validation score drops (default on, validation sized to --budget; --no-validation-revert applies every update)',
    },
  ],
  budgetNeed: (ctx, optimizer, accounting) => {
    const plan = planTextGrad(textGradInput(ctx, optimizer, accounting.budget ?? Number.POSITIVE_INFINITY));
    return {
      minimum: plan.minimum,
      step:
        plan.val > 0
          ? `the seed's validation (${plan.val}), a batch of ${plan.batch} and the update's validation`
          : `a batch of ${plan.batch}`,
    };
  },
  run: (ctx, optimizer) => {
    const steps = ctx.options.number('steps');
    return runTextGrad(optimizer, {
      ...(steps === undefined ? {} : { steps }),
      batchSize: ctx.options.numberOrDefault('textgrad-batch'),
      validationRevert: ctx.options.boolean('validation-revert') !== false,
      valLimit: valLimit(ctx),
      sizeValidation: ctx.options.number('val-limit') === undefined,
    });
  },
};

function textGradInput(
  ctx: RunContext,
  optimizer: OptimizerContext,
  budget: number,
): Parameters<typeof planTextGrad>[0] {
  const steps = ctx.options.number('steps');
  return {
    budget,
    batchSize: ctx.options.numberOrDefault('textgrad-batch'),
    trainSize: optimizer.train.length,
    valAvailable: Math.min(valLimit(ctx), optimizer.val.length),
    validationRevert: ctx.options.boolean('validation-revert') !== false,
    sizeValidation: ctx.options.number('val-limit') === undefined,
    ...(steps === undefined ? {} : { steps }),
  };
}
