import type { Example } from '../../spec/example.js';
import { renderTemplate } from '../../templates/render-template.js';
import { rngFor } from '../../util/rng.js';
import type { Candidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import {
  askAgent,
  baselineTemplate,
  budgetStopReason,
  childCandidate,
  emitProposed,
  emitVerdict,
  seedCandidate,
  settleAll,
  stopBefore,
} from './baseline-support.js';

export interface OproOptions {
  /** Optimization steps (default: until the budget; 10 when there is no budget). */
  readonly steps?: number;
  /** Prompts generated per step (8; the k-th is completion sample k). */
  readonly proposalsPerStep: number;
  /** Best past prompts shown in the meta-prompt (20), in ascending order of score. */
  readonly historySize: number;
  /** Training exemplars (input and expected output) shown per step (3, drawn at random each step). */
  readonly exemplars: number;
  /** Training examples every prompt is scored on (a fixed subset, so scores are comparable). */
  readonly minibatch: number;
  /** Past prompts scoring below this are not shown (OPRO: 0 for PaLM scorers, 0.3 for GPT). */
  readonly scoreThreshold: number;
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "o"). */
  readonly idPrefix?: string;
}

/** Steps in a row without a new prompt to score before OPRO gives up (all duplicates or failures). */
const MAX_EMPTY_STEPS = 3;

/**
 * OPRO (Yang et al. 2023) on the system prompt: every prompt is scored on one fixed training subset;
 * each step shows the optimizer the best past prompts with their scores (0-100, ascending, so the best
 * come last) and a few random training exemplars with their expected answers, samples new prompts from
 * the same meta-prompt, and scores the ones not seen before. The best prompt by that training score is
 * returned. Steps run until the rollout budget (or the given number of steps).
 */
export async function runOpro(ctx: OptimizerContext, options: OproOptions): Promise<MethodResult> {
  const { engine, task } = ctx;
  const prefix = options.idPrefix ?? 'o';
  const evaluator = new CandidateEvaluator(engine, task);
  const trainSet = rngFor(ctx.seed, `${prefix}:opro-train`).shuffle(ctx.train).slice(0, options.minibatch);
  const system = baselineTemplate(ctx.templates, 'opro-system');
  const template = baselineTemplate(ctx.templates, 'opro-meta');
  const steps =
    options.steps ?? (Number.isFinite(engine.remainingRollouts()) ? Number.POSITIVE_INFINITY : 10);
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? task.defaultSystemPrompt);
  const scored: Candidate[] = [seed];
  const archive: Candidate[] = [seed];
  const seen = new Set([seed.prompt.trim()]);
  const stepLog: { step: number; generated: number; fresh: number; failed: number }[] = [];
  notify(seed);
  let stopReason = `finished ${steps} steps`;
  let empty = 0;
  const train = (c: Candidate): number => c.scores.train?.mean ?? 0;
  try {
    await evaluator.run(seed, trainSet, 'train', 'opro seed');
    notify(seed);
    for (let step = 0; step < steps; step++) {
      const best = bestByTrain(scored);
      const reason =
        empty >= MAX_EMPTY_STEPS
          ? `no new prompt in ${empty} steps`
          : stopBefore(ctx, step, best === undefined ? 0 : train(best));
      if (reason !== undefined) {
        stopReason = reason;
        break;
      }
      const prompt = renderTemplate(template, {
        history: renderHistory(scored, options.historySize, options.scoreThreshold),
        exemplars: renderExemplars(
          rngFor(ctx.seed, `${prefix}:opro-exemplars${step}`).shuffle(ctx.train).slice(0, options.exemplars),
          (e) => task.toUserMessage(e),
        ),
      });
      const answers = await settleAll(
        Array.from({ length: options.proposalsPerStep }, (_, k) =>
          askAgent(engine, { system, prompt, sample: k }, 'INS'),
        ),
      );
      const parent = bestByTrain(scored) ?? seed;
      const fresh: Candidate[] = [];
      for (const answer of answers) {
        if (!answer.ok || seen.has(answer.content.trim())) continue;
        seen.add(answer.content.trim());
        const child = childCandidate(`${prefix}${archive.length}`, answer.content, parent, step + 1);
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
    stopReason = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stopReason });
  return {
    seed,
    best: bestByTrain(scored) ?? seed,
    archive,
    chosenBy: 'train',
    stopReason,
    details: {
      method: 'opro',
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
