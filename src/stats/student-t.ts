import { normalCdf, normalQuantile } from './normal-distribution.js';
import { logGamma, regularizedIncompleteBeta } from './special-functions.js';

/** Above this many degrees of freedom the t distribution is replaced by the normal (error < 1e-8). */
const NORMAL_LIMIT_DF = 1e7;

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/**
 * Upper tail P(T > t) for t >= 0: I_x(ν/2, 1/2)/2 with x = ν/(ν+t²) (and 1 - x = t²/(ν+t²) computed
 * directly, so small tails keep their relative precision).
 */
function upperTail(t: number, df: number): number {
  if (df > NORMAL_LIMIT_DF) return normalCdf(-t);
  const t2 = t * t;
  return 0.5 * regularizedIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/** The Student t CDF P(T <= t) with `df` > 0 degrees of freedom (non-integer df allowed). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

/** The Student t density. */
export function studentTPdf(t: number, df: number): number {
  checkDf(df);
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The Student t quantile: t with P(T <= t) = p. Closed forms for ν = 1 (tan(π(p - 1/2))) and ν = 2
 * ((2p-1)/√(2p(1-p))); otherwise safeguarded Newton on the upper tail from a Cornish–Fisher start,
 * to a relative tolerance of 1e-12.
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile needs p in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (df > NORMAL_LIMIT_DF) return normalQuantile(p);
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p; // target upper-tail probability, q < 1/2
  const z = -normalQuantile(q);
  const z3 = z * z * z;
  let t = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df);
  // Bracket [lo, hi] with upperTail(lo) >= q > upperTail(hi).
  let lo = 0;
  let hi = Math.max(t, 1);
  while (upperTail(hi, df) >= q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return sign * Number.POSITIVE_INFINITY;
  }
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = upperTail(t, df) - q; // decreasing in t
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-12 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return sign * t;
}

/** The two-sided critical value t with P(|T| <= t) = level. */
export function studentTCritical(level: number, df: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  return studentTQuantile(1 - (1 - level) / 2, df);
}
