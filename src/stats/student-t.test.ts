import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal-distribution.js';
import { studentTCdf, studentTCritical, studentTPdf, studentTQuantile } from './student-t.js';

// Reference values from scipy.stats.t (ppf, cdf).
describe('studentTQuantile', () => {
  it('matches reference quantiles to 1e-9', () => {
    const cases: [number, number, number][] = [
      [0.975, 5, 2.5705818356363146],
      [0.975, 10, 2.228138851986274],
      [0.975, 30, 2.0422724563012378],
      [0.995, 5, 4.032142983555228],
      [0.95, 3, 2.3533634348018233],
      [0.999, 4, 7.173182219782307],
      [0.6, 7, 0.2631668613520229],
      [0.975, 1000, 1.9623390808264083],
      [0.9999, 3, 22.203742273205],
      [0.975, 100000, 1.9599877075346095],
    ];
    for (const [p, df, t] of cases) {
      expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-9 * Math.max(1, t));
    }
  });
  it('uses the closed forms for 1 and 2 degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 10);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 12);
  });
  it('is antisymmetric, inverts the CDF, and tends to the normal for large df', () => {
    for (const df of [1.5, 3, 8.25, 60]) {
      for (const p of [0.001, 0.2, 0.45, 0.9, 0.99999]) {
        const t = studentTQuantile(p, df);
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-t, 9);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(normalQuantile(0.975), 9);
  });
  it('handles the ends and rejects bad arguments', () => {
    expect(studentTQuantile(0, 4)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(2, 3)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('matches reference values', () => {
    const cases: [number, number, number][] = [
      [2, 5, 0.9490302605850708],
      [0.5, 3, 0.6742760175759245],
      [-1.3, 12, 0.10900858554175706],
      [10, 2, 0.9950737714883372],
      [3.5, 40, 0.9994211466926213],
      [1, 1, 0.75],
    ];
    for (const [t, df, p] of cases) expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 7)).toBe(1);
  });
  it('has the Cauchy density for df = 1', () => {
    expect(studentTPdf(0.7, 1)).toBeCloseTo(1 / (Math.PI * (1 + 0.49)), 13);
  });
  it('gives two-sided critical values', () => {
    expect(studentTCritical(0.95, 10)).toBeCloseTo(2.228138851986274, 9);
  });
});
