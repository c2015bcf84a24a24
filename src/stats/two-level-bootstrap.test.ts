import { describe, expect, it } from 'vitest';
import { twoLevelBootstrap } from './two-level-bootstrap.js';

// 3 seeds × 5 examples; dyadic values so every replicate sum, and its comparison with 0, is exact.
const FIXTURE = [
  [0.25, 0, 0.125, -0.25, 0.5],
  [0.125, -0.375, 0, -0.125, 0.25],
  [0.375, 0.125, 0.25, -0.125, 0.5],
];

describe('twoLevelBootstrap', () => {
  it('matches the exact bootstrap distribution computed independently in python3', () => {
    // python3 (fractions, itertools): all 3^3 seed draws × 5^5 example draws, equally likely, each with
    // ONE example draw shared by the drawn seeds; replicate mean = mean of the drawn cells. Exact
    // results: P(mean <= 0) = 0.18450962962962963, P(mean >= 0) = 0.8331140740740741, so the bootstrap
    // p = 0.36901925925925927; quantiles (smallest x with F(x) >= q): q.02 = -0.11666…, q.03 = -0.1,
    // q.97 = 0.325, q.98 = 0.34166…. With R = 20,000 the 2.5% and 97.5% sample quantiles sit within
    // ±0.005 in probability (±4.5 standard errors) of their targets, so between those quantiles.
    const r = twoLevelBootstrap(FIXTURE, { seed: 11, resamples: 20_000 });
    expect(r.mean).toBeCloseTo(0.10833333333333334, 14);
    expect(r.low).toBeGreaterThanOrEqual(-0.11666666666666667 - 1e-12);
    expect(r.low).toBeLessThanOrEqual(-0.1 + 1e-12);
    expect(r.high).toBeGreaterThanOrEqual(0.325 - 1e-12);
    expect(r.high).toBeLessThanOrEqual(0.3416666666666667 + 1e-12);
    const exactP = 0.36901925925925927;
    // p = 2·share: standard error 2·√(0.1845·0.8155/20000) ≈ 0.0055; allow 4 of them.
    expect(Math.abs(r.p - exactP)).toBeLessThan(0.022);
    expect(r).toMatchObject({ seeds: 3, examples: 5, resamples: 20_000, level: 0.95 });
  });
  it('is deterministic for a seed and contains the mean', () => {
    const r1 = twoLevelBootstrap(FIXTURE, { seed: 5, resamples: 2000 });
    const r2 = twoLevelBootstrap(FIXTURE, { seed: 5, resamples: 2000 });
    expect(r1).toEqual(r2);
    expect(twoLevelBootstrap(FIXTURE, { seed: 6, resamples: 2000 }).low).not.toBe(r1.low);
    expect(r1.low).toBeLessThan(r1.mean);
    expect(r1.high).toBeGreaterThan(r1.mean);
  });
  it('widens when the seeds disagree', () => {
    const row = [0.25, 0, 0.125, -0.25, 0.5];
    const agree = [row, row, row];
    // Same grand mean and the same example pattern, seed means shifted by +0.25, 0, -0.25. The cells are
    // additive (shift + example), so the replicate variance is Var(example part) + Var(seed part) =
    // 0.0625/5 + (0.125/3)/3 = 0.0264 against 0.0125 when the seeds agree: the SD ratio is √2.11 = 1.45.
    const disagree = [0.25, 0, -0.25].map((shift) => row.map((x) => x + shift));
    const a = twoLevelBootstrap(agree, { seed: 2, resamples: 4000 });
    const d = twoLevelBootstrap(disagree, { seed: 2, resamples: 4000 });
    expect(d.mean).toBeCloseTo(a.mean, 14);
    expect(d.high - d.low).toBeGreaterThan(1.25 * (a.high - a.low));
  });
  it('gives p = 1 and [0, 0] for identical methods', () => {
    const r = twoLevelBootstrap(
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
      { seed: 1, resamples: 500 },
    );
    expect(r).toMatchObject({ mean: 0, low: 0, high: 0, p: 1 });
  });
  it('names the problem with bad input', () => {
    expect(() => twoLevelBootstrap([[0.1, 0.2]])).toThrow(/at least 2 seeds/);
    expect(() => twoLevelBootstrap([[], []])).toThrow(/at least 1 example/);
    expect(() => twoLevelBootstrap([[0.1, 0.2], [0.1]])).toThrow(RangeError);
    expect(() => twoLevelBootstrap([[0.1], [Number.NaN]])).toThrow(RangeError);
    expect(() => twoLevelBootstrap(FIXTURE, { resamples: 0 })).toThrow(RangeError);
    expect(() => twoLevelBootstrap(FIXTURE, { level: 1 })).toThrow(RangeError);
  });
});
