/** One GEPA iteration as logged in the method's details (`details.log`). */
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
