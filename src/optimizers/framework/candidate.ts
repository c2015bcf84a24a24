/** A score on one split: the mean over `n` rollouts, and the per-example means it came from. */
export interface SplitScore {
  readonly mean: number;
  readonly n: number;
  /** Mean score per example id (over samples), for paired comparisons and flip tables. */
  readonly perExample: Readonly<Record<string, number>>;
  /** Rollouts behind each per-example mean. */
  readonly counts: Readonly<Record<string, number>>;
}

export type CandidateStatus = 'seed' | 'admitted' | 'rejected';

/** One prompt in an archive (a task prompt, or a prompt-agent prompt at the agent level). */
export interface Candidate {
  readonly id: string;
  readonly prompt: string;
  readonly parentId: string | undefined;
  readonly generation: number;
  status: CandidateStatus;
  childrenCount: number;
  /** Scores per split name ("train", "val", "test", or "improvement" at the agent level). */
  readonly scores: Record<string, SplitScore>;
  /** The prompt agent's rationale when it proposed this candidate. */
  readonly rationale?: string;
}

/**
 * The lifecycle of a candidate: `seedCandidate` starts a method's archive; `childCandidate` builds a
 * proposal, 'rejected' until the method admits it (then `status = 'admitted'`). Scores fill in as the
 * evaluator runs it. Both are pure: counting a child on its parent (`childrenCount`, which parent
 * selectors read) is the method's step, since methods count at different moments (SePO counts each
 * request to the prompt agent, failed ones included; the baselines count proposals received).
 */
export function seedCandidate(id: string, prompt: string): Candidate {
  return { id, prompt, parentId: undefined, generation: 0, status: 'seed', childrenCount: 0, scores: {} };
}

/** A proposed child of `parent` (see `seedCandidate`); an empty rationale is left out. */
export function childCandidate(
  id: string,
  prompt: string,
  parent: Candidate,
  generation: number,
  rationale?: string,
): Candidate {
  return {
    id,
    prompt,
    parentId: parent.id,
    generation,
    status: 'rejected',
    childrenCount: 0,
    scores: {},
    ...(rationale === undefined || rationale === '' ? {} : { rationale }),
  };
}

/**
 * Adds rollout results to a split score. The mean is over examples (each example's mean over its
 * samples), so an example evaluated twice does not weigh double. `n` counts rollouts.
 */
export function mergeSplitScore(
  previous: SplitScore | undefined,
  results: ReadonlyArray<{ readonly exampleId: string; readonly score: number }>,
): SplitScore {
  const perExample: Record<string, number> = { ...previous?.perExample };
  const counts: Record<string, number> = { ...previous?.counts };
  for (const r of results) {
    const count = counts[r.exampleId] ?? 0;
    const mean = perExample[r.exampleId] ?? 0;
    perExample[r.exampleId] = (mean * count + r.score) / (count + 1);
    counts[r.exampleId] = count + 1;
  }
  const means = Object.values(perExample);
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    mean: means.length === 0 ? 0 : means.reduce((a, b) => a + b, 0) / means.length,
    n,
    perExample,
    counts,
  };
}

/** Mean score restricted to the given examples (for paired comparisons on one minibatch). */
export function meanOn(score: SplitScore | undefined, exampleIds: readonly string[]): number | undefined {
  if (score === undefined) return undefined;
  let sum = 0;
  let n = 0;
  for (const id of exampleIds) {
    const v = score.perExample[id];
    if (v !== undefined) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? undefined : sum / n;
}
