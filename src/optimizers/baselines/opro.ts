import type { Example } from '../../spec/example.js';
import { renderTemplate } from '../../templates/render-template.js';
import { rngFor } from '../../util/rng.js';
import { type Candidate, childCandidate, seedCandidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import type { OproPlan, OproStep } from '../framework/method-details.js';
import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import type { StopOutcome } from '../framework/stop-conditions.js';
import {
  askAgent,
  baselineTemplate,
  budgetStopReason,
  emitProposed,
  emitVerdict,
  settleAll,
  stopBefore,
} from './baseline-support.js';

export type { OproPlan } from '../framework/method-details.js';

export interface OproOptions {
  /** Optimization steps (default: until the budget; 10 when there is no budget). */
  readonly steps?: number;
  /** Prompts generated per step (8; the k-th is completion sample k). */
  readonly proposalsPerStep: number;
  /** Best past prompts shown in the meta-prompt (20), in ascending order of score. */
  readonly historySize: number;
  /** Training exemplars (input and expected output) shown per step (3, drawn at random each step). */
  readonly exemplars: number;
  /**
   * Training examples every prompt is scored on (one fixed set, so scores are comparable). Default:
   * the whole training split, as OPRO does, or the largest sample of it that fits the budget (see
   * `planOpro`).
   */
  readonly scoringSet?: number;
  /** Past prompts scoring below this are not shown (OPRO: 0 for PaLM scorers, 0.3 for GPT). */
  readonly scoreThreshold: number;
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "o"). */
  readonly idPrefix?: string;
}

/** Steps in a row without a new prompt to score before OPRO gives up (all duplicates or failures). */
const MAX_EMPTY_STEPS = 3;

/** Full steps a budget-sized scoring set leaves room for, at least (so the history can evolve). */
export const OPRO_MIN_STEPS = 3;

/** Fewest examples a budget-sized scoring set has (fewer rank prompts by noise). */
export const OPRO_MIN_SCORING = 10;

/**
 * OPRO's schedule for a rollout budget: the seed and every new prompt are scored on one set of `scoring`
 * training examples. A fixed set size is kept; otherwise it is the whole training split (OPRO's
 * choice) when `OPRO_MIN_STEPS` full steps of `proposals` fit the budget, else the largest sample for
 * which they fit (at least `OPRO_MIN_SCORING` examples). Fixed steps size the set so that they fit.
 * Without fixed steps OPRO runs until the budget, the last step generating only as many prompts as the
 * remaining budget can score.
 */
export function planOpro(input: {
  readonly budget: number;
  readonly proposals: number;
  readonly trainSize: number;
  readonly steps?: number;
  readonly scoring?: number;
}): OproPlan {
  const train = Math.max(1, input.trainSize);
  const finite = Number.isFinite(input.budget);
  let scoring = train;
  if (input.scoring !== undefined) scoring = Math.min(input.scoring, train);
  else if (finite) {
    const planned = input.steps ?? OPRO_MIN_STEPS;
    const fit = Math.floor(input.budget / (1 + input.proposals * planned));
    const floor = input.steps === undefined ? Math.min(OPRO_MIN_SCORING, train) : 1;
    scoring = Math.min(train, Math.max(floor, fit));
  }
  const steps = input.steps ?? (finite ? undefined : 10);
  return { scoring, steps, minimum: 2 * scoring };
}

/**
 * OPRO (Yang et al. 2023) on the system prompt: every prompt is scored on one fixed training subset;
 * each step shows the optimizer the best past prompts with their scores (0-100, ascending, so the best
 * come last) and a few random training exemplars with their expected answers, samples new prompts from
 * the same meta-prompt, and scores the ones not seen before. The best prompt by that training score is
 * returned. Steps run until the rollout budget (or the given number of steps); `planOpro` sizes the
 * scoring set.
 */
export async function runOpro(ctx: OptimizerContext, options: OproOptions): Promise<MethodResult> {
  const { engine, task } = ctx;
  const prefix = options.idPrefix ?? 'o';
  const evaluator = new CandidateEvaluator(engine, task);
  const plan = planOpro({
    budget: engine.remainingRollouts(),
    proposals: options.proposalsPerStep,
    trainSize: ctx.train.length,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    ...(options.scoringSet === undefined ? {} : { scoring: options.scoringSet }),
  });
  const trainSet = rngFor(ctx.seed, `${prefix}:opro-train`).shuffle(ctx.train).slice(0, plan.scoring);
  const system = baselineTemplate(ctx.templates, 'opro-system');
  const template = baselineTemplate(ctx.templates, 'opro-meta');
  const steps = plan.steps ?? Number.POSITIVE_INFINITY;
  const fixedSteps = plan.steps !== undefined;
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? task.defaultSystemPrompt);
  const scored: Candidate[] = [seed];
  const archive: Candidate[] = [seed];
  const seen = new Set([seed.prompt.trim()]);
  const stepLog: OproStep[] = [];
  notify(seed);
  let stop: StopOutcome = { category: 'schedule', reason: `finished ${steps} steps` };
  let empty = 0;
  const train = (c: Candidate): number => c.scores.train?.mean ?? 0;
  try {
    await evaluator.run(seed, trainSet, 'train', 'opro seed');
    notify(seed);
    for (let step = 0; step < steps; step++) {
      const best = bestByTrain(scored);
      const early: StopOutcome | undefined =
        empty >= MAX_EMPTY_STEPS
          ? { category: 'no-proposals', reason: `no new prompt in ${empty} steps` }
          : stopBefore(ctx, step, best === undefined ? 0 : train(best), trainSet.length);
      if (early !== undefined) {
        stop = early;
        break;
      }
      // A budget-sized run's last step asks only for the prompts the remaining budget can score.
      const wanted = fixedSteps
        ? options.proposalsPerStep
        : Math.min(
            options.proposalsPerStep,
            Math.floor(engine.remainingRollouts() / Math.max(1, trainSet.length)),
          );
      const prompt = renderTemplate(template, {
        history: renderHistory(scored, options.historySize, options.scoreThreshold),
        exemplars: renderExemplars(
          rngFor(ctx.seed, `${prefix}:opro-exemplars${step}`).shuffle(ctx.train).slice(0, options.exemplars),
          (e) => task.toUserMessage(e),
        ),
      });
      const answers = await settleAll(
        Array.from({ length: wanted }, (_, k) => askAgent(engine, { system, prompt, sample: k }, 'INS')),
      );
      const parent = bestByTrain(scored) ?? seed;
      const fresh: Candidate[] = [];
      for (const answer of answers) {
        if (!answer.ok || seen.has(answer.content.trim())) continue;
        seen.add(answer.content.trim());
        const child = childCandidate(`${prefix}${archive.length}`, answer.content, parent, step + 1);
        parent.childrenCount++;
        archive.push(child);
        fresh.push(child);
        emitProposed(engine, child);
      }
      stepLog.push({
        step: step + 1,
        generated: answers.length,
        fresh: fresh.length,
        failed: answers.filter((a) => !a.ok).length,
      });
      empty = fresh.length === 0 ? empty + 1 : 0;
      for (const child of fresh) {
        await evaluator.run(child, trainSet, 'train', `opro step ${step + 1}`);
        child.status = 'admitted';
        scored.push(child);
        notify(child);
        emitVerdict(engine, child, true, train(child), train(parent));
      }
      engine.events.emit({
        type: 'generation-finished',
        generation: step + 1,
        best: train(bestByTrain(scored) ?? seed),
      });
    }
  } catch (error) {
    stop = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stop.reason });
  return {
    seed,
    best: bestByTrain(scored) ?? seed,
    archive,
    chosenBy: 'train',
    stopReason: stop.reason,
    stopCategory: stop.category,
    details: {
      method: 'opro',
      plan: { ...plan, steps: plan.steps ?? 'until the budget' },
      scored: scored.length,
      trainSubset: trainSet.map((e) => e.id),
      steps: stepLog,
    },
  };
}

/** The best prompt by training score; the earliest on ties. */
function bestByTrain(scored: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of scored) {
    const s = c.scores.train?.mean;
    if (s !== undefined && (best === undefined || s > (best.scores.train?.mean ?? 0))) best = c;
  }
  return best;
}

/** The top `size` scored prompts at or above the threshold, in ascending order of score (OPRO's order). */
export function renderHistory(scored: readonly Candidate[], size: number, threshold: number): string {
  return scored
    .filter((c) => c.scores.train !== undefined && (c.scores.train?.mean ?? 0) >= threshold)
    .map((c, i) => ({ c, i, s: c.scores.train?.mean ?? 0 }))
    .sort((x, y) => x.s - y.s || x.i - y.i)
    .slice(-size)
    .map(({ c, s }) => `<candidate score="${Math.round(s * 100)}">\n${c.prompt}\n</candidate>`)
    .join('\n\n');
}

function renderExemplars(examples: readonly Example[], userMessage: (e: Example) => string): string {
  return examples
    .map((e) => `\ninput:\nSystem: <INS>\nUser: ${userMessage(e)}\nGround truth answer:\n${e.answer}`)
    .join('\n');
}
