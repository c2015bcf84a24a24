import { describe, expect, it } from 'vitest';
import { curveOverExamples, curveOverSamples, powersOfTwoUpTo } from './curves.js';
import { simulateRewardTensor } from './simulate-reward-tensor.js';
import { varianceDecomposition } from './variance-decomposition.js';

// Heterogeneous: no shared prompt effect, strong prompt-by-example interaction (preferences cancel).
// Homogeneous: a shared prompt effect and no interaction. N = 16, K = 32, M = 64, fixed seeds.
const heterogeneous = simulateRewardTensor({
  prompts: 16,
  examples: 32,
  samples: 64,
  seed: 1,
  promptEffect: 0,
  interaction: 1.5,
}).tensor;
const homogeneous = simulateRewardTensor({
  prompts: 16,
  examples: 32,
  samples: 64,
  seed: 1,
  promptEffect: 1,
  interaction: 0,
}).tensor;

const at = <T extends { size: number }>(points: T[], size: number): T => {
  const p = points.find((q) => q.size === size);
  if (p === undefined) throw new Error(`no point at ${size}`);
  return p;
};

describe('curveOverExamples', () => {
  it('shows the signal falling with K on heterogeneous data and flat on homogeneous data', () => {
    // Independent interactions average out: the signal shrinks roughly as 1/K (expected ratio 1/32
    // here); with a shared effect only, it does not depend on K.
    const het = curveOverExamples(heterogeneous, { seed: 1, noiseEstimator: 'unbiased' });
    const hom = curveOverExamples(homogeneous, { seed: 1, noiseEstimator: 'unbiased' });
    expect(het.map((p) => p.size)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(at(het, 32).signal / at(het, 1).signal).toBeLessThan(0.2);
    expect(at(hom, 32).signal / at(hom, 1).signal).toBeGreaterThan(0.8);
    for (let i = 1; i < het.length; i++) expect(het[i]!.signal).toBeLessThan(het[i - 1]!.signal);
  });

  it('shows the noise shrinking as 1/K at fixed M (Eq. 5)', () => {
    for (const tensor of [heterogeneous, homogeneous]) {
      const curve = curveOverExamples(tensor, { seed: 2 });
      const base = at(curve, 1).noise;
      for (const p of curve) expect((p.noise * p.size) / base).toBeGreaterThan(0.9);
      for (const p of curve) expect((p.noise * p.size) / base).toBeLessThan(1.1);
    }
  });

  it('uses every subset exactly once when there are at most `draws` of them', () => {
    const curve = curveOverExamples(heterogeneous, { sizes: [1, 32], draws: 40 });
    expect(at(curve, 1).draws).toBe(32);
    expect(at(curve, 32).draws).toBe(1);
    let mean = 0;
    for (let k = 0; k < 32; k++) mean += varianceDecomposition(heterogeneous, { examples: [k] }).signal / 32;
    expect(at(curve, 1).signal).toBeCloseTo(mean, 14);
    expect(at(curve, 32).signal).toBeCloseTo(varianceDecomposition(heterogeneous).signal, 14);
  });

  it('is reproducible with a seed and validates sizes', () => {
    const a = curveOverExamples(heterogeneous, { seed: 4, sizes: [3], draws: 10 });
    expect(curveOverExamples(heterogeneous, { seed: 4, sizes: [3], draws: 10 })).toEqual(a);
    expect(curveOverExamples(heterogeneous, { seed: 5, sizes: [3], draws: 10 })).not.toEqual(a);
    expect(() => curveOverExamples(heterogeneous, { sizes: [33] })).toThrow(RangeError);
    expect(() => curveOverExamples(heterogeneous, { draws: 0 })).toThrow(RangeError);
  });
});

describe('curveOverSamples', () => {
  it('shows the noise shrinking as 1/M while the unbiased signal stays put', () => {
    const curve = curveOverSamples(homogeneous, { seed: 1, noiseEstimator: 'unbiased' });
    expect(curve.map((p) => p.size)).toEqual([2, 4, 8, 16, 32, 64]);
    const full = at(curve, 64);
    for (const p of curve) {
      expect((p.noise * p.size) / (full.noise * 64)).toBeGreaterThan(0.85);
      expect((p.noise * p.size) / (full.noise * 64)).toBeLessThan(1.15);
      expect(p.signal / full.signal).toBeGreaterThan(0.85);
      expect(p.signal / full.signal).toBeLessThan(1.15);
    }
    // Keeping every response reproduces the full-data decomposition.
    expect(full.signal).toBeCloseTo(
      varianceDecomposition(homogeneous, { noiseEstimator: 'unbiased' }).signal,
      14,
    );
  });
  it('restricts to a subset of examples when asked', () => {
    const curve = curveOverSamples(homogeneous, { sizes: [64], draws: 1, examples: [0, 5] });
    expect(curve[0]?.signal).toBeCloseTo(varianceDecomposition(homogeneous, { examples: [0, 5] }).signal, 14);
  });
});

describe('powersOfTwoUpTo', () => {
  it('lists 1, 2, 4, ... below n, then n', () => {
    expect(powersOfTwoUpTo(1)).toEqual([1]);
    expect(powersOfTwoUpTo(30)).toEqual([1, 2, 4, 8, 16, 30]);
  });
});
