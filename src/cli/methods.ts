import { ConfigError } from '../errors.js';
import type { Candidate } from '../optimizers/framework/candidate.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../optimizers/framework/optimizer-context.js';
import { runSepo } from '../optimizers/sepo/sepo-method.js';
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
      ...(pool.length === 0 ? {} : { pretrain: { pool, options: pretrainOptions(ctx.options) } }),
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

export const METHODS: readonly MethodSpec[] = [sepo, manual];

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
