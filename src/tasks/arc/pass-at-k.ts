import type { Task } from '../../spec/task.js';

/**
 * pass@k. A task whose official metric is pass@k (ARC: k = 3) declares `passAtK` (see PassAtKTask);
 * its scorer still scores one response. A command evaluating such a task asks the engine for samples
 * 0..k-1 of every example (RolloutRequest.sample), then aggregates:
 *   const k = taskPassAtK(task);
 *   const result = passAtK(groupRolloutsByExample(rollouts), k);
 * `result.score` is the mean over examples; an example scores 1 when any of its k responses is right.
 * With n > k samples the unbiased estimator 1 - C(n-c, k) / C(n, k) of Chen et al. (2021) is used.
 */
export interface PassAtKTask extends Task {
  readonly passAtK: number;
}

/** The task's k (1 when it does not declare one). */
export function taskPassAtK(task: Task): number {
  const k = (task as Partial<PassAtKTask>).passAtK;
  return typeof k === 'number' && Number.isInteger(k) && k >= 1 ? k : 1;
}

/** One scored response of an example (a Rollout fits). */
export interface SampledScore {
  readonly sample: number;
  readonly score: number;
}

export interface PassAtKResult {
  readonly k: number;
  /** Mean of the per-example values (0 when there are no examples). */
  readonly score: number;
  readonly perExample: ReadonlyMap<string, number>;
  /** Examples with fewer than k samples: their value is "any correct" over what there is. */
  readonly incomplete: readonly string[];
}

/** Probability that at least one of k draws without replacement from n samples (c correct) is correct. */
export function passAtKEstimate(n: number, c: number, k: number): number {
  if (c <= 0) return 0;
  if (n - c < k) return 1;
  let allWrong = 1;
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}

export function groupRolloutsByExample<T extends { readonly exampleId: string }>(
  rollouts: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const rollout of rollouts) {
    const group = groups.get(rollout.exampleId);
    if (group === undefined) groups.set(rollout.exampleId, [rollout]);
    else group.push(rollout);
  }
  return groups;
}

/**
 * pass@k over examples. A response counts as correct when its score is at least `threshold`
 * (default 1: exact). Duplicate sample indices of one example count once.
 */
export function passAtK(
  rolloutsByExample:
    | ReadonlyMap<string, readonly SampledScore[]>
    | Readonly<Record<string, readonly SampledScore[]>>,
  k: number,
  options: { readonly threshold?: number } = {},
): PassAtKResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`pass@k needs an integer k >= 1, got ${k}`);
  const threshold = options.threshold ?? 1;
  const entries =
    rolloutsByExample instanceof Map ? [...rolloutsByExample.entries()] : Object.entries(rolloutsByExample);
  const perExample = new Map<string, number>();
  const incomplete: string[] = [];
  for (const [exampleId, samples] of entries) {
    const bySample = new Map<number, number>();
    for (const s of samples) if (!bySample.has(s.sample)) bySample.set(s.sample, s.score);
    const n = bySample.size;
    const c = [...bySample.values()].filter((score) => score >= threshold).length;
    if (n < k) incomplete.push(exampleId);
    perExample.set(exampleId, n < k ? (c > 0 ? 1 : 0) : passAtKEstimate(n, c, k));
  }
  const values = [...perExample.values()];
  const score = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return { k, score, perExample, incomplete };
}
