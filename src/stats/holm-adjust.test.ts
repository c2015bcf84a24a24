import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm-adjust.js';

// Expected values by hand from the definition: sort ascending, multiply the j-th smallest by m - j + 1,
// take the running maximum, cap at 1, and put each value back in its input position.
function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => {
    expect(x).toBeCloseTo(expected[i] as number, 14);
  });
}

describe('holmAdjust', () => {
  it('matches the textbook example', () => {
    // Sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06.
    expectClose(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  });
  it('is monotone in the sorted order, caps at 1 and handles ties', () => {
    // 0.01·3 = 0.03, 0.2·2 = 0.4, 0.5·1 = 0.5.
    expectClose(holmAdjust([0.5, 0.2, 0.01]), [0.5, 0.4, 0.03]);
    // 0.4·2 = 0.8, then max(0.8, 0.6) = 0.8.
    expectClose(holmAdjust([0.6, 0.4]), [0.8, 0.8]);
    // 0.6·2 = 1.2 → 1, then max(1, 0.7) = 1.
    expectClose(holmAdjust([0.7, 0.6]), [1, 1]);
    // Ties: 0.02·3 = 0.06, max(0.06, 0.02·2) = 0.06, max(0.06, 0.9) = 0.9.
    expectClose(holmAdjust([0.02, 0.9, 0.02]), [0.06, 0.9, 0.06]);
  });
  it('leaves a single p-value alone and an empty list empty', () => {
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([])).toEqual([]);
  });
  it('rejects values outside [0, 1]', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });
});
