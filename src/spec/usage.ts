/** Token usage of one model call as the provider reported it. Undefined means "not reported". */
export interface Usage {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

/** The two budget lines: the frozen task model, and the optimizer model (the prompt agent). */
export type Role = 'task' | 'optimizer';

/** Spend on one role. `usd` is undefined when any call on that line had an unknown price. */
export interface SpendLine {
  readonly rollouts: number;
  readonly calls: number;
  readonly cacheHits: number;
  readonly replayed: number;
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly usd: number | undefined;
  readonly wallMs: number;
}

export interface Spend {
  readonly task: SpendLine;
  readonly optimizer: SpendLine;
}
