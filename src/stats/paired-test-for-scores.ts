import { type McNemarResult, mcnemarExact } from './mcnemar-exact.js';
import {
  type PairedPermutationOptions,
  type PairedPermutationResult,
  pairedPermutationTest,
} from './paired-permutation-test.js';

/** Either test; `test` names the one that ran ('mcnemar-exact' or 'paired-permutation'). */
export type PairedScoresTest = McNemarResult | PairedPermutationResult;

/**
 * The paired test that fits the scores of a (new/best) and b (reference/seed) on the same items: the
 * exact McNemar test when every score in both is 0 or 1 (pass/fail grading), else the sign-flip
 * permutation test of the mean difference (graded scores). `options.level` applies to both; the
 * random source and resamples only to the permutation test.
 */
export function pairedTestForScores(
  a: readonly number[],
  b: readonly number[],
  options: PairedPermutationOptions = {},
): PairedScoresTest {
  const binary = (xs: readonly number[]): boolean => xs.every((x) => x === 0 || x === 1);
  if (a.length > 0 && binary(a) && binary(b)) return mcnemarExact(a, b, options.level ?? 0.95);
  return pairedPermutationTest(a, b, options);
}
