import type { Engine } from '../engine/engine.js';
import { ConfigError } from '../errors.js';
import { runGepa } from '../optimizers/baselines/gepa.js';
import { type MetaSpoOptions, metaSpoBudgetRefusal, runMetaSpo } from '../optimizers/baselines/metaspo.js';
import { planOpro, runOpro } from '../optimizers/baselines/opro.js';
import { runRandomSearch } from '../optimizers/baselines/random-search.js';
import { planTextGrad, runTextGrad } from '../optimizers/baselines/textgrad.js';
import type { Candidate } from '../optimizers/framework/candidate.js';
import type { SepoDetails } from '../optimizers/framework/method-details.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../optimizers/framework/optimizer-context.js';
import { runAgentLevelSearch } from '../optimizers/sepo/agent-level-search.js';
import { runSepo } from '../optimizers/sepo/sepo-method.js';
import type { Spend } from '../spec/usage.js';
import { requireTemplate } from '../templates/load-templates.js';
import { type AgentDetails, agentPlan, cacheAgent, recordAgentDecision } from './agent-plan.js';
import type { RunContext } from './run-context.js';
import { buildPool, fineTuneOptions, pretrainOptions, SEPO_OPTIONS, selectionLimit } from './sepo-options.js';
import type { OptionDef } from './settings.js';

/**
 * How a run accounts for one-time work (SePO's pre-training, MetaSPO's meta-training on a pool):
 * on a budget line of its own (default, the papers' accounting: shared by every target task), or
 * charged to --budget (`--charge-one-time`, to compare methods at equal total spend).
 */
export interface Accounting {
  readonly charged: boolean;
  /** --budget: task rollouts the method's run may use (undefined: unlimited). */
  readonly budget: number | undefined;
}

/** What the per-target stage needs in order to start: the rollouts it needs for one step. */
export interface BudgetNeed {
  readonly minimum: number;
  /** What one step is, for the refusal message. */
  readonly step: string;
}

/**
 * A method's one-time stage for this run: work shared by every target task, run before the
 * per-target stage on an engine of its own. Its spend is reported apart (the table's "one-time
 * rollouts") and, when charged, deducted from the per-target stage's budget.
 */
export interface OneTimeStage {
  /** What the work is, for notes and the table footer ("pre-training of the prompt agent on ..."). */
  readonly what: string;
  /** Run-log namespace of its engine (resume replays it from there). */
  readonly namespace: string;
  /** Rollouts of --budget it may use when charged; the rest is the per-target stage's. */
  chargedShare(budget: number): number;
  /**
   * Runs the one-time work on `engine` and returns the per-target stage. `budgetFlag` is the flag that
   * bounds `engine` (named in a refusal), `charged` whether its spend counts against --budget.
   */
  run(
    engine: Engine,
    line: { readonly budgetFlag: string; readonly charged: boolean },
  ): Promise<(optimizer: OptimizerContext) => Promise<MethodResult>>;
}

/**
 * The optimization methods `sepo optimize --method <name>` and `sepo compare` know: each turns the
 * command-line options into a run of its optimizer over the shared context. Add a method here (with
 * its options) and both commands get it. `runMethod` runs one, with its one-time stage if it has one.
 */
export interface MethodSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionDef[];
  /** The per-target run (the whole run for a method without a one-time stage). */
  run(ctx: RunContext, optimizer: OptimizerContext): Promise<MethodResult>;
  /** This run's one-time stage, or undefined when there is none (no pool, a given agent, ...). */
  oneTime?(ctx: RunContext, optimizer: OptimizerContext): OneTimeStage | undefined;
  /**
   * What the method needs of --budget for one step on this task, or undefined when any budget does;
   * may itself throw a ConfigError that says more (MetaSPO's refusal).
   */
  budgetNeed?(ctx: RunContext, optimizer: OptimizerContext, accounting: Accounting): BudgetNeed | undefined;
}

const manual: MethodSpec = {
  name: 'manual',
  summary: "the task's Manual-CoT system prompt, evaluated as is (the reference row)",
  options: [],
  run: async (_ctx, optimizer) => {
    const seed: Candidate = {
      id: 't0',
      prompt: optimizer.task.defaultSystemPrompt,
      parentId: undefined,
      generation: 0,
      status: 'seed',
      childrenCount: 0,
      scores: {},
    };
    optimizer.onCandidate?.(seed, 'task');
    return {
      seed,
      best: seed,
      archive: [seed],
      chosenBy: 'none',
      stopReason: 'manual: the Manual-CoT prompt is evaluated as is',
      stopCategory: 'none',
      details: { method: 'manual' },
    };
  },
};

/** Validation examples a method may use: --val-limit (default 100) of the task's validation split. */
const valLimit = (ctx: RunContext): number => ctx.options.number('val-limit') ?? 100;

/** The fine-tuning loop's needs: the seed's validation, then a parent and a child on one minibatch. */
function fineTuneNeed(ctx: RunContext, optimizer: OptimizerContext): BudgetNeed {
  const val = Math.min(selectionLimit(ctx.options), optimizer.val.length);
  const minibatch = Math.min(ctx.options.numberOrDefault('minibatch'), optimizer.train.length);
  // One step: the parent on a feedback minibatch and on an admission minibatch, and the child on the
  // admission minibatch (docs/sepo-decisions.md); with no validation split, the held-back selection set.
  const selection = val > 0 ? val : Math.min(2 * minibatch, Math.floor(optimizer.train.length / 3));
  return {
    minimum: selection + 3 * minibatch,
    step: `the seed's ${val > 0 ? 'validation' : 'held-back selection set'} (${selection}) and a parent and a child on minibatches of ${minibatch}`,
  };
}

/**
 * SePO's pre-training is a one-time cost shared by every target task (sepo.md, the paper's accounting):
 * it runs on its own budget line (`--pretrain-budget` rollouts, default unlimited), and `--budget`
 * bounds fine-tuning, as for every other method. Charged to --budget, it gets `--pretrain-budget` of
 * it (default half). `--max-cost` covers both. A pre-trained agent is kept in the agent cache
 * (agent-plan.ts) and a later run with the same key reuses it: no one-time stage then.
 */
const sepo: MethodSpec = {
  name: 'sepo',
  summary: 'SePO: self-evolving prompt agent (pre-training on a pool, or a cached agent, then fine-tuning)',
  options: SEPO_OPTIONS,
  oneTime: (ctx, optimizer) => {
    const plan = agentPlan(ctx, optimizer.task);
    if (plan.source !== 'pretrain') return undefined;
    const ids = plan.pool.map((p) => p.task.id);
    return {
      what: `pre-training of the prompt agent on ${ids.join(', ')}`,
      namespace: 'sepo-pretrain',
      chargedShare: (budget) => ctx.options.number('pretrain-budget') ?? Math.floor(budget / 2),
      run: async (engine) => {
        // Recorded before any work: a resumed run replays this pre-training from its run log instead
        // of picking up the agent it cached itself.
        recordAgentDecision(ctx, { source: 'pretrained', key: plan.key });
        const seedAgentPrompt = requireTemplate(optimizer.templates, 'sepo-agent-seed');
        const pretrain = await runAgentLevelSearch(
          {
            engine,
            pool: plan.pool,
            seed: optimizer.seed,
            templates: optimizer.templates,
            ...(optimizer.onCandidate === undefined ? {} : { onCandidate: optimizer.onCandidate }),
          },
          { ...pretrainOptions(ctx.options), seedAgentPrompt },
        );
        const pretrainSpend = engine.spend();
        const cached = cacheAgent(ctx, optimizer.task, plan, pretrain, pretrainSpend);
        return async (target) => {
          const outcome = await fineTune(ctx, target, {
            source: 'pretrained',
            prompt: pretrain.best.prompt,
            pool: ids,
            ...(cached.file === undefined ? {} : { file: cached.file }),
            provenance: cached.agent.provenance,
            pretrainStopReason: pretrain.stopReason,
            pretrainCandidates: pretrain.archive.all().map((c) => ({
              id: c.id,
              parentId: c.parentId,
              status: c.status,
              improvement: c.scores.improvement?.mean,
            })),
          });
          return {
            ...outcome,
            details: {
              ...outcome.details,
              spendByStage: { pretrain: pretrainSpend, fineTune: outcome.details.spendByStage.fineTune },
            },
          };
        };
      },
    };
  },
  run: (ctx, optimizer) => {
    const plan = agentPlan(ctx, optimizer.task);
    switch (plan.source) {
      case 'given':
        return fineTune(ctx, optimizer, { source: 'given', prompt: plan.prompt, file: plan.file });
      case 'seed':
        return fineTune(ctx, optimizer, {
          source: 'seed',
          prompt: requireTemplate(optimizer.templates, 'sepo-agent-seed'),
        });
      case 'reused':
        recordAgentDecision(ctx, { source: 'reused', key: plan.key, file: plan.file, agent: plan.agent });
        return fineTune(ctx, optimizer, {
          source: 'reused',
          prompt: plan.agent.prompt,
          pool: plan.agent.provenance.pool,
          file: plan.file,
          provenance: plan.agent.provenance,
        });
      case 'pretrain':
        throw new Error('SePO: pre-training runs as the one-time stage (use runMethod)');
    }
  },
  budgetNeed: (ctx, optimizer, accounting) => {
    const need = fineTuneNeed(ctx, optimizer);
    const stage =
      accounting.charged && accounting.budget !== undefined ? sepo.oneTime?.(ctx, optimizer) : undefined;
    if (stage === undefined || accounting.budget === undefined) return need;
    const share = stage.chargedShare(accounting.budget);
    return {
      minimum: share + need.minimum,
      step: `pre-training's share (${share}, --pretrain-budget) and ${need.step}`,
    };
  },
};

/** SePO's fine-tuning on the target task with the given prompt agent, which the result's details name. */
async function fineTune(
  ctx: RunContext,
  optimizer: OptimizerContext,
  agent: AgentDetails,
): Promise<MethodResult & { readonly details: SepoDetails }> {
  const result = await runSepo(optimizer, {
    fineTune: fineTuneOptions(ctx.options),
    seedAgentPrompt: requireTemplate(optimizer.templates, 'sepo-agent-seed'),
    ...(agent.source === 'seed' ? {} : { agentPrompt: agent.prompt }),
  });
  return {
    seed: result.fineTune.seed,
    best: result.fineTune.best,
    archive: result.fineTune.archive.all(),
    chosenBy: result.fineTune.chosenBy,
    stopReason: result.fineTune.stopReason,
    stopCategory: result.fineTune.stopCategory,
    details: {
      method: 'sepo',
      agent,
      spendByStage: result.spendByStage,
      proposals: result.fineTune.proposals.length,
    },
  };
}

const textgrad: MethodSpec = {
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

const gepa: MethodSpec = {
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

const opro: MethodSpec = {
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
const metaspo: MethodSpec = {
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

const random: MethodSpec = {
  name: 'random',
  summary: "ablation: SePO's loop with rewrites that see no feedback, no examples and no scores",
  options: [],
  run: (ctx, optimizer) => runRandomSearch(optimizer, fineTuneOptions(ctx.options)),
};

/** Spend a method made on its one-time line (shown apart; part of --budget when `charged`). */
export function oneTimeSpendOf(outcome: MethodResult): Spend | undefined {
  return outcome.oneTime?.spend;
}

/** The result of one method's run, with the engine its per-target stage ran on (whose spend is reported). */
export interface MethodRun {
  readonly outcome: MethodResult;
  readonly engine: Engine;
}

/**
 * Runs a method: its one-time stage first when it has one (on an engine of its own, limited by
 * --pretrain-budget; or, charged, by its share of --budget), then its per-target stage on
 * `targetEngine(rollouts)`: the whole budget, less what a charged one-time stage spent. `optimizer`
 * is the per-target context; its engine is replaced by the per-target engine.
 */
export async function runMethod(
  spec: MethodSpec,
  ctx: RunContext,
  optimizer: OptimizerContext,
  accounting: Accounting,
  targetEngine: (maxRollouts: number | undefined) => Engine,
): Promise<MethodRun> {
  const stage = spec.oneTime?.(ctx, optimizer);
  if (stage === undefined) {
    const engine = targetEngine(accounting.budget);
    return { outcome: await spec.run(ctx, { ...optimizer, engine }), engine };
  }
  const charged = accounting.charged && accounting.budget !== undefined;
  const maxCost = ctx.options.number('max-cost');
  const limit = charged
    ? Math.min(stage.chargedShare(accounting.budget ?? 0), accounting.budget ?? 0)
    : ctx.options.number('pretrain-budget');
  const oneTimeEngine = ctx.engineWith({
    limits: {
      ...(limit === undefined ? {} : { maxRollouts: limit }),
      ...(maxCost === undefined ? {} : { maxCostUsd: maxCost }),
    },
    logNamespace: stage.namespace,
  });
  const finish = await stage.run(oneTimeEngine, {
    budgetFlag: charged ? '--budget' : '--pretrain-budget',
    charged,
  });
  const spend = oneTimeEngine.spend();
  const engine = targetEngine(
    charged && accounting.budget !== undefined
      ? Math.max(0, accounting.budget - spend.task.rollouts)
      : accounting.budget,
  );
  // A cost limit covers the whole run: what the one-time line spent counts against it.
  engine.chargeExternalCost(spend);
  const outcome = await finish({ ...optimizer, engine });
  return { outcome: { ...outcome, oneTime: { what: stage.what, spend, charged } }, engine };
}

/**
 * Refuses a budget below what a method needs for one step on the task, with one line that says what
 * the step is and how to fix it (MetaSPO throws its own, more specific refusal).
 */
export function assertBudgetFits(
  spec: MethodSpec,
  ctx: RunContext,
  optimizer: OptimizerContext,
  accounting: Accounting,
  alternative: string,
): void {
  const budget = accounting.budget;
  const need = spec.budgetNeed?.(ctx, optimizer, accounting);
  if (budget === undefined || need === undefined || budget >= need.minimum) return;
  throw new ConfigError(
    '--budget',
    `${budget} task rollouts are below what ${spec.name} needs for one step on ${optimizer.task.id}: ${need.minimum} (${need.step}); raise --budget to ${need.minimum}${alternative}`,
  );
}

export const METHODS: readonly MethodSpec[] = [sepo, manual, textgrad, metaspo, gepa, opro, random];

export function methodByName(name: string): MethodSpec {
  const method = METHODS.find((m) => m.name === name);
  if (method === undefined)
    throw new ConfigError(
      '--method',
      `unknown method "${name}"; known: ${METHODS.map((m) => m.name).join(', ')}`,
    );
  return method;
}

/** Every method's options, each once (for the optimize and compare commands' flag tables). */
export function methodOptions(): OptionDef[] {
  const seen = new Set<string>();
  return METHODS.flatMap((m) => m.options).filter((o) => !seen.has(o.name) && seen.add(o.name) !== undefined);
}
