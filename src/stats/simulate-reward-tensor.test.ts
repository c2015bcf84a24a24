import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { rewardTensorToArrays } from './reward-tensor.js';
import { expectedDecomposition, sampleRewardTensor, simulateRewardTensor } from './simulate-reward-tensor.js';

describe('simulateRewardTensor', () => {
  it('builds an N x K tensor of binary rewards with rates in (0, 1), reproducibly', () => {
    const a = simulateRewardTensor({ prompts: 3, examples: 5, samples: 7, seed: 2 });
    expect(a.tensor).toMatchObject({ prompts: 3, examples: 5, binary: true, complete: true, minSamples: 7 });
    expect(a.truth).toHaveLength(15);
    for (const p of a.truth) expect(p > 0 && p < 1).toBe(true);
    const b = simulateRewardTensor({ prompts: 3, examples: 5, samples: 7, seed: 2 });
    expect(rewardTensorToArrays(b.tensor)).toEqual(rewardTensorToArrays(a.tensor));
  });
  it('supports unequal and missing cells', () => {
    const { tensor } = simulateRewardTensor({ prompts: 2, examples: 2, samples: (n, k) => n + k, seed: 1 });
    expect(Array.from(tensor.counts)).toEqual([0, 1, 1, 2]);
    expect(tensor.complete).toBe(false);
  });
});

describe('sampleRewardTensor', () => {
  it('draws Bernoulli rewards at the given rates', () => {
    const t = sampleRewardTensor([0, 1, 0.5, 0.5], 2, 2, 4000, createRng(3));
    expect(t.means[0]).toBe(0);
    expect(t.means[1]).toBe(1);
    // Binomial standard error at p = .5, M = 4000 is 0.0079; allow 4 of them.
    expect(Math.abs((t.means[2] as number) - 0.5)).toBeLessThan(0.032);
    expect(() => sampleRewardTensor([0.5], 2, 2, 1, createRng(1))).toThrow(RangeError);
  });
});

describe('expectedDecomposition', () => {
  it('gives the Eq. 5 population terms', () => {
    // N = 2, K = 1, p = [.5, 1], M = 4: signal = 1/16, noise = (1/4)(.25/4) = 1/64.
    const e = expectedDecomposition([0.5, 1], 2, 1, 4);
    expect(e.signal).toBeCloseTo(1 / 16, 15);
    expect(e.noise).toBeCloseTo(1 / 64, 15);
    expect(e.total).toBeCloseTo(5 / 64, 15);
  });
});
