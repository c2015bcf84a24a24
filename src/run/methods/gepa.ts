import { runGepa } from '../../optimizers/baselines/gepa.js';
import type { MethodSpec } from './method-spec.js';
import { valLimit } from './method-spec.js';

export const gepa: MethodSpec = {
  name: 'gepa',
  summary: 'GEPA: reflective mutation from minibatch feedback, Pareto-front selection, optional merge',
  options: [
    {
      name: 'reflection-minibatch',
      kind: 'int',
      default: 3,
      min: 1,
      description: 'GEPA training examples per reflection',
    },
    {
      name: 'max-metric-calls',
      kind: 'int',
      min: 1,
      description: 'GEPA task-model rollouts it may use (default: --budget)',
    },
    { name: 'merge', kind: 'boolean', description: 'GEPA+Merge: also merge candidates sharing an ancestor' },
    { name: 'max-merges', kind: 'int', default: 5, min: 0, description: 'GEPA merges accepted at most' },
  ],
  budgetNeed: (ctx, optimizer) => {
    const val = Math.min(valLimit(ctx), (optimizer.val.length > 0 ? optimizer.val : optimizer.train).length);
    const minibatch = Math.min(ctx.options.numberOrDefault('reflection-minibatch'), optimizer.train.length);
    return {
      minimum: val + 2 * minibatch,
      step: `the seed's validation (${val}) and a parent and a child on a reflection minibatch of ${minibatch}`,
    };
  },
  run: (ctx, optimizer) => {
    const cap = ctx.options.number('max-metric-calls');
    return runGepa(optimizer, {
      reflectionMinibatch: ctx.options.numberOrDefault('reflection-minibatch'),
      ...(cap === undefined ? {} : { maxMetricCalls: cap }),
      merge: ctx.options.boolean('merge') === true,
      maxMerges: ctx.options.numberOrDefault('max-merges'),
      mergeSubsample: 5,
      skipPerfect: true,
      valLimit: valLimit(ctx),
    });
  },
};
