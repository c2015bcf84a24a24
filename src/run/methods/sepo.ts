import type { SepoDetails } from '../../optimizers/framework/method-details.js';
import type { MethodResult } from '../../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import { runAgentLevelSearch } from '../../optimizers/sepo/agent-level-search.js';
import { runSepo } from '../../optimizers/sepo/sepo-method.js';
import { requireTemplate } from '../../templates/load-templates.js';
import { type AgentDetails, agentPlan, cacheAgent, recordAgentDecision } from '../agent-plan.js';
import type { RunContext } from '../run-context.js';
import { fineTuneOptions, pretrainOptions, SEPO_OPTIONS, selectionLimit } from '../sepo-options.js';
import type { BudgetNeed, MethodSpec } from './method-spec.js';

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
export const sepo: MethodSpec = {
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
