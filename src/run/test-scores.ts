import { type CallFailures, callFailures } from '../engine/call-failures.js';
import type { Example } from '../spec/example.js';
import type { Rollout, RolloutRequest } from '../spec/rollout.js';

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

/**
 * The test requests of one prompt: k samples (0..k-1) of every example, example by example. k is the
 * task's pass@k (taskPassAtK; 1 for most tasks, 3 for ARC-AGI-1).
 */
export function testRequests(
  examples: readonly Example[],
  candidateId: string,
  systemPrompt: string,
  k: number,
): RolloutRequest[] {
  return examples.flatMap((example) =>
    Array.from({ length: k }, (_, sample) => ({ candidateId, systemPrompt, example, sample })),
  );
}

/**
 * One score per example from `testRequests` rollouts: with k = 1 the sample's score; with k > 1 the
 * example's pass@k: 1 when any of its k samples is correct (score 1), 0 when all k were scored and none
 * is, null when none is correct and a call failed (unknown, as a failed call is never a score).
 */
export function testScoresAtK(
  label: string,
  examples: readonly Example[],
  rollouts: readonly Rollout[],
  k: number,
): TestScores {
  if (k <= 1) return testScores(label, rollouts);
  const byExample = new Map<string, Rollout[]>();
  for (const r of rollouts) byExample.set(r.exampleId, [...(byExample.get(r.exampleId) ?? []), r]);
  const scores = examples.map((e) => {
    const own = byExample.get(e.id) ?? [];
    if (own.some((r) => r.status !== 'failed' && r.score >= 1)) return 1;
    return own.length >= k && own.every((r) => r.status !== 'failed') ? 0 : null;
  });
  return { scores, failures: callFailures(label, rollouts) };
}

/** How a task's test score is named: "pass@3" for a pass@k task, else "accuracy". */
export function testMetricName(k: number): string {
  return k > 1 ? `pass@${k}` : 'accuracy';
}
