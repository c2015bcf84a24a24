import { pairedBootstrap } from './intervals.js';
import { checkLevel } from './percentile.js';
import { type RandomSource, randomSource } from './random-source.js';

export interface PairedPermutationOptions extends RandomSource {
  /** Default 0.95. */
  readonly level?: number;
  /** Monte Carlo sign flips when the test is not exact, and bootstrap replicates; default 10,000. */
  readonly resamples?: number;
}

export interface PairedPermutationResult {
  readonly test: 'paired-permutation';
  /** Number of pairs (zero differences included). */
  readonly n: number;
  /** mean(a − b). */
  readonly mean: number;
  /** Paired bootstrap percentile interval of mean(a − b). */
  readonly low: number;
  readonly high: number;
  /** Two-sided sign-flip permutation p-value. */
  readonly p: number;
  readonly level: number;
  /** True when p enumerates every sign flip; false when it is a Monte Carlo estimate. */
  readonly exact: boolean;
}

/** Up to this many nonzero differences all 2^m sign flips are enumerated (2^19 sums of <= 20 terms). */
export const EXACT_PERMUTATION_LIMIT = 20;

/**
 * Sign-flip permutation test of mean(a − b) = 0 for graded scores on the same items (a = new, b =
 * reference). Under H0 each difference d_i is as likely to be −d_i; zero differences do not change
 * under a flip and are left out of the enumeration (they still count in n and the mean). With m nonzero
 * differences, p = share of sign patterns with |Σ ±d_i| >= |Σ d_i| (equivalently |mean*| >= |mean|):
 * all 2^m patterns when m <= 20, otherwise R random patterns with p = (1 + hits) / (1 + R), which never
 * reports 0. Ties are compared with a relative tolerance of 1e-9 of Σ|d_i|, so sums that are equal in
 * exact arithmetic count as extreme. p = 1 when every difference is 0. The interval is pairedBootstrap's
 * percentile interval. Seeded: the same `seed` (or `rng` state) gives the same result; the bootstrap
 * draws first, then the Monte Carlo flips, from one generator. Needs at least 1 pair.
 */
export function pairedPermutationTest(
  a: readonly number[],
  b: readonly number[],
  options: PairedPermutationOptions = {},
): PairedPermutationResult {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const resamples = options.resamples ?? 10_000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be an integer >= 1, got ${resamples}`);
  }
  const rng = randomSource(options);
  // Validates lengths and finiteness, and needs n >= 1.
  const boot = pairedBootstrap(a, b, { rng, level, resamples });
  const nonzero: number[] = [];
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) {
      nonzero.push(d);
      scale += Math.abs(d);
    }
  }
  const observed = Math.abs(nonzero.reduce((x, y) => x + y, 0));
  const threshold = observed - 1e-9 * scale;
  const m = nonzero.length;
  let p: number;
  let exact = true;
  if (m === 0) p = 1;
  else if (m <= EXACT_PERMUTATION_LIMIT) {
    // Patterns come in ± pairs with the same |sum|: fix the sign of the last difference and count
    // the 2^(m−1) patterns of the others, then the share is hits / 2^(m−1).
    const last = nonzero[m - 1] as number;
    const patterns = 2 ** (m - 1);
    let hits = 0;
    for (let mask = 0; mask < patterns; mask++) {
      let s = last;
      for (let i = 0; i < m - 1; i++) {
        const d = nonzero[i] as number;
        s += mask & (1 << i) ? -d : d;
      }
      if (Math.abs(s) >= threshold) hits++;
    }
    p = hits / patterns;
  } else {
    exact = false;
    let hits = 0;
    for (let r = 0; r < resamples; r++) {
      let s = 0;
      for (const d of nonzero) s += rng.next() < 0.5 ? -d : d;
      if (Math.abs(s) >= threshold) hits++;
    }
    p = (1 + hits) / (1 + resamples);
  }
  return {
    test: 'paired-permutation',
    n: boot.n,
    mean: boot.mean,
    low: boot.low,
    high: boot.high,
    p,
    level,
    exact,
  };
}
