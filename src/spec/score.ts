import type { Example } from './example.js';

/**
 * The verdict of a scorer on one response. `score` is in [0, 1]. `feedback` is text the prompt agent
 * can read: what was expected, what was extracted, why it failed.
 */
export interface ScoreResult {
  readonly score: number;
  readonly feedback: string;
  /** The answer the scorer extracted from the response, when it found one. */
  readonly extracted?: string;
  /** Set when the example could not be scored normally (no answer found, provider error...). */
  readonly failure?: string;
}

export interface Scorer {
  readonly name: string;
  score(example: Example, response: string): ScoreResult | Promise<ScoreResult>;
}
