import { logGamma } from './special-functions.js';

/**
 * The binomial distribution in log space, stable for n in the millions: the point mass follows
 * Loader's saddle-point form (the one behind R's dbinom), which keeps full relative precision where
 * ln C(n, x) from log-gamma differences would lose ~|ln Γ(n)|·ε to cancellation.
 */

const LOG_TWO_PI = Math.log(2 * Math.PI);
const HALF_LOG_TWO_PI = 0.5 * LOG_TWO_PI;

/**
 * stirlerr(n) = ln Γ(n+1) − (n + ½) ln n + n − ½ ln 2π, the error of Stirling's formula. Directly
 * from logGamma for n <= 15 (the terms are small there, so absolute ~1e-15 accuracy suffices);
 * otherwise the asymptotic series 1/12n − 1/360n³ + 1/1260n⁵ − 1/1680n⁷ + 1/1188n⁹.
 */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - HALF_LOG_TWO_PI;
  const s0 = 1 / 12;
  const s1 = 1 / 360;
  const s2 = 1 / 1260;
  const s3 = 1 / 1680;
  const s4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, m) = x ln(x/m) + m − x, by a series when x ≈ m (where the direct form cancels). */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

function checkArguments(n: number, p: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be an integer >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
}

/** ln P(X = x) for X ~ Binomial(n, p); −∞ outside the support (x not an integer in [0, n]). */
export function binomialLogPmf(x: number, n: number, p: number): number {
  checkArguments(n, p);
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) return Number.NEGATIVE_INFINITY;
  const q = 1 - p;
  if (p === 0) return x === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (q === 0) return x === n ? 0 : Number.NEGATIVE_INFINITY;
  if (x === 0) return n * Math.log1p(-p);
  if (x === n) return n * Math.log(p);
  const lc =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
  return lc - 0.5 * (LOG_TWO_PI + Math.log(x) + Math.log1p(-x / n));
}

/**
 * ln P(X <= k) for X ~ Binomial(n, p), k at or below the mean n·p (the side where the tail is small
 * and needs log space). Sums the point masses downward from k as ratios of P(X = k), each step
 * multiplying by i q / ((n − i + 1) p) < 1, and stops once a term no longer changes the sum; the
 * relative error is about 1e-13 even for n = 10^6.
 */
export function binomialLogLowerTail(k: number, n: number, p: number): number {
  checkArguments(n, p);
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (k < 0) return Number.NEGATIVE_INFINITY;
  if (k >= n) return 0;
  if (k > n * p) throw new RangeError(`binomialLogLowerTail needs k <= n·p, got k = ${k}, n·p = ${n * p}`);
  const logHead = binomialLogPmf(k, n, p);
  const odds = (1 - p) / p;
  let term = 1;
  let sum = 1;
  for (let i = k; i > 0; i--) {
    term *= (i / (n - i + 1)) * odds;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return logHead + Math.log(sum);
}
