import { describe, expect, it } from 'vitest';
import { newcombePairedInterval } from './newcombe-paired-interval.js';

describe('newcombePairedInterval', () => {
  it("reproduces Newcombe's (1998) Table II, method 10, to the 4 published decimals", () => {
    // (both, better, worse, neither) → published 95% limits, Statistics in Medicine 17:2635–2650
    // (as also used by the propint R package's tests). Example (b) distinguishes the corrected φ:
    // the uncorrected φ would give 0.0618 to 0.3239.
    const cases: [number, number, number, number, number, number][] = [
      [36, 12, 2, 0, 0.0569, 0.3404],
      [18, 12, 2, 18, 0.0562, 0.329],
      [53, 0, 0, 1, -0.0729, 0.0729],
      [0, 30, 0, 0, 0.8395, 1],
    ];
    for (const [both, better, worse, neither, low, high] of cases) {
      const ci = newcombePairedInterval({ both, better, worse, neither });
      expect(ci.mean).toBeCloseTo((better - worse) / (both + better + worse + neither), 15);
      expect(Math.abs(ci.low - low)).toBeLessThan(5e-5);
      expect(Math.abs(ci.high - high)).toBeLessThan(5e-5);
    }
  });
  it('matches an independent from-the-formula python3 implementation at several levels', () => {
    // python3 (standard library): Wilson limits as the roots of (p - P)² = z² P(1 - P)/n with
    // z = statistics.NormalDist().inv_cdf(1 - α/2), then Newcombe's δ and ε with the corrected φ.
    const cases: [number, number, number, number, number, number, number][] = [
      [36, 12, 2, 0, 0.95, 0.056929584003239, 0.34042760297494046],
      [18, 12, 2, 18, 0.95, 0.05617184398825334, 0.32897596888580133],
      [53, 0, 0, 1, 0.95, -0.07293814547857666, 0.07293814547857666],
      [14, 5, 0, 22, 0.95, 0.011483241383033235, 0.22649268435121134], // Altman et al. 2000, Table 6.2
      [40, 9, 3, 48, 0.9, 0.0017149288799530107, 0.11720490079929174],
      [3, 1, 6, 10, 0.99, -0.5231461671194189, 0.08873566947356382],
    ];
    for (const [both, better, worse, neither, level, low, high] of cases) {
      const ci = newcombePairedInterval({ both, better, worse, neither }, level);
      expect(ci.low).toBeCloseTo(low, 10);
      expect(ci.high).toBeCloseTo(high, 10);
      expect(ci).toMatchObject({ n: both + better + worse + neither, level });
    }
  });
  it('validates its input', () => {
    expect(() => newcombePairedInterval({ both: 0, better: 0, worse: 0, neither: 0 })).toThrow(RangeError);
    expect(() => newcombePairedInterval({ both: 1, better: -1, worse: 0, neither: 0 })).toThrow(RangeError);
    expect(() => newcombePairedInterval({ both: 1, better: 0, worse: 0, neither: 0 }, 1)).toThrow(RangeError);
  });
});
