import type { Example } from '../../spec/example.js';
import type { ScoredRollout } from '../../spec/rollout.js';
import { renderTemplate } from '../../templates/render-template.js';
import type { Rng } from '../../util/rng.js';
import { type Candidate, childCandidate } from '../framework/candidate.js';
import type { CandidateEvaluator } from '../framework/evaluator.js';
import { FENCED_SPAN_REPLY } from '../framework/extract-output.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import { askAgent, baselineTemplate, emitProposed, emitVerdict, exampleById } from './baseline-support.js';
import type { GepaIteration } from './gepa-iteration.js';
import type { GepaOptions } from './gepa-options.js';
import { dominatorPrograms, paretoFronts } from './pareto.js';

/** GEPA's mutable search state: candidates (with all their parents), every proposal, the merge log. */
export interface GepaState {
  readonly programs: Candidate[];
  readonly parents: Map<string, readonly string[]>;
  readonly archive: Candidate[];
  readonly iterations: GepaIteration[];
  readonly mergesDone: Set<string>;
}

/** The candidates' per-example validation fronts and their mean validation scores. */
export function frontsOf(programs: readonly Candidate[]) {
  const scores = new Map(programs.map((p) => [p.id, p.scores.val?.perExample ?? {}]));
  const aggregate = new Map(programs.map((p) => [p.id, p.scores.val?.mean ?? 0]));
  return { fronts: paretoFronts(scores), aggregate };
}

export const sum = (rs: readonly ScoredRollout[]): number => rs.reduce((a, r) => a + r.score, 0);

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

export async function attemptMerge(
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
    FENCED_SPAN_REPLY,
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
  a.childrenCount++;
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
  emitVerdict(
    engine,
    child,
    accepted,
    newSum / Math.max(1, ids.length),
    Math.max(...parentSums) / Math.max(1, ids.length),
  );
  state.iterations.push({ ...base, childId: child.id, before: parentSums, after: newSum, accepted });
  return accepted ? 'accepted' : 'rejected';
}
