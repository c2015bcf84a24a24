import { binomialLogLowerTail } from './binomial-distribution.js';
import { newcombePairedInterval } from './newcombe-paired-interval.js';

/** The exact McNemar test of paired 0/1 outcomes, with an interval for the difference of proportions. */
export interface McNemarResult {
  readonly test: 'mcnemar-exact';
  /** Number of pairs. */
  readonly n: number;
  /** better: a = 1, b = 0 (b10); worse: a = 0, b = 1 (b01). */
  readonly discordant: { readonly better: number; readonly worse: number };
  /** mean(a − b) = (better − worse) / n. */
  readonly mean: number;
  /** Newcombe's hybrid score interval for the difference of paired proportions (method 10). */
  readonly low: number;
  readonly high: number;
  /** Exact two-sided p-value. */
  readonly p: number;
  readonly level: number;
}

/** Up to this many discordant pairs the binomial sum is done in exact integer arithmetic. */
const EXACT_INTEGER_LIMIT = 48;

/**
 * Exact (conditional) McNemar test of a = new/best against b = reference/seed, 0/1 outcomes on the same
 * items in the same order. Only the discordant pairs carry information: with m = better + worse, under
 * H0 better ~ Binomial(m, 1/2), and p = min(1, 2 P(X <= min(better, worse))) — the binomial sign test.
 * p = 1 when m = 0. For m <= 48 the tail is an exact ratio of integers (so 6 vs 1 gives exactly 0.125);
 * above, it is summed in log space (relative error ~1e-12 for m up to 10^6; underflows to 0 only below
 * ~1e-308). Throws a RangeError unless a and b have equal, nonzero length and hold only 0 and 1.
 */
export function mcnemarExact(a: readonly number[], b: readonly number[], level = 0.95): McNemarResult {
  if (a.length !== b.length)
    throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (n === 0) throw new RangeError('the McNemar test needs at least 1 pair');
  let both = 0;
  let better = 0;
  let worse = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!(x === 0 || x === 1)) throw new RangeError(`a[${i}] = ${x} is not 0 or 1`);
    if (!(y === 0 || y === 1)) throw new RangeError(`b[${i}] = ${y} is not 0 or 1`);
    if (x === 1 && y === 1) both++;
    else if (x === 1) better++;
    else if (y === 1) worse++;
  }
  const neither = n - both - better - worse;
  const interval = newcombePairedInterval({ both, better, worse, neither }, level);
  const p = signTestP(Math.min(better, worse), better + worse);
  return {
    test: 'mcnemar-exact',
    n,
    discordant: { better, worse },
    mean: interval.mean,
    low: interval.low,
    high: interval.high,
    p,
    level,
  };
}

/** min(1, 2 P(X <= k)) for X ~ Binomial(m, 1/2) and k <= m/2. */
function signTestP(k: number, m: number): number {
  if (m === 0) return 1;
  if (m <= EXACT_INTEGER_LIMIT) {
    // Σ_{i<=k} C(m, i) < 2^48 and each step c·(m − i) < 2^53, so every value is an exact integer,
    // and dividing by 2^(m−1) is exact.
    let c = 1;
    let total = 0;
    for (let i = 0; i <= k; i++) {
      total += c;
      c = (c * (m - i)) / (i + 1);
    }
    return Math.min(1, total / 2 ** (m - 1));
  }
  return Math.min(1, 2 * Math.exp(binomialLogLowerTail(k, m, 0.5)));
}
