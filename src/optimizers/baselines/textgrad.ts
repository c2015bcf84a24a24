import { renderTemplate } from '../../templates/render-template.js';
import { type Candidate, childCandidate, meanOn, seedCandidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import type { TextGradPlan, TextGradStep } from '../framework/method-details.js';
import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import type { StopOutcome } from '../framework/stop-conditions.js';
import {
  askAgent,
  baselineTemplate,
  budgetStopReason,
  EpochBatches,
  emitProposed,
  emitVerdict,
  exampleById,
  renderRollout,
  stopBefore,
} from './baseline-support.js';

export type { TextGradPlan, TextGradStep } from '../framework/method-details.js';

export interface TextGradOptions {
  /**
   * Optimization steps, one batch each. Default: until the rollout budget (no budget: TextGrad's
   * prompt-optimization recipe, 3 epochs of 4 steps = 12).
   */
  readonly steps?: number;
  /** Training examples per step (3). */
  readonly batchSize: number;
  /** Evaluate each update on validation and revert it when validation drops (TextGrad's variant). */
  readonly validationRevert: boolean;
  /** Validation examples used at most (default all). */
  readonly valLimit?: number;
  /**
   * With validation revert and no fixed `steps`, size the validation set to the budget (default true):
   * see `planTextGrad`. False keeps `valLimit` as given.
   */
  readonly sizeValidation?: boolean;
  /** The prompt to start from (default: the task's Manual-CoT prompt). */
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "tg"). */
  readonly idPrefix?: string;
}

/** TextGrad's steps in its prompt-optimization recipe (3 epochs, 4 batches each). */
export const TEXTGRAD_REFERENCE_STEPS = 12;

/** Fewest validation examples a revert decision is made on when the validation set is budget-sized. */
export const MIN_DECISION_EXAMPLES = 10;

/**
 * TextGrad's schedule for a rollout budget: steps × batch, plus (with validation revert) the seed's
 * validation and one validation per update. Fixed `steps` are kept; otherwise steps run until the
 * budget no longer fits one, and with validation revert the validation set is sized so that about the
 * reference's 12 steps (or the fixed steps) fit, never under 10 examples nor over the available set.
 * Run until the budget, TextGrad stops early only when a whole epoch of batches has no failure.
 */
export function planTextGrad(input: {
  readonly budget: number;
  readonly batchSize: number;
  readonly trainSize: number;
  readonly valAvailable: number;
  readonly validationRevert: boolean;
  readonly steps?: number;
  readonly sizeValidation?: boolean;
}): TextGradPlan {
  const batch = Math.max(1, Math.min(input.batchSize, input.trainSize));
  const finite = Number.isFinite(input.budget);
  const steps = input.steps ?? (finite ? undefined : TEXTGRAD_REFERENCE_STEPS);
  if (!input.validationRevert || input.valAvailable === 0)
    return { steps, batch, val: 0, perStep: batch, minimum: batch };
  const floor = Math.min(MIN_DECISION_EXAMPLES, input.valAvailable);
  let val = input.valAvailable;
  if (finite && input.sizeValidation !== false) {
    const planned = input.steps ?? TEXTGRAD_REFERENCE_STEPS;
    const fit = Math.floor((input.budget - planned * batch) / (planned + 1));
    val = Math.max(floor, Math.min(input.valAvailable, fit));
  }
  return { steps, batch, val, perStep: batch + val, minimum: val + batch + val };
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
  const available = options.valLimit === undefined ? ctx.val : ctx.val.slice(0, options.valLimit);
  const plan = planTextGrad({
    budget: engine.remainingRollouts(),
    batchSize: options.batchSize,
    trainSize: ctx.train.length,
    valAvailable: available.length,
    validationRevert: options.validationRevert,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    ...(options.sizeValidation === undefined ? {} : { sizeValidation: options.sizeValidation }),
  });
  const batches = new EpochBatches(ctx.train, plan.batch, ctx.seed, `${prefix}:textgrad`);
  const val = available.slice(0, plan.val);
  const revert = options.validationRevert && val.length > 0;
  const stepCount = plan.steps ?? Number.POSITIVE_INFINITY;
  // Run until the budget, a whole epoch of batches without a failure leaves nothing to learn from (and
  // an unchanged prompt's rollouts are cached, so going on would spend nothing).
  const epoch = Math.ceil(ctx.train.length / plan.batch);
  let cleanSteps = 0;
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
  // Only a finite step count can end the loop: fixed by the caller, or TextGrad's recipe without a budget.
  let stop: StopOutcome = {
    category: 'schedule',
    reason: `finished ${plan.steps} steps${options.steps === undefined ? " (TextGrad's recipe; no budget)" : ''}`,
  };
  try {
    if (revert) {
      await evaluator.run(seed, val, 'val', 'textgrad seed val');
      notify(seed);
    }
    for (let step = 0; step < stepCount; step++) {
      const early = stopBefore(ctx, step, current.scores.val?.mean ?? 0, plan.perStep);
      if (early !== undefined) {
        stop = early;
        break;
      }
      const batch = batches.batch(step);
      const rollouts = await evaluator.run(current, batch, 'train', `textgrad step ${step + 1}`);
      notify(current);
      const failures = rollouts.filter((r) => r.score < 1);
      const base = { step: step + 1, batch: batch.map((e) => e.id), failures: failures.length };
      if (failures.length === 0) {
        steps.push({ ...base, childId: undefined, skipped: 'no failures in the batch (zero gradient)' });
        cleanSteps++;
        if (plan.steps === undefined && cleanSteps >= epoch) {
          stop = {
            category: 'converged',
            reason: `no failures in ${cleanSteps} batches in a row (a whole epoch)`,
          };
          break;
        }
        continue;
      }
      cleanSteps = 0;
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
      current.childrenCount++;
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
      // Paired on the validation examples scored for both (failed calls leave theirs out).
      const common = val
        .map((e) => e.id)
        .filter(
          (id) =>
            child.scores.val?.perExample[id] !== undefined &&
            current.scores.val?.perExample[id] !== undefined,
        );
      const childVal = meanOn(child.scores.val, common) ?? 0;
      const previousVal = meanOn(current.scores.val, common) ?? 0;
      const kept = childVal >= previousVal;
      child.status = kept ? 'admitted' : 'rejected';
      notify(child);
      emitVerdict(engine, child, kept, childVal, previousVal);
      steps.push({ ...base, childId: child.id, val: childVal, reverted: !kept });
      if (kept) current = child;
    }
  } catch (error) {
    stop = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stop.reason });
  return {
    seed,
    best: current,
    archive,
    chosenBy: revert ? 'val' : 'last',
    stopReason: stop.reason,
    stopCategory: stop.category,
    details: {
      method: 'textgrad',
      validationRevert: revert,
      plan: { ...plan, steps: plan.steps ?? 'until the budget' },
      steps,
      updates: steps.filter((s) => s.childId !== undefined).length,
    },
  };
}
