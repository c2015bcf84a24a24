import { type CallFailures, callFailures } from '../engine/call-failures.js';
import type { Rollout } from '../spec/rollout.js';

/** One prompt's scores on a test split, one per request in order; null where the call failed. */
export interface TestScores {
  readonly scores: readonly (number | null)[];
  readonly failures: CallFailures;
}

/** Scores of one sample per example, in request order, with failed calls as null (not as 0). */
export function testScores(label: string, rollouts: readonly Rollout[]): TestScores {
  return {
    scores: rollouts.map((r) => (r.status === 'failed' ? null : r.score)),
    failures: callFailures(label, rollouts),
  };
}

/** The scored values (failed calls left out). */
export function scoredValues(scores: readonly (number | null)[]): number[] {
  return scores.filter((s): s is number => s !== null);
}

/** The pairs scored on both sides, as two aligned arrays (a paired test uses only those). */
export function pairedScored(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): [number[], number[]] {
  if (a.length !== b.length)
    throw new RangeError(`paired scores differ in length: ${a.length} vs ${b.length}`);
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || x === undefined || y === undefined) continue;
    left.push(x);
    right.push(y);
  }
  return [left, right];
}
