import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar-exact.js';
import { normalCdf } from './normal-distribution.js';

/** Paired 0/1 outcomes with the given cells, in the order both, better, worse, neither. */
function pairs(both: number, better: number, worse: number, neither: number): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  const push = (count: number, x: number, y: number): void => {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  };
  push(both, 1, 1);
  push(better, 1, 0);
  push(worse, 0, 1);
  push(neither, 0, 0);
  return [a, b];
}

// Exact p-values from python3 with integers: total = Σ_{i<=k} comb(m, i) by the recurrence
// c = c * (m - i) // (i + 1), p = float(min(1, Fraction(2 * total, 2**m))).
describe('mcnemarExact', () => {
  it('gives p = 0.125 for 6 vs 1 discordant pairs (2 · 8/128)', () => {
    const r = mcnemarExact(...pairs(10, 6, 1, 3));
    expect(r.p).toBe(0.125);
    expect(r).toMatchObject({
      test: 'mcnemar-exact',
      n: 20,
      discordant: { better: 6, worse: 1 },
      level: 0.95,
    });
    expect(r.mean).toBeCloseTo(5 / 20, 15);
    // Symmetric in the direction of the difference.
    const flipped = mcnemarExact(...pairs(10, 1, 6, 3));
    expect(flipped.p).toBe(0.125);
    expect(flipped.mean).toBeCloseTo(-0.25, 15);
  });
  it('gives p = 1 and mean 0 without discordant pairs, with a non-degenerate interval', () => {
    const r = mcnemarExact(...pairs(53, 0, 0, 1));
    expect(r.p).toBe(1);
    expect(r.mean).toBe(0);
    // Newcombe (1998) Table II example (c): -0.0729 to 0.0729.
    expect(r.low).toBeCloseTo(-0.0729, 4);
    expect(r.high).toBeCloseTo(0.0729, 4);
    expect(mcnemarExact([1, 1, 0], [1, 1, 0]).p).toBe(1);
  });
  it('matches exact integer values on both sides of the exact-arithmetic limit', () => {
    const cases: [number, number, number][] = [
      [15, 33, 0.013283281562245008],
      [20, 35, 0.058064146792409066],
      [530, 470, 0.06202319509836318],
    ];
    for (const [better, worse, p] of cases) {
      const r = mcnemarExact(...pairs(5, better, worse, 7));
      expect(Math.abs(r.p - p)).toBeLessThan(1e-12 * p);
    }
  });
  it('is exact for 100,000 discordant pairs, and agrees with the normal approximation there', () => {
    const r = mcnemarExact(...pairs(0, 50_300, 49_700, 0));
    const exact = 0.05819735311019374;
    expect(Math.abs(r.p - exact)).toBeLessThan(1e-9 * exact);
    // Continuity-corrected normal approximation 2Φ(-(|b10 - b01| - 1)/√m) = 0.0581979: close, not equal.
    const z = (600 - 1) / Math.sqrt(100_000);
    expect(Math.abs(r.p - 2 * normalCdf(-z))).toBeLessThan(1e-5);
    expect(r.mean).toBeCloseTo(0.006, 15);
    expect(r.low).toBeLessThan(0.006);
    expect(r.high).toBeGreaterThan(0.006);
  });
  it('keeps relative precision deep in the tail (p = 2.57e-141)', () => {
    const r = mcnemarExact(...pairs(0, 54_000, 46_000, 0));
    const exact = 2.571525961353971e-141;
    expect(Math.abs(r.p - exact)).toBeLessThan(1e-9 * exact);
  });
  it('rejects non-binary or unpaired input', () => {
    expect(() => mcnemarExact([1, 0.5], [1, 0])).toThrow(RangeError);
    expect(() => mcnemarExact([1, 0], [1])).toThrow(RangeError);
    expect(() => mcnemarExact([], [])).toThrow(RangeError);
  });
});
