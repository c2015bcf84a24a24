import type { Candidate } from './candidate.js';

/**
 * What every optimization method returns, so `sepo optimize` and `sepo compare` treat them alike:
 * the seed, the chosen best, every candidate (with lineage), and why it stopped. `details` holds
 * method-specific data for the result JSON (e.g. SePO's stages, GEPA's Pareto front).
 */
export interface MethodResult {
  readonly seed: Candidate;
  readonly best: Candidate;
  readonly archive: readonly Candidate[];
  /** The split the best was chosen by ("val", "train"), or "none" when nothing was chosen. */
  readonly chosenBy: string;
  readonly stopReason: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
