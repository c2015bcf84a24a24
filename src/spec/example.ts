/** One item of a dataset. `id` is stable across runs: the store, the cache and p1's subset indices use it. */
export interface Example {
  readonly id: string;
  /** The raw input (question, problem statement, instruction...). The task turns it into the user message. */
  readonly input: string;
  /** The reference answer as text; scorers interpret it (a number, a grid, asserts as JSON...). */
  readonly answer: string;
  /** Task-specific extra data (test asserts, constraint kwargs, options...). JSON-serialisable. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export type SplitName = 'train' | 'val' | 'test';

export interface Splits {
  readonly train: readonly Example[];
  readonly val: readonly Example[];
  readonly test: readonly Example[];
}
