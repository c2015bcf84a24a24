import { describe, expect, it } from 'vitest';
import {
  meanInterval,
  pairedBootstrap,
  pairedDifference,
  proportionOrMeanInterval,
  wilsonInterval,
} from './intervals.js';

// Reference values computed with scipy (Wilson from its closed form with scipy.stats.norm.ppf;
// t intervals from scipy.stats.t.interval; the paired test from scipy.stats.ttest_rel).
describe('wilsonInterval', () => {
  it('matches the Wilson score interval', () => {
    const w = wilsonInterval(8, 10);
    expect(w.mean).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4901624715366418, 12);
    expect(w.high).toBeCloseTo(0.9433178485456248, 12);
    expect(w).toMatchObject({ n: 10, level: 0.95 });
    const w90 = wilsonInterval(3, 7, 0.9);
    expect(w90.low).toBeCloseTo(0.18644319036395607, 12);
    expect(w90.high).toBeCloseTo(0.7105229089864071, 12);
  });
  it('stays in [0, 1] with a non-degenerate width at 0 and n successes', () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775327998628892, 12);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7224672001371107, 12);
    expect(all.high).toBe(1);
  });
  it('is [0, 1] with NaN mean for n = 0 and validates input', () => {
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1, n: 0 });
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1.5)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('is the Student t interval', () => {
    const m = meanInterval([0.2, 0.4, 0.9, 0.55, 0.3], 0.9);
    expect(m.mean).toBeCloseTo(0.47, 14);
    expect(m.low).toBeCloseTo(0.20977493638480565, 12);
    expect(m.high).toBeCloseTo(0.7302250636151941, 12);
  });
  it('is unbounded for one value and NaN for none', () => {
    expect(meanInterval([0.3])).toMatchObject({ mean: 0.3, low: -Infinity, high: Infinity, n: 1 });
    expect(Number.isNaN(meanInterval([]).mean)).toBe(true);
    expect(() => meanInterval([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('proportionOrMeanInterval', () => {
  it('uses Wilson when every score is binary', () => {
    const r = proportionOrMeanInterval([1, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
    expect(r.method).toBe('wilson');
    expect(r.low).toBeCloseTo(0.4901624715366418, 12);
  });
  it('uses a t interval clipped to [0, 1] otherwise', () => {
    const r = proportionOrMeanInterval([0.2, 0.4, 0.9, 0.55, 0.3], 0.9);
    expect(r.method).toBe('t');
    expect(r.low).toBeCloseTo(0.20977493638480565, 12);
    const clipped = proportionOrMeanInterval([0.95, 1, 0.5]);
    expect(clipped.high).toBe(1);
    expect(() => proportionOrMeanInterval([0.5, 1.2])).toThrow(/scores\[1\]/);
  });
});

const A = [0.8, 0.6, 0.9, 0.7, 0.75, 0.5, 0.95, 0.85];
const B = [0.7, 0.65, 0.6, 0.7, 0.55, 0.45, 0.9, 0.6];

describe('pairedDifference', () => {
  it('matches the paired t-test', () => {
    const r = pairedDifference(A, B);
    expect(r.mean).toBeCloseTo(0.1125, 14);
    expect(r.t).toBeCloseTo(2.5528888301902892, 11);
    expect(r.df).toBe(7);
    expect(r.pValue).toBeCloseTo(0.037943287963163735, 12);
    expect(r.low).toBeCloseTo(0.008296391461214012, 11);
    expect(r.high).toBeCloseTo(0.21670360853878595, 11);
  });
  it('is antisymmetric in its arguments', () => {
    const r = pairedDifference(B, A);
    expect(r.mean).toBeCloseTo(-0.1125, 14);
    expect(r.pValue).toBeCloseTo(0.037943287963163735, 12);
  });
  it('handles zero variance of the differences', () => {
    expect(pairedDifference([1, 0, 1], [1, 0, 1])).toMatchObject({ mean: 0, pValue: 1, low: 0, high: 0 });
    expect(pairedDifference([1, 1, 1], [0, 0, 0])).toMatchObject({ mean: 1, pValue: 0, t: Infinity });
  });
  it('validates input', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/length/);
    expect(() => pairedDifference([1], [0])).toThrow(RangeError);
  });
});

describe('pairedBootstrap', () => {
  it('is reproducible with a seed and differs across seeds', () => {
    const r1 = pairedBootstrap(A, B, { seed: 7, resamples: 2000 });
    const r2 = pairedBootstrap(A, B, { seed: 7, resamples: 2000 });
    const r3 = pairedBootstrap(A, B, { seed: 8, resamples: 2000 });
    expect(r1).toEqual(r2);
    expect(r3.low).not.toBe(r1.low);
  });
  it('agrees roughly with the t interval on well-behaved data', () => {
    // 40 pairs with differences spread symmetrically around 0.05: the bootstrap percentile interval
    // of a mean should be close to the t interval (they differ by O(1/n) in coverage).
    const a = Array.from({ length: 40 }, (_, i) => 0.5 + 0.05 + 0.2 * Math.sin(i * 1.7));
    const b = Array.from({ length: 40 }, () => 0.5);
    const t = pairedDifference(a, b);
    const boot = pairedBootstrap(a, b, { seed: 1 });
    expect(boot.mean).toBeCloseTo(t.mean, 14);
    expect(Math.abs(boot.low - t.low)).toBeLessThan(0.15 * (t.high - t.low));
    expect(Math.abs(boot.high - t.high)).toBeLessThan(0.15 * (t.high - t.low));
  });
  it('gives p = 0 when every difference is positive and a large p for no effect', () => {
    expect(pairedBootstrap([0.9, 0.8, 0.7, 0.95], [0.1, 0.2, 0.3, 0.5], { seed: 1 }).pValue).toBe(0);
    const none = pairedBootstrap([1, 0, 1, 0, 1, 0, 1, 0], [0, 1, 0, 1, 1, 0, 1, 0], { seed: 1 });
    expect(none.pValue).toBeGreaterThan(0.5);
    expect(none.low).toBeLessThan(0);
    expect(none.high).toBeGreaterThan(0);
  });
});
