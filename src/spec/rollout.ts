import type { Example } from './example.js';
import type { Usage } from './usage.js';

/** One unit of evaluation work: a system prompt run on an example, the `sample`-th time. */
export interface RolloutRequest {
  readonly candidateId: string;
  readonly systemPrompt: string;
  readonly example: Example;
  readonly sample: number;
}

/** The outcome of a rollout. A failed rollout has score 0 and `failure` set; it is data, not an error. */
export interface Rollout {
  readonly candidateId: string;
  readonly exampleId: string;
  readonly sample: number;
  readonly response: string;
  readonly score: number;
  readonly feedback: string;
  readonly extracted?: string;
  readonly failure?: string;
  readonly usage: Usage;
  readonly latencyMs: number;
  /** How the response was obtained: a fresh call, the shared call cache, or this run's own log (resume). */
  readonly source: 'call' | 'cache' | 'replay';
}
