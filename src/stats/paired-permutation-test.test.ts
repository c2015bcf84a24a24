import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from './intervals.js';
import { pairedPermutationTest } from './paired-permutation-test.js';

/** Paired scores whose differences a - b are `d` (b fixed at 0.5, so a = 0.5 + d). */
function withDifferences(d: readonly number[]): [number[], number[]] {
  return [d.map((x) => 0.5 + x), d.map(() => 0.5)];
}

/** `plus` differences of +c and `minus` of -c. */
function equalMagnitudes(plus: number, minus: number, c = 0.25): number[] {
  return [...new Array<number>(plus).fill(c), ...new Array<number>(minus).fill(-c)];
}

describe('pairedPermutationTest', () => {
  it('matches a hand enumeration of the 16 sign flips', () => {
    // Nonzero d = 0.4, 0.3, -0.1, 0.2 (sum 0.8) plus one zero pair. Flipping a subset S gives
    // 0.8 - 2·ΣS, which reaches |0.8| iff ΣS <= 0 or ΣS >= 0.8. The 16 subset sums: {} 0, {.4} .4,
    // {.3} .3, {-.1} -.1, {.2} .2, {.4,.3} .7, {.4,-.1} .3, {.4,.2} .6, {.3,-.1} .2, {.3,.2} .5,
    // {-.1,.2} .1, {.4,.3,-.1} .6, {.4,.3,.2} .9, {.4,-.1,.2} .5, {.3,-.1,.2} .4, all .8: four of
    // them ({}, {-.1}, {.4,.3,.2}, all) qualify, so p = 4/16. The all-flip ties the observed value
    // only up to rounding, so this also checks the tie tolerance.
    const r = pairedPermutationTest(...withDifferences([0.4, 0.3, -0.1, 0, 0.2]));
    expect(r.p).toBe(0.25);
    expect(r.exact).toBe(true);
    expect(r.mean).toBeCloseTo(0.8 / 5, 14);
    expect(r).toMatchObject({ test: 'paired-permutation', n: 5, level: 0.95 });
  });
  it('gives 2/2^m when every difference has the same sign', () => {
    // Only the observed and the all-flipped patterns reach |0.1 + … + 0.5|: p = 2/32.
    expect(pairedPermutationTest(...withDifferences([0.1, 0.2, 0.3, 0.4, 0.5])).p).toBe(0.0625);
  });
  it('enumerates exactly at 20 nonzero differences', () => {
    // Equal magnitudes: the number of + signs after flipping is Binomial(20, 1/2), so
    // p = P(|2X - 20| >= 10) = 2 Σ_{i<=5} C(20, i) / 2^20 = 5425/131072 (python3 math.comb).
    const r = pairedPermutationTest(...withDifferences(equalMagnitudes(15, 5)));
    expect(r.exact).toBe(true);
    expect(r.p).toBe(5425 / 131072);
  });
  it('uses Monte Carlo above 20 nonzero differences, within its error of the exact value', () => {
    // 30 equal magnitudes, 20 positive: exact p = 2 Σ_{i<=10} C(30, i) / 2^30 = 0.09873714670538902.
    const exact = 0.09873714670538902;
    const r = pairedPermutationTest(...withDifferences(equalMagnitudes(20, 10)), { seed: 7 });
    expect(r.exact).toBe(false);
    const se = Math.sqrt((exact * (1 - exact)) / 10_000);
    expect(Math.abs(r.p - exact)).toBeLessThan(4 * se);
    // (1 + hits)/(1 + R) never reports 0: 25 same-sign differences, true p = 2^-24.
    const extreme = pairedPermutationTest(...withDifferences(equalMagnitudes(25, 0)), {
      seed: 1,
      resamples: 999,
    });
    expect(extreme.p).toBe(1 / 1000);
  });
  it('gives p = 1 and the interval [0, 0] for identical methods', () => {
    const r = pairedPermutationTest([0.2, 0.7, 1, 0.4], [0.2, 0.7, 1, 0.4]);
    expect(r).toMatchObject({ mean: 0, low: 0, high: 0, p: 1, exact: true, n: 4 });
  });
  it('is seeded, and its interval is the paired bootstrap interval', () => {
    const [a, b] = withDifferences(equalMagnitudes(18, 9, 0.125).map((x, i) => x + (i % 5) * 0.01));
    const r1 = pairedPermutationTest(a, b, { seed: 3, resamples: 2000, level: 0.9 });
    const r2 = pairedPermutationTest(a, b, { seed: 3, resamples: 2000, level: 0.9 });
    expect(r1).toEqual(r2);
    const boot = pairedBootstrap(a, b, { seed: 3, resamples: 2000, level: 0.9 });
    expect([r1.low, r1.high]).toEqual([boot.low, boot.high]);
    expect(r1.low).toBeLessThan(r1.mean);
    expect(r1.high).toBeGreaterThan(r1.mean);
  });
  it('rejects bad input', () => {
    expect(() => pairedPermutationTest([1], [1, 0])).toThrow(RangeError);
    expect(() => pairedPermutationTest([], [])).toThrow(RangeError);
    expect(() => pairedPermutationTest([1], [0], { resamples: 0 })).toThrow(RangeError);
  });
});
