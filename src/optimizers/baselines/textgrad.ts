import { renderTemplate } from '../../templates/render-template.js';
import type { Candidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import {
  askAgent,
  baselineTemplate,
  budgetStopReason,
  childCandidate,
  EpochBatches,
  emitProposed,
  emitVerdict,
  exampleById,
  renderRollout,
  seedCandidate,
  stopBefore,
} from './baseline-support.js';

export interface TextGradOptions {
  /** Optimization steps, one batch each (TextGrad's prompt-optimization recipe: 12). */
  readonly steps: number;
  /** Training examples per step (3). */
  readonly batchSize: number;
  /** Evaluate each update on validation and revert it when validation drops (TextGrad's variant). */
  readonly validationRevert: boolean;
  /** Validation examples used at most (default all). */
  readonly valLimit?: number;
  /** The prompt to start from (default: the task's Manual-CoT prompt). */
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "tg"). */
  readonly idPrefix?: string;
}

export interface TextGradStep {
  readonly step: number;
  readonly batch: readonly string[];
  readonly failures: number;
  readonly childId: string | undefined;
  /** Validation score of the update (validation-revert only). */
  readonly val?: number;
  readonly reverted?: boolean;
  /** Why no update was made (no failures: a zero gradient; or a failed agent call). */
  readonly skipped?: string;
}

/**
 * TextGrad prompt optimization (Yuksekgonul et al. 2024): textual gradient descent on the system
 * prompt. Each step runs the current prompt on a shuffled training batch; a critique call on the
 * batch's failures is the "gradient", an update call applies it (the new prompt replaces the old). A
 * batch without failures has a zero gradient and makes no update. With validation revert, the update
 * is kept only when its validation score does not drop below the previous one. The result is the final
 * prompt (TextGrad returns its variable's last value). A budget stop returns what was reached.
 */
export async function runTextGrad(ctx: OptimizerContext, options: TextGradOptions): Promise<MethodResult> {
  const { engine, task } = ctx;
  const prefix = options.idPrefix ?? 'tg';
  const evaluator = new CandidateEvaluator(engine, task);
  const batches = new EpochBatches(ctx.train, options.batchSize, ctx.seed, `${prefix}:textgrad`);
  const val = options.valLimit === undefined ? ctx.val : ctx.val.slice(0, options.valLimit);
  const revert = options.validationRevert && val.length > 0;
  const gradientSystem = baselineTemplate(ctx.templates, 'textgrad-gradient-system');
  const gradientTemplate = baselineTemplate(ctx.templates, 'textgrad-gradient');
  const updateSystem = baselineTemplate(ctx.templates, 'textgrad-update-system');
  const updateTemplate = baselineTemplate(ctx.templates, 'textgrad-update');
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? task.defaultSystemPrompt);
  const archive: Candidate[] = [seed];
  const steps: TextGradStep[] = [];
  notify(seed);
  let current = seed;
  let stopReason = `finished ${options.steps} steps`;
  try {
    if (revert) {
      await evaluator.run(seed, val, 'val', 'textgrad seed val');
      notify(seed);
    }
    for (let step = 0; step < options.steps; step++) {
      const reason = stopBefore(ctx, step, current.scores.val?.mean ?? 0);
      if (reason !== undefined) {
        stopReason = reason;
        break;
      }
      const batch = batches.batch(step);
      const rollouts = await evaluator.run(current, batch, 'train', `textgrad step ${step + 1}`);
      notify(current);
      const failures = rollouts.filter((r) => r.score < 1);
      const base = { step: step + 1, batch: batch.map((e) => e.id), failures: failures.length };
      if (failures.length === 0) {
        steps.push({ ...base, childId: undefined, skipped: 'no failures in the batch (zero gradient)' });
        continue;
      }
      const conversations = failures
        .map((r) => renderRollout(task, exampleById(batch, r.exampleId), r))
        .join('\n\n');
      const gradient = await askAgent(
        engine,
        {
          system: gradientSystem,
          prompt: renderTemplate(gradientTemplate, {
            task_description: task.description,
            prompt: current.prompt,
            summary: `${failures.length} of the ${rollouts.length} responses in this batch were wrong; the wrong ones are shown.`,
            conversations,
          }),
          sample: step,
        },
        'feedback',
      );
      if (!gradient.ok) {
        steps.push({ ...base, childId: undefined, skipped: gradient.failure });
        continue;
      }
      const update = await askAgent(
        engine,
        {
          system: updateSystem,
          prompt: renderTemplate(updateTemplate, {
            prompt: current.prompt,
            context: conversations,
            gradient: gradient.content,
          }),
          sample: step,
        },
        'IMPROVED_VARIABLE',
      );
      if (!update.ok) {
        steps.push({ ...base, childId: undefined, skipped: update.failure });
        continue;
      }
      const child = childCandidate(
        `${prefix}${archive.length}`,
        update.content,
        current,
        step + 1,
        gradient.content,
      );
      archive.push(child);
      emitProposed(engine, child);
      if (!revert) {
        // Plain TextGrad applies every update unconditionally; nothing scores the child here.
        child.status = 'admitted';
        notify(child);
        steps.push({ ...base, childId: child.id });
        current = child;
        continue;
      }
      await evaluator.run(child, val, 'val', `textgrad step ${step + 1} val`);
      const childVal = child.scores.val?.mean ?? 0;
      const previousVal = current.scores.val?.mean ?? 0;
      const kept = childVal >= previousVal;
      child.status = kept ? 'admitted' : 'rejected';
      notify(child);
      emitVerdict(engine, child, kept, childVal, previousVal);
      steps.push({ ...base, childId: child.id, val: childVal, reverted: !kept });
      if (kept) current = child;
    }
  } catch (error) {
    stopReason = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stopReason });
  return {
    seed,
    best: current,
    archive,
    chosenBy: revert ? 'val' : 'last',
    stopReason,
    details: {
      method: 'textgrad',
      validationRevert: revert,
      steps,
      updates: steps.filter((s) => s.childId !== undefined).length,
    },
  };
}
