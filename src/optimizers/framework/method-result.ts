import type { Spend } from '../../spec/usage.js';
import type { Candidate } from './candidate.js';
import type { MethodDetails } from './method-details.js';
import type { StopCategory } from './stop-conditions.js';

/**
 * What every optimization method returns, so `sepo optimize` and `sepo compare` treat them alike:
 * the seed, the chosen best, every candidate (with lineage), and why it stopped. `details` holds
 * method-specific data for the result JSON (e.g. SePO's stages, GEPA's Pareto front), typed per method.
 */
export interface MethodResult {
  readonly seed: Candidate;
  readonly best: Candidate;
  readonly archive: readonly Candidate[];
  /** The split the best was chosen by ("val", "train"), or "none" when nothing was chosen. */
  readonly chosenBy: string;
  readonly stopReason: string;
  /** The kind of stop (what the comparison table shows for a run that spent under 90% of its budget). */
  readonly stopCategory: StopCategory;
  /**
   * Work done once and shared by every target task (SePO's pre-training, MetaSPO's meta-training on a
   * pool), on a budget line of its own; `charged` when it counted against --budget (--charge-one-time).
   */
  readonly oneTime?: { readonly what: string; readonly spend: Spend; readonly charged: boolean };
  readonly details?: MethodDetails;
}
