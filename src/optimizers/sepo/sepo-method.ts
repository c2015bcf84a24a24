import type { Engine } from '../../engine/engine.js';
import { subtractSpend } from '../../engine/spend-arithmetic.js';
import type { Spend } from '../../spec/usage.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import {
  type AgentLevelOptions,
  type AgentLevelResult,
  type PoolTask,
  runAgentLevelSearch,
} from './agent-level-search.js';
import { runTaskLevelSearch, type TaskLevelOptions, type TaskLevelResult } from './task-level-search.js';

export interface SepoOptions {
  /** Stage 2 settings; the agent prompt comes from stage 1, `agentPrompt`, or the seed agent prompt. */
  readonly fineTune: Omit<TaskLevelOptions, 'agentPrompt'>;
  /** The hand-written prompt-agent prompt: the seed of stage 1, or the agent itself without self-improvement. */
  readonly seedAgentPrompt: string;
  /** A pre-trained prompt-agent prompt (`--agent agent.json`): stage 1 is skipped. */
  readonly agentPrompt?: string;
  /** Stage 1 settings and pool; omitted (or an empty pool) = no self-improvement. */
  readonly pretrain?: {
    /**
     * The engine pre-training runs on. Pre-training is a one-time cost shared by every target
     * (docs/architecture.md, Stage 1), so it has its own budget line; default: the fine-tuning engine.
     */
    readonly engine?: Engine;
    readonly pool: readonly PoolTask[];
    readonly options: Omit<AgentLevelOptions, 'seedAgentPrompt'>;
  };
}

export interface StageSpend {
  readonly pretrain: Spend | undefined;
  readonly fineTune: Spend;
}

export interface SepoResult {
  readonly agentPrompt: string;
  readonly agentSource: 'pretrained-now' | 'given' | 'seed';
  readonly pretrain: AgentLevelResult | undefined;
  readonly fineTune: TaskLevelResult;
  readonly spendByStage: StageSpend;
}

/**
 * SePO end to end: Stage 1 evolves the prompt agent's own prompt on a pool of tasks (unless an agent is
 * given or self-improvement is off), Stage 2 freezes it and runs Algorithm 1 on the target task.
 */
export async function runSepo(ctx: OptimizerContext, options: SepoOptions): Promise<SepoResult> {
  const before = ctx.engine.spend();
  let agentPrompt = options.agentPrompt ?? options.seedAgentPrompt;
  let agentSource: SepoResult['agentSource'] = options.agentPrompt === undefined ? 'seed' : 'given';
  let pretrain: AgentLevelResult | undefined;
  let pretrainSpend: Spend | undefined;
  if (
    options.agentPrompt === undefined &&
    options.pretrain !== undefined &&
    options.pretrain.pool.length > 0
  ) {
    const engine = options.pretrain.engine ?? ctx.engine;
    const pretrainBefore = engine.spend();
    pretrain = await runAgentLevelSearch(
      {
        engine,
        pool: options.pretrain.pool,
        seed: ctx.seed,
        templates: ctx.templates,
        ...(ctx.onCandidate === undefined ? {} : { onCandidate: ctx.onCandidate }),
      },
      { ...options.pretrain.options, seedAgentPrompt: options.seedAgentPrompt },
    );
    agentPrompt = pretrain.best.prompt;
    agentSource = 'pretrained-now';
    pretrainSpend = subtractSpend(engine.spend(), engine === ctx.engine ? before : pretrainBefore);
    // A cost limit covers the whole run: what pre-training spent on its own line counts against it.
    if (engine !== ctx.engine) ctx.engine.chargeExternalCost(pretrainSpend);
  }
  const middle = ctx.engine.spend();
  const fineTune = await runTaskLevelSearch(ctx, { ...options.fineTune, agentPrompt });
  return {
    agentPrompt,
    agentSource,
    pretrain,
    fineTune,
    spendByStage: { pretrain: pretrainSpend, fineTune: subtractSpend(ctx.engine.spend(), middle) },
  };
}

export { subtractSpend, sumSpend as addSpend } from '../../engine/spend-arithmetic.js';
