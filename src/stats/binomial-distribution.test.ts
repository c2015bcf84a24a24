import { describe, expect, it } from 'vitest';
import { binomialLogLowerTail, binomialLogPmf } from './binomial-distribution.js';

// Reference values: exact rationals in python3 (fractions.Fraction, math.comb, p taken as the exact
// binary value of the double), logged as log(numerator) - log(denominator):
//   pmf = comb(n, x) * F(p)**x * (1 - F(p))**(n - x);  tail = sum of pmf(i) for i <= k
// (for n = 100,000 the tail sum used the integer recurrence c = c * (n - i) // (i + 1) over 2**n).
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('binomialLogPmf', () => {
  it('matches exact rational values', () => {
    const cases: [number, number, number, number][] = [
      [3, 10, 0.3, -1.3211512777668872],
      [500, 1000, 0.5, -3.6799189920941444],
      [0, 20, 0.25, -5.753641449035619],
      [20, 20, 0.25, -27.725887222397812],
      [1, 7, 0.5, -2.9061201148643034],
      [45000, 100000, 0.5, -506.81391608655395],
      [12, 1000, 0.02, -4.064956504793372],
    ];
    for (const [x, n, p, expected] of cases) expectRelative(binomialLogPmf(x, n, p), expected, 1e-13);
  });
  it('is -Infinity off the support and handles p = 0 or 1', () => {
    expect(binomialLogPmf(11, 10, 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(binomialLogPmf(2.5, 10, 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(binomialLogPmf(0, 10, 0)).toBe(0);
    expect(binomialLogPmf(10, 10, 1)).toBe(0);
    expect(binomialLogPmf(3, 10, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => binomialLogPmf(1, 10, 1.5)).toThrow(RangeError);
  });
});

describe('binomialLogLowerTail', () => {
  it('matches exact rational values, including n = 100,000', () => {
    const cases: [number, number, number, number][] = [
      [2, 10, 0.3, -0.9602875880215151],
      [400, 1000, 0.5, -22.715259239806755],
      [40, 200, 0.3, -6.982139919809924],
      [49700, 100000, 0.5, -3.537062585048261],
      [0, 5, 0.5, -3.4657359027997265],
    ];
    for (const [k, n, p, expected] of cases) expectRelative(binomialLogLowerTail(k, n, p), expected, 1e-11);
  });
  it('covers the ends and refuses the upper side of the mean', () => {
    expect(binomialLogLowerTail(-1, 10, 0.5)).toBe(Number.NEGATIVE_INFINITY);
    expect(binomialLogLowerTail(10, 10, 0.5)).toBe(0);
    expect(() => binomialLogLowerTail(6, 10, 0.5)).toThrow(RangeError);
  });
});
