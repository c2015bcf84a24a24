import type { Interval } from '../stats/bootstrap-decomposition.js';

/** One of the best training subsets (p1 filter, Algorithm 1 stage 1). */
export interface SubsetReport {
  /** Example ids, in example order. */
  readonly ids: readonly string[];
  /** Example indices into the tensor, ascending. */
  readonly examples: readonly number[];
  /** Score(S) = Var^ - Var^_resp: the estimated variance among system prompts on this subset. */
  readonly score: number;
  readonly total: number;
  readonly noise: number;
  readonly ratio: number;
  /** Bootstrap interval of the score (optimistic: the subset was chosen for a high score). */
  readonly scoreInterval: Interval;
  /** Responses per cell for `targetRatio` on this subset (null when its signal is not positive). */
  readonly samplesNeeded: number | null;
}
