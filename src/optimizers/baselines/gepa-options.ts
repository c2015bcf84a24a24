/** GEPA's settings (defaults: GEPA's own, as noted per field). */
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
