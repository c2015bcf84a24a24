import { describe, expect, it } from 'vitest';
import type { CurvePoint } from './curves.js';
import { assessLearnability, assessTensorLearnability } from './learnability.js';
import type { RatioTrendResult } from './ratio-trend.js';
import { simulateRewardTensor } from './simulate-reward-tensor.js';
import type { VarianceDecomposition } from './variance-decomposition.js';

function decomposition(signal: number, noise: number, meanSamples = 8): VarianceDecomposition {
  return {
    total: signal + noise,
    noise,
    signal,
    ratio: signal / noise,
    meanReward: 0.5,
    promptRewards: [],
    prompts: 16,
    examples: 32,
    meanSamples,
    noiseEstimator: 'unbiased',
  };
}

function point(size: number, signal: number, signalSd = 0, draws = 32): CurvePoint {
  return { size, draws, total: signal, noise: 0, signal, ratio: Number.NaN, signalSd };
}

/** A ratio trend from K = 1 to K = 32 with the given change and interval. */
function trend(change: number, low: number, high: number, ratioAtSmallK = 5): RatioTrendResult {
  return {
    smallK: 1,
    fullK: 32,
    ratioAtSmallK,
    ratioAtFullK: ratioAtSmallK * change,
    change,
    interval: { low, high },
    trend: high < 1 ? 'falling' : low > 1 ? 'rising' : 'flat',
    slope: Math.log(change) / Math.log(32),
    level: 0.95,
    resamples: 100,
    noiseEstimator: 'unbiased',
  };
}

describe('assessLearnability', () => {
  it('calls a ratio that falls with K (interval below 1) heterogeneous', () => {
    const a = assessLearnability(
      decomposition(0.004, 0.002),
      [point(1, 0.01, 0.01), point(32, 0.004)],
      trend(0.1, 0.03, 0.4),
    );
    expect(a.verdict).toBe('heterogeneous');
    expect(a.ratioTrend).toBe('falling');
    expect(a.ratioChangeInterval).toEqual({ low: 0.03, high: 0.4 });
    expect(a.signalDrop).toBeCloseTo(0.6, 12);
    expect(a.subsetRatioAtSameBudget).toBeCloseTo(5, 12);
    expect(a.explanation).toMatch(
      /^Heterogeneous: the signal\/noise .* goes from 5\.00 at K = 1 to 0\.500 at K = 32 \(×0\.100, 95% CI ×0\.0300 to ×0\.400\).*Filtering training prompts \(p1\) is recommended/,
    );
  });
  it('does not call a falling signal heterogeneous when the ratio is flat (the paper: homogeneous)', () => {
    // The signal falls 97% but the ratio's interval contains 1: independent per-example preferences.
    const a = assessLearnability(
      decomposition(0.004, 0.002),
      [point(1, 0.12, 0.01), point(32, 0.004)],
      trend(0.9, 0.5, 1.6),
    );
    expect(a.signalDrop).toBeGreaterThan(0.95);
    expect(a.verdict).toBe('learnable');
    expect(a.explanation).toMatch(/does not fall detectably as K grows \(flat\)/);
    expect(a.explanation).toMatch(/no faster than the noise/);
    // A point estimate below 1 is not enough: the interval must exclude 1.
    expect(
      assessLearnability(
        decomposition(0.004, 0.002),
        [point(1, 0.12), point(32, 0.004)],
        trend(0.6, 0.2, 1.1),
      ).verdict,
    ).toBe('learnable');
  });
  it('calls a low ratio that does not fall noise-dominated and solves for M (noise ∝ 1/M)', () => {
    const a = assessLearnability(
      decomposition(0.001, 0.002, 8),
      [point(1, 0.0012), point(32, 0.001)],
      trend(1, 0.5, 2),
    );
    expect(a.verdict).toBe('noise-dominated');
    expect(a.ratio).toBeCloseTo(0.5, 12);
    // target 2 from ratio 0.5 at M = 8: M' = 8 · 2 / 0.5 = 32.
    expect(a.samplesNeeded).toBe(32);
    expect(a.explanation).toMatch(/M = 32 responses per cell/);
    expect(
      assessLearnability(
        decomposition(0.001, 0.002, 8),
        [point(1, 0.0012), point(32, 0.001)],
        trend(1, 0.5, 2),
        {
          targetRatio: 4,
        },
      ).samplesNeeded,
    ).toBe(64);
  });
  it('gives no M when no positive signal is estimated', () => {
    const a = assessLearnability(
      decomposition(-0.001, 0.002),
      [point(1, -0.002), point(32, -0.001)],
      trend(Number.NaN, 0.1, Number.POSITIVE_INFINITY, -0.1),
    );
    expect(a.verdict).toBe('noise-dominated');
    expect(a.samplesNeeded).toBeNull();
    expect(a.explanation).toMatch(/no positive signal/);
  });
  it('calls a high, rising or flat ratio learnable and honours custom thresholds', () => {
    const curve = [point(1, 0.01), point(32, 0.008)];
    const rising = trend(25, 10, 40);
    expect(assessLearnability(decomposition(0.008, 0.002), curve, rising).verdict).toBe('learnable');
    expect(assessLearnability(decomposition(0.008, 0.002), curve, rising, { minRatio: 5 }).verdict).toBe(
      'noise-dominated',
    );
    expect(() => assessLearnability(decomposition(0.008, 0.002), curve, rising, { minRatio: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('assessTensorLearnability', () => {
  const shape = { prompts: 16, examples: 32, samples: 32, difficulty: 0.5, seed: 1 } as const;

  it('(a) independent per-example preferences: the signal falls by half, the ratio is flat -> learnable', () => {
    const { tensor } = simulateRewardTensor({ ...shape, promptEffect: 0, interaction: 1.5 });
    const a = assessTensorLearnability(tensor, { seed: 1, resamples: 400 });
    // The old rule (signal falls by half or more) called this heterogeneous.
    expect(a.signalDrop).toBeGreaterThan(0.5);
    expect(a.ratioTrend).toBe('flat');
    expect(a.verdict).toBe('learnable');
  });

  it('(b) a shared quality component: the ratio rises -> learnable', () => {
    const { tensor } = simulateRewardTensor({ ...shape, promptEffect: 0.7, interaction: 0.5 });
    const a = assessTensorLearnability(tensor, { seed: 1, resamples: 400 });
    expect(a.ratioTrend).toBe('rising');
    expect(a.verdict).toBe('learnable');
  });

  it('(c) preferences that flip between groups of examples: the ratio falls -> heterogeneous', () => {
    const { tensor } = simulateRewardTensor({ ...shape, promptEffect: 0, interaction: 0.3, flip: 1 });
    const a = assessTensorLearnability(tensor, { seed: 1, resamples: 400 });
    expect(a.ratioTrend).toBe('falling');
    expect(a.ratioChangeInterval.high).toBeLessThan(1);
    expect(a.verdict).toBe('heterogeneous');
  });

  it('calls a weak shared signal at small M noise-dominated', () => {
    const { tensor } = simulateRewardTensor({ ...shape, samples: 4, promptEffect: 0.1, interaction: 0 });
    const noisy = assessTensorLearnability(tensor, { seed: 1, resamples: 200 });
    expect(noisy.verdict).toBe('noise-dominated');
    expect(noisy.samplesNeeded).toBeGreaterThan(4);
  });
});
