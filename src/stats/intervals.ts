import { normalCritical } from './normal-distribution.js';
import { checkLevel, percentileInterval } from './percentile.js';
import { type RandomSource, randomSource } from './random-source.js';
import { studentTCdf, studentTCritical } from './student-t.js';

/** A point estimate with a two-sided confidence interval at `level` from `n` observations. */
export interface IntervalEstimate {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
  readonly level: number;
}

/**
 * Wilson score interval for a proportion: with p^ = s/n and z the two-sided normal critical value,
 * center = (p^ + z²/2n)/(1 + z²/n), half-width = z/(1 + z²/n) · √(p^(1-p^)/n + z²/4n²). Stays inside
 * [0, 1] and behaves at p^ = 0 or 1. With n = 0: mean NaN, interval [0, 1].
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): IntervalEstimate {
  checkLevel(level);
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be an integer >= 0, got ${n}`);
  if (!(successes >= 0 && successes <= n))
    throw new RangeError(`successes must be in [0, ${n}], got ${successes}`);
  if (n === 0) return { mean: Number.NaN, low: 0, high: 1, n, level };
  const p = successes / n;
  const z = normalCritical(level);
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0 or n successes the bound is exactly 0 or 1 (center ∓ half cancels up to rounding).
  const low = successes === 0 ? 0 : Math.max(0, center - half);
  const high = successes === n ? 1 : Math.min(1, center + half);
  return { mean: p, low, high, n, level };
}

/**
 * Student t interval for a mean: x̄ ± t_{(1+level)/2, n-1} · s/√n (s with divisor n-1). With n = 1 the
 * interval is (−∞, ∞); with n = 0 everything is NaN.
 */
export function meanInterval(values: readonly number[], level = 0.95): IntervalEstimate {
  checkLevel(level);
  const n = values.length;
  checkFinite(values, 'values');
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n, level };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, n, level };
  const half = studentTCritical(level, n - 1) * standardError(values, mean);
  return { mean, low: mean - half, high: mean + half, n, level };
}

export interface ScoreInterval extends IntervalEstimate {
  readonly method: 'wilson' | 't';
}

/**
 * The interval for the mean of scores in [0, 1]: Wilson when every score is 0 or 1, otherwise a t
 * interval clipped to [0, 1] (the mean of [0, 1] scores lies in [0, 1]). Throws on a score outside [0, 1].
 */
export function proportionOrMeanInterval(scores: readonly number[], level = 0.95): ScoreInterval {
  let successes = 0;
  let binary = true;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`scores[${i}] = ${s} is not in [0, 1]`);
    if (s === 1) successes++;
    else if (s !== 0) binary = false;
  }
  if (binary) return { ...wilsonInterval(successes, scores.length, level), method: 'wilson' };
  const t = meanInterval(scores, level);
  return { ...t, low: Math.max(0, t.low), high: Math.min(1, t.high), method: 't' };
}

export interface PairedDifference extends IntervalEstimate {
  /** The t statistic mean(d) / (sd(d)/√n). */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value of the paired t-test of mean(a - b) = 0. */
  readonly pValue: number;
}

/**
 * Paired t-test of a against b (same examples, same order): d = a - b, mean d̄, t = d̄ / (s_d/√n) with
 * n - 1 degrees of freedom, two-sided p = 2 P(T > |t|), interval d̄ ± t_crit s_d/√n. When all
 * differences are equal the standard error is 0: p = 1 if d̄ = 0, else 0, and the interval is [d̄, d̄].
 * Needs n >= 2.
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): PairedDifference {
  const d = differences(a, b);
  checkLevel(level);
  const n = d.length;
  if (n < 2) throw new RangeError(`a paired t-test needs at least 2 pairs, got ${n}`);
  const mean = d.reduce((x, y) => x + y, 0) / n;
  const se = standardError(d, mean);
  const df = n - 1;
  if (se === 0) {
    const t = mean === 0 ? 0 : Math.sign(mean) * Number.POSITIVE_INFINITY;
    return { mean, low: mean, high: mean, n, level, t, df, pValue: mean === 0 ? 1 : 0 };
  }
  const t = mean / se;
  const half = studentTCritical(level, df) * se;
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { mean, low: mean - half, high: mean + half, n, level, t, df, pValue };
}

export interface PairedBootstrapOptions extends RandomSource {
  /** Default 0.95. */
  readonly level?: number;
  /** Bootstrap replicates; default 10,000. */
  readonly resamples?: number;
}

export interface PairedBootstrap extends IntervalEstimate {
  /**
   * Two-sided bootstrap p-value: 2 · min(share of replicate means <= 0, share >= 0), capped at 1
   * (the percentile-interval inversion: p < 1 - level exactly when the interval excludes 0, up to
   * interpolation).
   */
  readonly pValue: number;
  readonly resamples: number;
}

/**
 * Paired bootstrap of mean(a - b): resample the n pairs with replacement, percentile interval of the
 * replicate means. Seeded (`rng` or `seed`). No normality assumption; prefer it for small, skewed or
 * binary differences.
 */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  options: PairedBootstrapOptions = {},
): PairedBootstrap {
  const d = differences(a, b);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const resamples = options.resamples ?? 10_000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be an integer >= 1, got ${resamples}`);
  }
  const n = d.length;
  if (n === 0) throw new RangeError('a paired bootstrap needs at least 1 pair');
  const rng = randomSource(options);
  const mean = d.reduce((x, y) => x + y, 0) / n;
  const means = new Float64Array(resamples);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[rng.int(n)] as number;
    const m = s / n;
    means[r] = m;
    if (m <= 0) atOrBelow++;
    if (m >= 0) atOrAbove++;
  }
  const { low, high } = percentileInterval(means, level);
  const pValue = Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / resamples);
  return { mean, low, high, n, level, pValue, resamples };
}

function differences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length)
    throw new RangeError(`paired samples differ in length: ${a.length} vs ${b.length}`);
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  return a.map((x, i) => x - (b[i] as number));
}

function standardError(values: readonly number[], mean: number): number {
  const n = values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return Math.sqrt(ss / (n - 1) / n);
}

function checkFinite(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw new RangeError(`${name}[${i}] = ${values[i]} is not a finite number`);
  }
}
