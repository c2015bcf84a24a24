import type { Engine } from '../engine/engine.js';
import { ConfigError } from '../errors.js';
import { runGepa } from '../optimizers/baselines/gepa.js';
import { runMetaSpo } from '../optimizers/baselines/metaspo.js';
import { runOpro } from '../optimizers/baselines/opro.js';
import { runRandomSearch } from '../optimizers/baselines/random-search.js';
import { runTextGrad } from '../optimizers/baselines/textgrad.js';
import type { Candidate } from '../optimizers/framework/candidate.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../optimizers/framework/optimizer-context.js';
import { runSepo } from '../optimizers/sepo/sepo-method.js';
import type { Spend } from '../spec/usage.js';
import { requireTemplate } from '../templates/load-templates.js';
import { readAgentFile } from './agent-file.js';
import type { OptionDef } from './options.js';
import type { RunContext } from './run-context.js';
import { buildPool, fineTuneOptions, pretrainOptions, SEPO_OPTIONS } from './sepo-options.js';

/**
 * The optimization methods `sepo optimize --method <name>` and `sepo compare` know: each turns the
 * command-line options into a run of its optimizer over the shared context. Add a method here (with
 * its options) and both commands get it.
 */
export interface MethodSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionDef[];
  run(ctx: RunContext, optimizer: OptimizerContext): Promise<MethodResult>;
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
    };
  },
};

/**
 * SePO's pre-training is a one-time cost shared by every target task (sepo.md, the paper's accounting):
 * it runs on its own budget line (`--pretrain-budget` rollouts), and `--budget` bounds fine-tuning, as
 * for every other method. `--max-cost` covers both.
 */
function pretrainEngine(ctx: RunContext): Engine {
  const rollouts = ctx.options.number('pretrain-budget');
  const maxCost = ctx.options.number('max-cost');
  return ctx.engineWith({
    limits: {
      ...(rollouts === undefined ? {} : { maxRollouts: rollouts }),
      ...(maxCost === undefined ? {} : { maxCostUsd: maxCost }),
    },
    logNamespace: 'sepo-pretrain',
  });
}

const sepo: MethodSpec = {
  name: 'sepo',
  summary: 'SePO: self-evolving prompt agent (pre-training on a pool when available, then fine-tuning)',
  options: SEPO_OPTIONS,
  run: async (ctx, optimizer) => {
    const agentFile = ctx.options.string('agent');
    const noSelf = ctx.options.boolean('no-self-improvement') === true;
    const pool = agentFile !== undefined || noSelf ? [] : buildPool(ctx.options, optimizer.task);
    if (agentFile === undefined && !noSelf && pool.length === 0) {
      ctx.note(
        `note: no pre-training pool for ${optimizer.task.id} (pass --pool <task ids>); fine-tuning with the seed prompt agent`,
      );
    }
    const result = await runSepo(optimizer, {
      fineTune: fineTuneOptions(ctx.options),
      seedAgentPrompt: requireTemplate(optimizer.templates, 'sepo-agent-seed'),
      ...(agentFile === undefined ? {} : { agentPrompt: readAgentFile(agentFile) }),
      ...(pool.length === 0
        ? {}
        : { pretrain: { pool, options: pretrainOptions(ctx.options), engine: pretrainEngine(ctx) } }),
    });
    return {
      seed: result.fineTune.seed,
      best: result.fineTune.best,
      archive: result.fineTune.archive.all(),
      chosenBy: result.fineTune.chosenBy,
      stopReason: result.fineTune.stopReason,
      details: {
        agent: {
          source: result.agentSource,
          prompt: result.agentPrompt,
          pool: pool.map((p) => p.task.id),
          pretrainCandidates:
            result.pretrain?.archive.all().map((c) => ({
              id: c.id,
              parentId: c.parentId,
              status: c.status,
              improvement: c.scores.improvement?.mean,
            })) ?? [],
        },
        spendByStage: result.spendByStage,
        proposals: result.fineTune.proposals.length,
      },
    };
  },
};

const valLimit = (ctx: RunContext): number => ctx.options.number('val-limit') ?? 100;

const textgrad: MethodSpec = {
  name: 'textgrad',
  summary: 'TextGrad: textual gradient descent (critique of failures, then an update), batch 3, 12 steps',
  options: [
    { name: 'steps', kind: 'int', min: 1, description: 'TextGrad optimization steps (default 12)' },
    { name: 'textgrad-batch', kind: 'int', min: 1, description: 'TextGrad examples per step (default 3)' },
    {
      name: 'validation-revert',
      kind: 'boolean',
      description: 'TextGrad: revert an update when the validation score drops',
    },
  ],
  run: (ctx, optimizer) =>
    runTextGrad(optimizer, {
      steps: ctx.options.number('steps') ?? 12,
      batchSize: ctx.options.number('textgrad-batch') ?? 3,
      validationRevert: ctx.options.boolean('validation-revert') === true,
      valLimit: valLimit(ctx),
    }),
};

const gepa: MethodSpec = {
  name: 'gepa',
  summary: 'GEPA: reflective mutation from minibatch feedback, Pareto-front selection, optional merge',
  options: [
    {
      name: 'reflection-minibatch',
      kind: 'int',
      min: 1,
      description: 'GEPA training examples per reflection (default 3)',
    },
    {
      name: 'max-metric-calls',
      kind: 'int',
      min: 1,
      description: 'GEPA task-model rollouts it may use (default: --budget)',
    },
    { name: 'merge', kind: 'boolean', description: 'GEPA+Merge: also merge candidates sharing an ancestor' },
    { name: 'max-merges', kind: 'int', min: 0, description: 'GEPA merges accepted at most (default 5)' },
  ],
  run: (ctx, optimizer) => {
    const cap = ctx.options.number('max-metric-calls');
    return runGepa(optimizer, {
      reflectionMinibatch: ctx.options.number('reflection-minibatch') ?? 3,
      ...(cap === undefined ? {} : { maxMetricCalls: cap }),
      merge: ctx.options.boolean('merge') === true,
      maxMerges: ctx.options.number('max-merges') ?? 5,
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
    { name: 'opro-proposals', kind: 'int', min: 1, description: 'OPRO prompts per step (default 8)' },
    { name: 'opro-history', kind: 'int', min: 1, description: 'OPRO past prompts shown (default 20)' },
    { name: 'opro-exemplars', kind: 'int', min: 0, description: 'OPRO exemplars shown (default 3)' },
  ],
  run: (ctx, optimizer) => {
    const steps = ctx.options.number('opro-steps');
    return runOpro(optimizer, {
      ...(steps === undefined ? {} : { steps }),
      proposalsPerStep: ctx.options.number('opro-proposals') ?? 8,
      historySize: ctx.options.number('opro-history') ?? 20,
      exemplars: ctx.options.number('opro-exemplars') ?? 3,
      minibatch: ctx.options.number('minibatch') ?? 16,
      scoreThreshold: 0,
    });
  },
};

const metaspo: MethodSpec = {
  name: 'metaspo',
  summary: 'MetaSPO: bilevel (user prompts per task, system prompt across a pool of tasks), 3 iterations',
  options: [
    { name: 'metaspo-iterations', kind: 'int', min: 1, description: 'MetaSPO iterations (default 3)' },
    {
      name: 'system-candidates',
      kind: 'int',
      min: 1,
      description: 'MetaSPO system prompts per iteration (default 9)',
    },
    {
      name: 'user-candidates',
      kind: 'int',
      min: 0,
      description: 'MetaSPO user prompts per task per iteration (default 3)',
    },
    { name: 'beam', kind: 'int', min: 1, description: 'MetaSPO user prompts kept per task (default 3)' },
    {
      name: 'metaspo-examples',
      kind: 'int',
      min: 1,
      description: 'MetaSPO training examples per task per evaluation (default: fit the budget, at most 50)',
    },
  ],
  run: (ctx, optimizer) => {
    const pool = buildPool(ctx.options, optimizer.task).map((p) => ({ task: p.task, train: p.train }));
    if (pool.length === 0) {
      ctx.note(
        `note: no meta-training pool for ${optimizer.task.id} (pass --pool <task ids>); MetaSPO meta-trains on the target's training set`,
      );
    }
    const examples = ctx.options.number('metaspo-examples');
    return runMetaSpo(optimizer, pool, {
      iterations: ctx.options.number('metaspo-iterations') ?? 3,
      systemCandidates: ctx.options.number('system-candidates') ?? 9,
      userCandidates: ctx.options.number('user-candidates') ?? 3,
      beam: ctx.options.number('beam') ?? 3,
      ...(examples === undefined ? {} : { examplesPerTask: examples }),
    });
  },
};

const random: MethodSpec = {
  name: 'random',
  summary: "ablation: SePO's loop with rewrites that see no feedback, no examples and no scores",
  options: [],
  run: (ctx, optimizer) => runRandomSearch(optimizer, fineTuneOptions(ctx.options)),
};

/**
 * Spend a method made on its own one-time budget line (SePO's pre-training, run on a separate engine),
 * which the run's engine did not see; undefined for every other method and for a given agent.
 */
export function oneTimeSpendOf(outcome: MethodResult): Spend | undefined {
  const stages = outcome.details?.spendByStage as { pretrain?: Spend } | undefined;
  const agent = outcome.details?.agent as { source?: string } | undefined;
  return agent?.source === 'pretrained-now' ? stages?.pretrain : undefined;
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
