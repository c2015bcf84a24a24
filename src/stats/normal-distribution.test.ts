import { describe, expect, it } from 'vitest';
import { normalCdf, normalCritical, normalQuantile } from './normal-distribution.js';

// Reference values from scipy.stats.norm (ppf, cdf).
describe('normalQuantile', () => {
  it('matches reference quantiles across the central and both tail branches', () => {
    const cases: [number, number][] = [
      [0.975, 1.959963984540054],
      [0.995, 2.5758293035489004],
      [0.3, -0.5244005127080409],
      [0.9, 1.2815515655446004],
      [1e-10, -6.361340902404056],
      [1e-300, -37.0470962993612],
    ];
    for (const [p, z] of cases) expect(normalQuantile(p)).toBeCloseTo(z, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });
  it('is ±Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
  it('inverts normalCdf', () => {
    for (const p of [1e-8, 0.001, 0.2, 0.5, 0.61, 0.99, 1 - 1e-9]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    }
  });
});

describe('normalCdf', () => {
  it('matches reference values, including a far tail with relative precision', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 14);
    expect(normalCdf(2.5)).toBeCloseTo(0.9937903346742238, 14);
    expect(normalCdf(-3) / 0.0013498980316300933).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 10);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('normalCritical', () => {
  it('is the two-sided critical value', () => {
    expect(normalCritical(0.95)).toBeCloseTo(1.959963984540054, 12);
    expect(() => normalCritical(1)).toThrow(RangeError);
  });
});
