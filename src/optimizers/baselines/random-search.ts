import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import { runTaskLevelSearch, type TaskLevelOptions } from '../sepo/task-level-search.js';
import { baselineTemplate } from './baseline-support.js';

export type RandomSearchOptions = Omit<TaskLevelOptions, 'agentPrompt'>;

/**
 * The no-feedback ablation: SePO's task-level loop (archive, parent selection, paired minibatch
 * evaluation, admission, choice by validation) with a proposal request that shows the prompt agent
 * only the parent prompt — no results, no examples, no scores — and asks for a different rewrite.
 * Set against SePO with the same settings it shows what feedback buys.
 */
export async function runRandomSearch(
  ctx: OptimizerContext,
  options: RandomSearchOptions,
): Promise<MethodResult> {
  const templates = { ...ctx.templates, 'sepo-propose': baselineTemplate(ctx.templates, 'random-rewrite') };
  const result = await runTaskLevelSearch(
    { ...ctx, templates },
    {
      ...options,
      idPrefix: options.idPrefix ?? 'r',
      agentPrompt: baselineTemplate(ctx.templates, 'random-system'),
    },
  );
  return {
    seed: result.seed,
    best: result.best,
    archive: result.archive.all(),
    chosenBy: result.chosenBy,
    stopReason: result.stopReason,
    stopCategory: result.stopCategory,
    details: {
      method: 'random',
      generations: result.generationsRun,
      proposals: result.proposals.length,
      admitted: result.proposals.filter((p) => p.admitted).length,
    },
  };
}
