import type { FailedRollout, Rollout } from '../spec/rollout.js';

/** The share of a split's rollouts that may fail (provider errors after retries) before a run reports it as failing. */
export const DEFAULT_ALLOWED_FAILURE_SHARE = 0.02;

/** How many of an evaluation's planned rollouts were scored, and which calls failed. */
export interface CallFailures {
  /** What the numbers are of, e.g. "test (seed)" or "optimization". */
  readonly label: string;
  readonly planned: number;
  readonly scored: number;
  readonly failed: number;
  /** failed / planned (0 when nothing was planned). */
  readonly share: number;
  /** The first failed calls (example, sample, error), for the output and the JSON. */
  readonly examples: ReadonlyArray<{
    readonly exampleId: string;
    readonly sample: number;
    readonly error: string;
  }>;
}

/** Counts an evaluation's failed calls. Pure. */
export function callFailures(label: string, rollouts: readonly Rollout[], keep = 20): CallFailures {
  const failed = rollouts.filter((r): r is FailedRollout => r.status === 'failed');
  return countedFailures(
    label,
    rollouts.length,
    failed.length,
    failed.slice(0, keep).map((r) => ({ exampleId: r.exampleId, sample: r.sample, error: r.error })),
  );
}

/** The same count from totals (e.g. the ledger's task-line rollouts and failures of an optimization). */
export function countedFailures(
  label: string,
  planned: number,
  failed: number,
  examples: CallFailures['examples'] = [],
): CallFailures {
  return {
    label,
    planned,
    scored: planned - failed,
    failed,
    share: planned === 0 ? 0 : failed / planned,
    examples,
  };
}

/** The counts whose failed share is above `allowed` (a run with any of them exits non-zero). */
export function excessiveFailures(
  counts: readonly CallFailures[],
  allowed = DEFAULT_ALLOWED_FAILURE_SHARE,
): CallFailures[] {
  return counts.filter((c) => c.failed > 0 && c.share > allowed);
}

/** One line per excessive count, for the first lines of a command's output. */
export function failureWarnings(counts: readonly CallFailures[], allowed: number): string[] {
  return excessiveFailures(counts, allowed).map(
    (c) =>
      `WARNING: ${c.failed} of ${c.planned} ${c.label} rollouts failed (provider errors after retries; ${(c.share * 100).toFixed(1)}% > --allow-failures ${allowed}): they are not scored, the numbers below are over the ${c.scored} scored; resume the run to retry them`,
  );
}
