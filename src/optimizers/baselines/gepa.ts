import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { Rollout } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import { renderTemplate } from '../../templates/render-template.js';
import { type Rng, rngFor } from '../../util/rng.js';
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
  seedCandidate,
  stopBefore,
} from './baseline-support.js';
import { attemptMerge, frontsOf, type GepaState, sum } from './gepa-merge.js';
import { selectFromPareto } from './pareto.js';

export interface GepaOptions {
  /** Training examples per reflection (GEPA's reflection_minibatch_size: 3). */
  readonly reflectionMinibatch: number;
  /** Task-model rollouts GEPA may use (its max_metric_calls; default: the engine's remaining budget). */
  readonly maxMetricCalls?: number;
  /** Also propose merges of two candidates that share an ancestor (GEPA+Merge). */
  readonly merge: boolean;
  /** Merges accepted at most (GEPA's max_merge_invocations: 5). */
  readonly maxMerges: number;
  /** Validation examples a merged candidate is first tried on (5). */
  readonly mergeSubsample: number;
  /** Skip the proposal when the parent is perfect on the minibatch (GEPA's skip_perfect_score). */
  readonly skipPerfect: boolean;
  /** Validation (Pareto) examples used at most (default all). */
  readonly valLimit?: number;
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "g"). */
  readonly idPrefix?: string;
}

export interface GepaIteration {
  readonly iteration: number;
  readonly kind: 'reflective' | 'merge';
  readonly parents: readonly string[];
  readonly childId?: string;
  /** Minibatch (or merge subsample) score sums: parent(s) before, child after. */
  readonly before?: readonly number[];
  readonly after?: number;
  readonly accepted: boolean;
  readonly skipped?: string;
}

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
  let stopReason = '';
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
      const reason =
        used() >= cap
          ? `used ${used()} of ${cap} metric calls`
          : idle >= maxIdle
            ? `no rollouts in ${idle} iterations (every minibatch perfect or every proposal failed)`
            : stopBefore(ctx, iteration, bestOf(state.programs)?.scores.val?.mean ?? 0);
      if (reason !== undefined) {
        stopReason = reason;
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
    stopReason = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stopReason });
  const best = bestOf(state.programs) ?? seed;
  const { fronts } = frontsOf(state.programs);
  return {
    seed,
    best,
    archive: state.archive,
    chosenBy: 'val',
    stopReason,
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
function reflectiveDataset(task: Task, batch: readonly Example[], rollouts: readonly Rollout[]): string {
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
    'prompt',
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
  state.archive.push(child);
  emitProposed(engine, child);
  const newSum = sum(await evaluator.run(child, batch, 'train', `gepa iteration ${iteration} child`));
  const accepted = newSum > oldSum;
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
