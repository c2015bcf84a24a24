import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoredRollout } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import { renderTemplate } from '../../templates/render-template.js';
import { type Rng, rngFor } from '../../util/rng.js';
import { type Candidate, childCandidate, seedCandidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import { FENCED_SPAN_REPLY } from '../framework/extract-output.js';
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
  stopBefore,
} from './baseline-support.js';
import type { GepaIteration } from './gepa-iteration.js';
import { attemptMerge, frontsOf, type GepaState, sum } from './gepa-merge.js';
import type { GepaOptions } from './gepa-options.js';
import { selectFromPareto } from './pareto.js';

// Defined apart so gepa-merge.ts can use them without importing this module back.
export type { GepaIteration } from './gepa-iteration.js';
export type { GepaOptions } from './gepa-options.js';

/**
 * GEPA (Agrawal et al. 2025) on one system prompt: each iteration selects a candidate from the
 * per-example Pareto front of validation scores (sampled in proportion to the examples it leads, after
 * dominated candidates are removed), runs it on a reflection minibatch of training examples (a perfect
 * minibatch is skipped), asks the reflection model for a new instruction from the inputs, responses and
 * feedback, and evaluates the child on the same minibatch; a child that strictly improves there is
 * evaluated on the whole validation set and joins the candidates. With `merge`, after an accepted
 * child the next iteration first tries to merge two non-dominated candidates sharing an ancestor; a
 * merge scoring at least its better parent on a validation subsample is fully evaluated and joins.
 * Stops at the metric-call budget; the best candidate by mean validation score is returned.
 */
export async function runGepa(ctx: OptimizerContext, options: GepaOptions): Promise<MethodResult> {
  const { engine, task } = ctx;
  const prefix = options.idPrefix ?? 'g';
  const cap = options.maxMetricCalls ?? engine.remainingRollouts();
  if (!Number.isFinite(cap)) {
    throw new ConfigError(
      '--budget',
      'GEPA runs until its metric-call budget: pass --budget or --max-metric-calls',
    );
  }
  const rng = rngFor(ctx.seed, `${prefix}:gepa`);
  const evaluator = new CandidateEvaluator(engine, task);
  const valAll = ctx.val.length > 0 ? ctx.val : ctx.train;
  const valset = options.valLimit === undefined ? valAll : valAll.slice(0, Math.max(1, options.valLimit));
  const batches = new EpochBatches(ctx.train, options.reflectionMinibatch, ctx.seed, `${prefix}:gepa`);
  const system = baselineTemplate(ctx.templates, 'gepa-system');
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');
  const startRollouts = engine.spend().task.rollouts;
  const used = (): number => engine.spend().task.rollouts - startRollouts;

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? task.defaultSystemPrompt);
  const state: GepaState = {
    programs: [seed],
    parents: new Map([[seed.id, []]]),
    archive: [seed],
    iterations: [],
    mergesDone: new Set(),
  };
  notify(seed);
  let stop: StopOutcome = { category: 'budget', reason: '' };
  let iteration = 0;
  let mergesDue = 0;
  let mergesAccepted = 0;
  let lastFoundNew = false;
  let idle = 0;
  const maxIdle = Math.max(20, 2 * Math.ceil(ctx.train.length / options.reflectionMinibatch));
  try {
    await evaluator.run(seed, valset, 'val', 'gepa seed val');
    notify(seed);
    for (;;) {
      const early: StopOutcome | undefined =
        used() >= cap
          ? { category: 'budget', reason: `used ${used()} of ${cap} metric calls` }
          : idle >= maxIdle
            ? idleStop(state.iterations.at(-1), idle)
            : stopBefore(
                ctx,
                iteration,
                bestOf(state.programs)?.scores.val?.mean ?? 0,
                2 * Math.min(options.reflectionMinibatch, ctx.train.length),
              );
      if (early !== undefined) {
        stop = early;
        break;
      }
      iteration++;
      const before = used();
      if (options.merge && mergesDue > 0 && lastFoundNew) {
        lastFoundNew = false;
        const outcome = await attemptMerge(ctx, options, state, evaluator, valset, rng, iteration, system);
        if (outcome !== 'none') {
          if (outcome === 'accepted') {
            mergesDue--;
            mergesAccepted++;
          }
          idle = used() > before ? 0 : idle + 1;
          continue;
        }
      }
      lastFoundNew = false;
      const accepted = await reflect(ctx, state, evaluator, valset, rng, iteration, {
        batch: batches.batch(iteration - 1),
        skipPerfect: options.skipPerfect,
        prefix,
        system,
      });
      if (accepted) {
        lastFoundNew = true;
        if (mergesAccepted < options.maxMerges) mergesDue++;
      }
      idle = used() > before ? 0 : idle + 1;
    }
  } catch (error) {
    stop = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stop.reason });
  const best = bestOf(state.programs) ?? seed;
  const { fronts } = frontsOf(state.programs);
  return {
    seed,
    best,
    archive: state.archive,
    chosenBy: 'val',
    stopReason: stop.reason,
    stopCategory: stop.category,
    details: {
      method: 'gepa',
      iterations: state.iterations.length,
      metricCalls: used(),
      candidates: state.programs.map((p) => ({
        id: p.id,
        parents: state.parents.get(p.id) ?? [],
        val: p.scores.val?.mean,
      })),
      paretoFront: Object.fromEntries([...fronts].map(([example, front]) => [example, [...front]])),
      merges: state.iterations.filter((i) => i.kind === 'merge').length,
      mergesAccepted,
      log: state.iterations,
    },
  };
}

/** Why GEPA went idle: every minibatch was perfect (converged), or every proposal failed. */
function idleStop(last: GepaIteration | undefined, idle: number): StopOutcome {
  const perfect = last?.skipped === 'all minibatch scores perfect';
  return perfect
    ? { category: 'converged', reason: `no rollouts in ${idle} iterations: every minibatch perfect` }
    : { category: 'no-proposals', reason: `no rollouts in ${idle} iterations: every proposal failed` };
}

/** The program with the best mean validation score (the first on ties, as GEPA's idxmax). */
function bestOf(programs: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const p of programs) {
    const s = p.scores.val?.mean;
    if (s !== undefined && (best === undefined || s > (best.scores.val?.mean ?? 0))) best = p;
  }
  return best;
}

/** GEPA's reflective dataset, rendered as its default instruction proposal renders records. */
function reflectiveDataset(
  task: Task,
  batch: readonly Example[],
  rollouts: readonly ScoredRollout[],
): string {
  return rollouts
    .map((r, i) => {
      const example = exampleById(batch, r.exampleId);
      const output = r.response.length > 2000 ? `[...]${r.response.slice(-2000)}` : r.response;
      return [
        `# Example ${i + 1}`,
        '## Inputs',
        task.toUserMessage(example),
        '',
        '## Generated Outputs',
        output,
        '',
        '## Feedback',
        r.feedback,
      ].join('\n');
    })
    .join('\n\n');
}

/** One reflective mutation; true when the child was accepted (improved on its minibatch). */
async function reflect(
  ctx: OptimizerContext,
  state: GepaState,
  evaluator: CandidateEvaluator,
  valset: readonly Example[],
  rng: Rng,
  iteration: number,
  settings: { batch: readonly Example[]; skipPerfect: boolean; prefix: string; system: string },
): Promise<boolean> {
  const { engine, task } = ctx;
  const { fronts, aggregate } = frontsOf(state.programs);
  const parentId = selectFromPareto(fronts, aggregate, rng);
  const parent = state.programs.find((p) => p.id === parentId) ?? (state.programs[0] as Candidate);
  const batch = settings.batch;
  const beforeRollouts = await evaluator.run(parent, batch, 'train', `gepa iteration ${iteration}`);
  const oldSum = sum(beforeRollouts);
  const base = { iteration, kind: 'reflective' as const, parents: [parent.id], before: [oldSum] };
  if (settings.skipPerfect && beforeRollouts.every((r) => r.score >= 1)) {
    state.iterations.push({ ...base, accepted: false, skipped: 'all minibatch scores perfect' });
    return false;
  }
  const answer = await askAgent(
    engine,
    {
      system: settings.system,
      prompt: renderTemplate(baselineTemplate(ctx.templates, 'gepa-reflect'), {
        prompt: parent.prompt,
        examples: reflectiveDataset(task, batch, beforeRollouts),
      }),
      sample: iteration,
    },
    // The reference reads the proposal from the first ``` to the last ``` of the reply.
    FENCED_SPAN_REPLY,
  );
  if (!answer.ok) {
    state.iterations.push({ ...base, accepted: false, skipped: answer.failure });
    return false;
  }
  const child = childCandidate(
    `${settings.prefix}${state.archive.length}`,
    answer.content,
    parent,
    iteration,
    answer.rationale,
  );
  parent.childrenCount++;
  state.archive.push(child);
  emitProposed(engine, child);
  const childRollouts = await evaluator.run(child, batch, 'train', `gepa iteration ${iteration} child`);
  // Paired on the examples scored for both (a failed call leaves its example out of both sums).
  const scored = new Set(childRollouts.map((r) => r.exampleId));
  const newSum = sum(childRollouts.filter((r) => beforeRollouts.some((b) => b.exampleId === r.exampleId)));
  const accepted = newSum > sum(beforeRollouts.filter((r) => scored.has(r.exampleId)));
  if (accepted) {
    child.status = 'admitted';
    await evaluator.run(child, valset, 'val', `gepa iteration ${iteration} val`);
    state.programs.push(child);
    state.parents.set(child.id, [parent.id]);
  }
  ctx.onCandidate?.(child, 'task');
  emitVerdict(engine, child, accepted, newSum / batch.length, oldSum / batch.length);
  state.iterations.push({ ...base, childId: child.id, after: newSum, accepted });
  return accepted;
}
