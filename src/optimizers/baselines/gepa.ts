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
import { dominatorPrograms, paretoFronts, selectFromPareto } from './pareto.js';

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

interface GepaState {
  readonly programs: Candidate[];
  readonly parents: Map<string, readonly string[]>;
  readonly archive: Candidate[];
  readonly iterations: GepaIteration[];
  readonly mergesDone: Set<string>;
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
    throw new ConfigError('--budget', 'GEPA runs until its metric-call budget: pass --budget or --max-metric-calls');
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

function frontsOf(programs: readonly Candidate[]) {
  const scores = new Map(programs.map((p) => [p.id, p.scores.val?.perExample ?? {}]));
  const aggregate = new Map(programs.map((p) => [p.id, p.scores.val?.mean ?? 0]));
  return { fronts: paretoFronts(scores), aggregate };
}

const sum = (rs: readonly Rollout[]): number => rs.reduce((a, r) => a + r.score, 0);

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

function ancestorsOf(id: string, parents: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  const stack = [...(parents.get(id) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as string;
    if (found.has(p)) continue;
    found.add(p);
    stack.push(...(parents.get(p) ?? []));
  }
  return found;
}

/**
 * GEPA's find_common_ancestor_pair over the non-dominated candidates: two candidates, neither an
 * ancestor of the other, with a common ancestor scoring no better than either and not merged with
 * them before; the ancestor is drawn in proportion to its score. (GEPA's per-component filter does not
 * apply to a one-component system: the prompts themselves are merged by the reflection model.)
 */
function findMergeTriplet(
  candidates: readonly string[],
  state: GepaState,
  aggregate: ReadonlyMap<string, number>,
  rng: Rng,
): [string, string, string] | undefined {
  const order = (id: string): number => state.programs.findIndex((p) => p.id === id);
  for (let attempt = 0; attempt < 10; attempt++) {
    if (candidates.length < 2) return undefined;
    const shuffled = rng.shuffle(candidates);
    let [a, b] = shuffled as [string, string];
    if (order(b) < order(a)) [a, b] = [b, a];
    const ancestorsA = ancestorsOf(a, state.parents);
    const ancestorsB = ancestorsOf(b, state.parents);
    if (ancestorsA.has(b) || ancestorsB.has(a)) continue;
    const common = [...ancestorsA].filter(
      (x) =>
        ancestorsB.has(x) &&
        !state.mergesDone.has(`${a}|${b}|${x}`) &&
        (aggregate.get(x) ?? 0) <= (aggregate.get(a) ?? 0) &&
        (aggregate.get(x) ?? 0) <= (aggregate.get(b) ?? 0),
    );
    if (common.length === 0) continue;
    const weights = common.map((x) => aggregate.get(x) ?? 0);
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rng.next() * total;
    let ancestor = common[common.length - 1] as string;
    if (total > 0) {
      for (let i = 0; i < common.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) {
          ancestor = common[i] as string;
          break;
        }
      }
    } else ancestor = rng.pick(common);
    return [a, b, ancestor];
  }
  return undefined;
}

/** GEPA's merge subsample: validation examples where a wins, where b wins, and ties, a third each. */
function mergeSubsample(a: Candidate, b: Candidate, size: number, rng: Rng): string[] {
  const sa = a.scores.val?.perExample ?? {};
  const sb = b.scores.val?.perExample ?? {};
  const common = Object.keys(sa).filter((id) => sb[id] !== undefined);
  const buckets = [
    common.filter((id) => (sa[id] ?? 0) > (sb[id] ?? 0)),
    common.filter((id) => (sb[id] ?? 0) > (sa[id] ?? 0)),
    common.filter((id) => sa[id] === sb[id]),
  ];
  const each = Math.max(1, Math.ceil(size / 3));
  const selected: string[] = [];
  for (const bucket of buckets) {
    if (selected.length >= size) break;
    selected.push(...rng.shuffle(bucket).slice(0, Math.min(each, size - selected.length)));
  }
  const unused = rng.shuffle(common.filter((id) => !selected.includes(id)));
  selected.push(...unused.slice(0, size - selected.length));
  return selected;
}

async function attemptMerge(
  ctx: OptimizerContext,
  options: GepaOptions,
  state: GepaState,
  evaluator: CandidateEvaluator,
  valset: readonly Example[],
  rng: Rng,
  iteration: number,
  system: string,
): Promise<'accepted' | 'rejected' | 'none'> {
  const { engine } = ctx;
  const { fronts, aggregate } = frontsOf(state.programs);
  const dominators = dominatorPrograms(fronts, aggregate);
  if (dominators.length < 2 || state.programs.length < 3) return 'none';
  const triplet = findMergeTriplet(dominators, state, aggregate, rng);
  if (triplet === undefined) return 'none';
  const [ida, idb, idAncestor] = triplet;
  state.mergesDone.add(`${ida}|${idb}|${idAncestor}`);
  const get = (id: string): Candidate => state.programs.find((p) => p.id === id) as Candidate;
  const [a, b, ancestor] = [get(ida), get(idb), get(idAncestor)];
  const score = (c: Candidate): string => (c.scores.val?.mean ?? 0).toFixed(2);
  const answer = await askAgent(
    engine,
    {
      system,
      prompt: renderTemplate(baselineTemplate(ctx.templates, 'gepa-merge'), {
        prompt_a: a.prompt,
        score_a: score(a),
        prompt_b: b.prompt,
        score_b: score(b),
        prompt_ancestor: ancestor.prompt,
        score_ancestor: score(ancestor),
      }),
      sample: iteration,
    },
    'prompt',
  );
  const base = { iteration, kind: 'merge' as const, parents: [a.id, b.id] };
  if (!answer.ok) {
    state.iterations.push({ ...base, accepted: false, skipped: answer.failure });
    return 'none';
  }
  const prefix = options.idPrefix ?? 'g';
  const child = childCandidate(
    `${prefix}${state.archive.length}`,
    answer.content,
    a,
    iteration,
    `merge of ${a.id} and ${b.id} (common ancestor ${ancestor.id})${answer.rationale === '' ? '' : `: ${answer.rationale}`}`,
  );
  b.childrenCount++;
  state.archive.push(child);
  emitProposed(engine, child);
  const ids = mergeSubsample(a, b, options.mergeSubsample, rng);
  const subset = ids.map((id) => exampleById(valset, id));
  const newSum = sum(await evaluator.run(child, subset, 'val', `gepa merge ${iteration}`));
  const parentSums = [a, b].map((p) => ids.reduce((s, id) => s + (p.scores.val?.perExample[id] ?? 0), 0));
  const accepted = newSum >= Math.max(...parentSums);
  if (accepted) {
    child.status = 'admitted';
    await evaluator.run(child, valset, 'val', `gepa merge ${iteration} val`);
    state.programs.push(child);
    state.parents.set(child.id, [a.id, b.id]);
  }
  ctx.onCandidate?.(child, 'task');
  emitVerdict(engine, child, accepted, newSum / Math.max(1, ids.length), Math.max(...parentSums) / Math.max(1, ids.length));
  state.iterations.push({ ...base, childId: child.id, before: parentSums, after: newSum, accepted });
  return accepted ? 'accepted' : 'rejected';
}
