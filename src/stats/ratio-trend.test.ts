import { describe, expect, it } from 'vitest';
import { curveOverExamples } from './curves.js';
import { ratioTrend } from './ratio-trend.js';
import { createRewardTensor } from './reward-tensor.js';
import { simulateRewardTensor } from './simulate-reward-tensor.js';

// N = 16 system prompts, K = 24 examples, M = 32 responses: the shape of a default `sepo diagnose`.
const shape = { prompts: 16, examples: 24, samples: 32, difficulty: 0.5 } as const;
/** (a) independent per-example preferences: the signal falls as 1/K like the noise, a flat ratio. */
const independent = { promptEffect: 0, interaction: 1 } as const;
/** (b) a shared quality component: the signal holds, the ratio rises ∝ K. */
const shared = { promptEffect: 0.5, interaction: 0.5 } as const;
/** (c) preferences that flip between two groups of examples: they cancel, the ratio falls. */
const flipping = { promptEffect: 0, interaction: 0.3, flip: 1 } as const;

describe('ratioTrend', () => {
  it('reads the two ends of the K-curve', () => {
    const { tensor } = simulateRewardTensor({ ...shape, ...independent, seed: 1 });
    const r = ratioTrend(tensor, { seed: 1, resamples: 200 });
    const curve = curveOverExamples(tensor, { noiseEstimator: 'unbiased', seed: 1 });
    expect(r.ratioAtSmallK).toBeCloseTo(curve[0]?.ratio ?? Number.NaN, 12);
    expect(r.ratioAtFullK).toBeCloseTo(curve[curve.length - 1]?.ratio ?? Number.NaN, 12);
    expect(r.change).toBeCloseTo(r.ratioAtFullK / r.ratioAtSmallK, 12);
    expect(r.slope).toBeCloseTo(Math.log(r.change) / Math.log(24), 12);
    expect(r).toMatchObject({
      smallK: 1,
      fullK: 24,
      level: 0.95,
      resamples: 200,
      noiseEstimator: 'unbiased',
    });
  });

  it('calls (a) independent per-example preferences flat', () => {
    const { tensor } = simulateRewardTensor({ ...shape, ...independent, seed: 1 });
    const r = ratioTrend(tensor, { seed: 1, resamples: 400 });
    expect(r.trend).toBe('flat');
    expect(r.interval.low).toBeLessThan(1);
    expect(r.interval.high).toBeGreaterThan(1);
  });

  it('calls (a) falling rarely: about the one-sided error rate of its interval', () => {
    // 200 tensors at these settings gave 9 falling (4.5%); 30 seeds here, allow up to 3.
    let falling = 0;
    for (let seed = 100; seed < 130; seed++) {
      const { tensor } = simulateRewardTensor({ ...shape, ...independent, seed });
      if (ratioTrend(tensor, { seed, resamples: 200 }).trend === 'falling') falling++;
    }
    expect(falling).toBeLessThanOrEqual(3);
  });

  it('calls (b) a shared quality rising', () => {
    for (const seed of [1, 2, 3]) {
      const { tensor } = simulateRewardTensor({ ...shape, ...shared, seed });
      const r = ratioTrend(tensor, { seed, resamples: 400 });
      expect(r.trend).toBe('rising');
      expect(r.interval.low).toBeGreaterThan(1);
    }
  });

  it('calls (c) preferences that flip between groups falling', () => {
    for (const seed of [1, 2, 3]) {
      const { tensor } = simulateRewardTensor({ ...shape, ...flipping, seed });
      const r = ratioTrend(tensor, { seed, resamples: 400 });
      expect(r.trend).toBe('falling');
      expect(r.interval.high).toBeLessThan(1);
      expect(r.change).toBeLessThan(0.5);
    }
  });

  it('is seeded, and counts a replicate without per-example signal as unbounded', () => {
    const { tensor } = simulateRewardTensor({ ...shape, ...independent, seed: 4 });
    expect(ratioTrend(tensor, { seed: 9, resamples: 50 })).toEqual(
      ratioTrend(tensor, { seed: 9, resamples: 50 }),
    );
    // Every prompt has the same rewards on every example: no signal anywhere, never "falling".
    const same = createRewardTensor(
      Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => [1, 0, 1, 0])),
    );
    const r = ratioTrend(same, { seed: 1, resamples: 50, resampleResponses: false });
    expect(r.change).toBeNaN();
    expect(r.interval.high).toBe(Number.POSITIVE_INFINITY);
    expect(r.trend).not.toBe('falling');
  });

  it('rejects bad options', () => {
    const { tensor } = simulateRewardTensor({ ...shape, ...independent, seed: 1 });
    expect(() => ratioTrend(tensor, { resamples: 0 })).toThrow(RangeError);
    expect(() => ratioTrend(tensor, { level: 1 })).toThrow(RangeError);
  });
});
