/**
 * The q-quantile (q in [0, 1]) of an ascending-sorted sample by linear interpolation between order
 * statistics (type 7, the default of R and NumPy): h = (n - 1) q, x[floor h] + (h - floor h)(x[ceil h] -
 * x[floor h]). NaN for an empty sample. The caller sorts; NaN entries must have been removed.
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Percentile interval [q_(1-level)/2, q_(1+level)/2] of a sample; NaN values are ignored. */
export function percentileInterval(values: ArrayLike<number>, level: number): { low: number; high: number } {
  checkLevel(level);
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) finite.push(v);
  }
  finite.sort((x, y) => x - y);
  const alpha = 1 - level;
  return { low: percentileSorted(finite, alpha / 2), high: percentileSorted(finite, 1 - alpha / 2) };
}

/** Throws unless 0 < level < 1. */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}
