import { describe, expect, it } from 'vitest';
import { differenceOverSeeds, FEWER_THAN_THREE_SEEDS } from './difference-over-seeds.js';

describe('differenceOverSeeds', () => {
  it('is the paired t over seeds (p ≈ 0.638 for +0.10, -0.08, +0.09, -0.07, +0.06)', () => {
    // python3 (standard library): t = mean/(sd/√5) = 0.5080005080007619, df = 4; p = 1 - 2∫_0^|t| f
    // with f the t density (math.gamma) by Simpson's rule on 200,000 intervals: 0.6381856174243834;
    // t_crit by bisection on the same integral: 2.776445105197803 (t tables: 2.776).
    const r = differenceOverSeeds([0.1, -0.08, 0.09, -0.07, 0.06]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.p).toBeCloseTo(0.638, 3);
    expect(r.p).toBeCloseTo(0.6381856174243834, 9);
    expect(r.t).toBeCloseTo(0.5080005080007619, 12);
    expect(r.mean).toBeCloseTo(0.02, 15);
    expect(r.low).toBeCloseTo(-0.08930875310044528, 9);
    expect(r.high).toBeCloseTo(0.12930875310044526, 9);
    expect(r).toMatchObject({ test: 'paired-t-over-seeds', seeds: 5, df: 4, level: 0.95 });
  });
  it('refuses fewer than 3 seeds instead of pooling', () => {
    const expected = { ok: false, reason: FEWER_THAN_THREE_SEEDS };
    expect(differenceOverSeeds([0.1, 0.2])).toEqual(expected);
    expect(differenceOverSeeds([0.1])).toEqual(expected);
    expect(differenceOverSeeds([])).toEqual(expected);
    expect(FEWER_THAN_THREE_SEEDS).toBe('fewer than 3 seeds: no interval over seeds can be computed');
  });
  it('gives p = 1 and [0, 0] when the methods are identical on every seed', () => {
    expect(differenceOverSeeds([0, 0, 0, 0])).toMatchObject({ ok: true, mean: 0, low: 0, high: 0, p: 1 });
  });
  it('validates its input', () => {
    expect(() => differenceOverSeeds([0.1, Number.NaN, 0.2])).toThrow(RangeError);
    expect(() => differenceOverSeeds([0.1, 0.2, 0.3], 0)).toThrow(RangeError);
  });
});
