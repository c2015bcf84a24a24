import type { ScoredRollout } from '../spec/rollout.js';

/**
 * What a run does. The known kinds are listed for completion; any other string is accepted so a new
 * command does not need a store change.
 */
export type RunKind = 'eval' | 'optimize' | 'diagnose' | 'compare' | 'pretrain' | (string & {});

/** `running` until `finishRun`; a run killed without finishing stays `running` and can be resumed. */
export type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled' | 'budget-exhausted';

export const RUN_STATUSES: readonly RunStatus[] = [
  'running',
  'finished',
  'failed',
  'cancelled',
  'budget-exhausted',
];

/** What the caller supplies to create a run. `config` and `versions` must be JSON-serialisable. */
export interface NewRun {
  readonly kind: RunKind;
  readonly config: unknown;
  /** An integer (the run's base seed). */
  readonly seed: number;
  /** Versions that shape the result: sepo, node, task file hash, world file hash... */
  readonly versions: Readonly<Record<string, string>>;
}

export interface RunRecord extends NewRun {
  /** `r<yyyymmdd>-<hhmmss>-<4 hex>` in UTC, e.g. `r20261122-021530-ab12`. */
  readonly id: string;
  readonly status: RunStatus;
  /** The value passed to `finishRun`; undefined while running or when none was given. */
  readonly result: unknown;
  /** ISO-8601 UTC timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Mean score of a candidate on one split (or minibatch label) and the number of rollouts behind it. */
export interface SplitScore {
  readonly mean: number;
  readonly n: number;
}

export type CandidateLevel = 'task' | 'agent';
export type CandidateStatus = 'seed' | 'admitted' | 'rejected' | 'proposed';

/** A candidate prompt of a run. Saving one with an existing id replaces it (upsert). */
export interface CandidateRecord {
  readonly id: string;
  readonly parentId: string | undefined;
  readonly generation: number;
  readonly level: CandidateLevel;
  readonly prompt: string;
  readonly status: CandidateStatus;
  /** Keyed by split name (`train`, `val`, `test`, or a minibatch label). */
  readonly scores: Readonly<Record<string, SplitScore>>;
  /** Free-form JSON (proposal rationale, optimizer-specific data). Read back as `{}` when none. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A stored rollout: the rollout itself plus where it came from. */
export interface RolloutRecord extends ScoredRollout {
  /** Hash of the system prompt the rollout ran with. */
  readonly promptHash: string;
  /** The call key of the completion (joins with the run log and the call cache). */
  readonly callKey: string;
  readonly createdAt: string;
}

export interface EventRecord {
  /** Increases with insertion order (global to the database, so gaps between runs are normal). */
  readonly seq: number;
  readonly type: string;
  readonly payload: unknown;
  readonly createdAt: string;
}
