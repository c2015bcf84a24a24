import { describe, expect, it } from 'vitest';
import type { CurvePoint } from './curves.js';
import { assessLearnability, assessTensorLearnability } from './learnability.js';
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

describe('assessLearnability', () => {
  it('calls a marked, detectable fall of the signal with K heterogeneous', () => {
    const a = assessLearnability(decomposition(0.004, 0.002), [point(1, 0.01, 0.01), point(32, 0.004)]);
    expect(a.verdict).toBe('heterogeneous');
    expect(a.signalDrop).toBeCloseTo(0.6, 12);
    expect(a.subsetRatioAtSameBudget).toBeCloseTo(5, 12);
    expect(a.explanation).toMatch(
      /^Heterogeneous: .*60\.0% drop.*Filtering training prompts \(p1\) is recommended/,
    );
  });
  it('does not call an undetectable small-K signal heterogeneous', () => {
    // Mean 0.01 with standard error 0.03/√32 ≈ 0.0053: below 2 standard errors.
    const a = assessLearnability(decomposition(0.004, 0.002), [point(1, 0.01, 0.03), point(32, 0.004)]);
    expect(a.verdict).toBe('learnable');
    expect(
      assessLearnability(decomposition(0.004, 0.002), [point(1, 0.01, 0.03), point(32, 0.004)], {
        minSignalZ: 1,
      }).verdict,
    ).toBe('heterogeneous');
  });
  it('calls a low ratio without a marked fall noise-dominated and solves for M (noise ∝ 1/M)', () => {
    const a = assessLearnability(decomposition(0.001, 0.002, 8), [point(1, 0.0012), point(32, 0.001)]);
    expect(a.verdict).toBe('noise-dominated');
    expect(a.ratio).toBeCloseTo(0.5, 12);
    // target 2 from ratio 0.5 at M = 8: M' = 8 · 2 / 0.5 = 32.
    expect(a.samplesNeeded).toBe(32);
    expect(a.explanation).toMatch(/M = 32 responses per cell/);
    expect(
      assessLearnability(decomposition(0.001, 0.002, 8), [point(1, 0.0012), point(32, 0.001)], {
        targetRatio: 4,
      }).samplesNeeded,
    ).toBe(64);
  });
  it('gives no M when no positive signal is estimated', () => {
    const a = assessLearnability(decomposition(-0.001, 0.002), [point(1, -0.002), point(32, -0.001)]);
    expect(a.verdict).toBe('noise-dominated');
    expect(a.samplesNeeded).toBeNull();
    expect(a.explanation).toMatch(/no positive signal/);
  });
  it('calls a high, flat ratio learnable and honours custom thresholds', () => {
    const curve = [point(1, 0.01), point(32, 0.008)];
    expect(assessLearnability(decomposition(0.008, 0.002), curve).verdict).toBe('learnable');
    expect(assessLearnability(decomposition(0.008, 0.002), curve, { minRatio: 5 }).verdict).toBe(
      'noise-dominated',
    );
    expect(assessLearnability(decomposition(0.008, 0.002), curve, { signalDropThreshold: 0.1 }).verdict).toBe(
      'heterogeneous',
    );
    expect(() => assessLearnability(decomposition(0.008, 0.002), curve, { signalDropThreshold: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('assessTensorLearnability', () => {
  it('diagnoses simulated heterogeneous, homogeneous and noisy data', () => {
    const het = simulateRewardTensor({
      prompts: 16,
      examples: 32,
      samples: 64,
      seed: 1,
      promptEffect: 0,
      interaction: 1.5,
    });
    const hom = simulateRewardTensor({
      prompts: 16,
      examples: 32,
      samples: 64,
      seed: 1,
      promptEffect: 1,
      interaction: 0,
    });
    const weak = simulateRewardTensor({
      prompts: 16,
      examples: 32,
      samples: 4,
      seed: 1,
      promptEffect: 0.1,
      interaction: 0,
    });
    expect(assessTensorLearnability(het.tensor, { seed: 1 }).verdict).toBe('heterogeneous');
    expect(assessTensorLearnability(hom.tensor, { seed: 1 }).verdict).toBe('learnable');
    const noisy = assessTensorLearnability(weak.tensor, { seed: 1 });
    expect(noisy.verdict).toBe('noise-dominated');
    expect(noisy.samplesNeeded).toBeGreaterThan(4);
  });
});
