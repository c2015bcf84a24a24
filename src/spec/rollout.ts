import type { Example } from './example.js';
import type { Usage } from './usage.js';

/** One unit of evaluation work: a system prompt run on an example, the `sample`-th time. */
export interface RolloutRequest {
  readonly candidateId: string;
  readonly systemPrompt: string;
  readonly example: Example;
  readonly sample: number;
}

interface RolloutBase {
  readonly candidateId: string;
  readonly exampleId: string;
  readonly sample: number;
  readonly usage: Usage;
  readonly latencyMs: number;
  /** How the response was obtained: a fresh call, the shared call cache, or this run's own log (resume). */
  readonly source: 'call' | 'cache' | 'replay';
}

/**
 * A rollout the task's scorer judged. What the model got wrong (no answer, unparsable, wrong) is a
 * score of 0 with `failure` saying why: it is data, visible to the prompt agent.
 */
export interface ScoredRollout extends RolloutBase {
  readonly status?: 'scored';
  readonly response: string;
  readonly score: number;
  readonly feedback: string;
  readonly extracted?: string;
  readonly failure?: string;
}

/**
 * A rollout whose model call failed after its retries (rate limit, 5xx, network, timeout, malformed
 * reply): an infrastructure failure, not an answer. It has no score, no decision may use it, it is
 * counted apart (the ledger's `failures`), never stored as a rollout, and a resumed run retries it.
 */
export interface FailedRollout extends RolloutBase {
  readonly status: 'failed';
  /** The provider error after retries, e.g. "provider error: connect ECONNREFUSED 127.0.0.1:8400". */
  readonly error: string;
  readonly score?: undefined;
}

export type Rollout = ScoredRollout | FailedRollout;

export function isScored(rollout: Rollout): rollout is ScoredRollout {
  return rollout.status !== 'failed';
}

/** The scored rollouts of a batch, in order: what every statistic and every decision is computed on. */
export function scoredOnly(rollouts: readonly Rollout[]): ScoredRollout[] {
  return rollouts.filter(isScored);
}

/** The failed rollouts of a batch (provider failures after retries), in order. */
export function failedOnly(rollouts: readonly Rollout[]): FailedRollout[] {
  return rollouts.filter((r): r is FailedRollout => r.status === 'failed');
}
