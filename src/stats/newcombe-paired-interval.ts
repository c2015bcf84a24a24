import { type IntervalEstimate, wilsonInterval } from './intervals.js';
import { checkLevel } from './percentile.js';

/** The paired 2×2 table of two 0/1 outcomes a (new) and b (reference) on the same items. */
export interface PairedCounts {
  /** a = 1 and b = 1. */
  readonly both: number;
  /** a = 1 and b = 0: the new method is right where the reference is wrong. */
  readonly better: number;
  /** a = 0 and b = 1. */
  readonly worse: number;
  /** a = 0 and b = 0. */
  readonly neither: number;
}

/**
 * Newcombe's (1998) hybrid score interval for the difference of paired proportions, "method 10"
 * (Statistics in Medicine 17:2635–2650): with p1 = P(a = 1) and p2 = P(b = 1), their Wilson
 * intervals [l1, u1] and [l2, u2], and D = p1 − p2 = (better − worse)/n,
 *   low  = D − √((p1 − l1)² − 2φ (p1 − l1)(u2 − p2) + (u2 − p2)²)
 *   high = D + √((u1 − p1)² − 2φ (u1 − p1)(p2 − l2) + (p2 − l2)²)
 * where φ is the phi coefficient of the table, (both·neither − better·worse) / √(product of the four
 * margins), with its numerator replaced by max(numerator − n/2, 0) when it is positive (Newcombe's
 * correction; it reproduces his published Table II), and φ = 0 when a margin is empty. The interval
 * lies in [−1, 1], stays non-degenerate with no discordant pairs, and needs n >= 1.
 */
export function newcombePairedInterval(counts: PairedCounts, level = 0.95): IntervalEstimate {
  checkLevel(level);
  const { both, better, worse, neither } = counts;
  for (const [name, v] of Object.entries(counts)) {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`${name} must be an integer >= 0, got ${v}`);
  }
  const n = both + better + worse + neither;
  if (n === 0) throw new RangeError('a paired proportion interval needs at least 1 pair');
  const first = wilsonInterval(both + better, n, level);
  const second = wilsonInterval(both + worse, n, level);
  const p1 = first.mean;
  const p2 = second.mean;
  const margins = (both + better) * (worse + neither) * (both + worse) * (better + neither);
  let phi = 0;
  if (margins > 0) {
    const cross = both * neither - better * worse;
    const numerator = cross > 0 ? Math.max(cross - n / 2, 0) : cross;
    phi = numerator / Math.sqrt(margins);
  }
  const mean = (better - worse) / n;
  const down1 = p1 - first.low;
  const up1 = first.high - p1;
  const down2 = p2 - second.low;
  const up2 = second.high - p2;
  // max(0, ·): the radicands are >= 0 in exact arithmetic (|φ| <= 1); guard against rounding.
  const delta = Math.sqrt(Math.max(0, down1 * down1 - 2 * phi * down1 * up2 + up2 * up2));
  const epsilon = Math.sqrt(Math.max(0, up1 * up1 - 2 * phi * up1 * down2 + down2 * down2));
  return { mean, low: Math.max(-1, mean - delta), high: Math.min(1, mean + epsilon), n, level };
}
