import { describe, expect, it } from 'vitest';
import { percentileInterval, percentileSorted } from './percentile.js';

describe('percentileSorted', () => {
  it('interpolates between order statistics like R type 7 / NumPy', () => {
    const x = [1, 2, 4, 8];
    expect(percentileSorted(x, 0)).toBe(1);
    expect(percentileSorted(x, 1)).toBe(8);
    expect(percentileSorted(x, 0.5)).toBe(3); // h = 1.5
    expect(percentileSorted(x, 0.9)).toBeCloseTo(6.8, 14); // h = 2.7: 4 + .7 * 4
    expect(Number.isNaN(percentileSorted([], 0.5))).toBe(true);
    expect(() => percentileSorted(x, 1.5)).toThrow(RangeError);
  });
});

describe('percentileInterval', () => {
  it('takes the central `level` mass, ignoring NaN', () => {
    const values = [5, Number.NaN, 1, 3, 2, 4];
    expect(percentileInterval(values, 0.5)).toEqual({ low: 2, high: 4 });
    expect(() => percentileInterval(values, 0)).toThrow(RangeError);
  });
});
