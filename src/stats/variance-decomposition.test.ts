import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { createRewardTensor, selectExamples } from './reward-tensor.js';
import { expectedDecomposition, sampleRewardTensor, simulateRewardTensor } from './simulate-reward-tensor.js';
import { cellNoiseTerms, varianceDecomposition } from './variance-decomposition.js';

// Hand-computed example (N = 3, K = 2, unequal M):
//   prompt 0: k0 [1,0] (p^ .5, M 2)   k1 [1,1,1,0] (p^ .75, M 4)   r^ = .625
//   prompt 1: k0 [0,0] (p^ 0)         k1 [1,0,0,0] (p^ .25)        r^ = .125
//   prompt 2: k0 [1,1] (p^ 1)         k1 [1,1,1,1] (p^ 1)          r^ = 1
// mean r^ = 7/12; Var^ = (1/3)((1/24)^2 + (11/24)^2 + (10/24)^2) = 74/576.
// plug-in noise = (N-1)/N^2 Σ_n (1/K^2) Σ_k p^(1-p^)/M = 2/9 · (1/4)(.25/2 + .1875/4 + .1875/4) = 7/576.
// unbiased noise uses /(M-1): 2/9 · (1/4)(.25/1 + .1875/3 + .1875/3) = 12/576.
const hand = createRewardTensor([
  [
    [1, 0],
    [1, 1, 1, 0],
  ],
  [
    [0, 0],
    [1, 0, 0, 0],
  ],
  [
    [1, 1],
    [1, 1, 1, 1],
  ],
]);

describe('varianceDecomposition', () => {
  it('matches the hand-computed Eq. 5 values with the plug-in estimator', () => {
    const d = varianceDecomposition(hand);
    expect(d.total).toBeCloseTo(74 / 576, 15);
    expect(d.noise).toBeCloseTo(7 / 576, 15);
    expect(d.signal).toBeCloseTo(67 / 576, 15);
    expect(d.ratio).toBeCloseTo(67 / 7, 12);
    expect(d.meanReward).toBeCloseTo(7 / 12, 15);
    expect(d.promptRewards).toEqual([0.625, 0.125, 1]);
    expect(d).toMatchObject({ prompts: 3, examples: 2, meanSamples: 3, noiseEstimator: 'plugin' });
  });
  it('applies the M/(M-1) correction with the unbiased estimator', () => {
    const d = varianceDecomposition(hand, { noiseEstimator: 'unbiased' });
    expect(d.noise).toBeCloseTo(12 / 576, 15);
    expect(d.signal).toBeCloseTo(62 / 576, 15);
  });
  it('reduces to Eq. 4 for a single example', () => {
    // r^ = [.5, 1]: Var^ = 1/16; noise = (1/4)(.25/4) = 1/64; unbiased (1/4)(.25/3) = 1/48.
    const t = createRewardTensor([[[1, 1, 0, 0]], [[1, 1, 1, 1]]]);
    const d = varianceDecomposition(t);
    expect(d.total).toBeCloseTo(1 / 16, 15);
    expect(d.noise).toBeCloseTo(1 / 64, 15);
    expect(d.ratio).toBeCloseTo(3, 14);
    expect(varianceDecomposition(t, { noiseEstimator: 'unbiased' }).ratio).toBeCloseTo(2, 14);
  });
  it('uses the cell variance of fractional rewards in place of p^(1 - p^)', () => {
    // cell [.2, .4]: variance .01 (divisor M) or .02 (divisor M-1); r^ = [.3, .8], Var^ = 1/16.
    const t = createRewardTensor([[[0.2, 0.4]], [[0.8, 0.8]]]);
    expect(varianceDecomposition(t).total).toBeCloseTo(1 / 16, 15);
    expect(varianceDecomposition(t).noise).toBeCloseTo((1 / 4) * (0.01 / 2), 15);
    expect(varianceDecomposition(t, { noiseEstimator: 'unbiased' }).noise).toBeCloseTo(
      (1 / 4) * (0.02 / 2),
      15,
    );
  });
  it('decomposes a subset like the tensor restricted to it', () => {
    const { tensor } = simulateRewardTensor({ prompts: 6, examples: 9, samples: 5, seed: 4 });
    const a = varianceDecomposition(tensor, { examples: [7, 2, 4] });
    const b = varianceDecomposition(selectExamples(tensor, [2, 4, 7]));
    expect(a.total).toBeCloseTo(b.total, 15);
    expect(a.noise).toBeCloseTo(b.noise, 15);
    expect(a.examples).toBe(3);
  });
  it('averages observed cells only and leaves out prompts without data', () => {
    // prompt 1 lacks k1: r^_1 = p^ of k0 and its noise is p^(1-p^)/M over K_1^2 = 1.
    // prompt 3 has no cell at all and is left out.
    const t = createRewardTensor([
      [[1, 0], [1]],
      [[1, 1, 0], []],
      [[0], [0, 0]],
      [[], []],
    ]);
    const d = varianceDecomposition(t);
    expect(d.prompts).toBe(3);
    expect(Number.isNaN(d.promptRewards[3])).toBe(true);
    const r = [(0.5 + 1) / 2, 2 / 3, 0];
    const mean = (r[0]! + r[1]! + r[2]!) / 3;
    const total = r.reduce((acc, x) => acc + (x - mean) ** 2, 0) / 3;
    const noise = (2 / 9) * (0.25 / 2 / 4 + 2 / 9 / 3);
    expect(d.total).toBeCloseTo(total, 15);
    expect(d.noise).toBeCloseTo(noise, 15);
  });
  it('is NaN with fewer than 2 prompts with data', () => {
    const d = varianceDecomposition(createRewardTensor([[[1, 0]], [[]]]));
    expect(d.prompts).toBe(1);
    expect(Number.isNaN(d.signal)).toBe(true);
  });
  it('reports an infinite ratio when there is signal and no noise', () => {
    const d = varianceDecomposition(createRewardTensor([[[1, 1]], [[0, 0]]]));
    expect(d.noise).toBe(0);
    expect(d.ratio).toBe(Number.POSITIVE_INFINITY);
  });
  it('rejects bad subsets', () => {
    expect(() => varianceDecomposition(hand, { examples: [2] })).toThrow(RangeError);
    expect(() => varianceDecomposition(hand, { examples: [1, 1] })).toThrow(RangeError);
  });

  it('is unbiased in expectation over binomial draws (Eq. 5), the plug-in noise low by (M-1)/M', () => {
    // Fixed true rates (N = 8, K = 4), M = 4, 2000 independent replicates. Each estimator's average is
    // compared with its Eq. 5 expectation within 4 Monte Carlo standard errors (estimated from the
    // replicates); the plug-in noise's 25% bias is more than 10 standard errors, so it is detectable.
    const N = 8;
    const K = 4;
    const M = 4;
    const R = 2000;
    const { truth } = simulateRewardTensor({ prompts: N, examples: K, samples: 1, seed: 3 });
    const expected = expectedDecomposition(truth, N, K, M);
    const rng = createRng(11);
    const series = {
      plugin: [] as number[],
      unbiased: [] as number[],
      total: [] as number[],
      signal: [] as number[],
    };
    for (let r = 0; r < R; r++) {
      const t = sampleRewardTensor(truth, N, K, M, rng);
      const p = varianceDecomposition(t);
      const u = varianceDecomposition(t, { noiseEstimator: 'unbiased' });
      series.plugin.push(p.noise);
      series.unbiased.push(u.noise);
      series.total.push(p.total);
      series.signal.push(u.signal);
    }
    const stats = (xs: number[]): { mean: number; se: number } => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      return { mean, se: sd / Math.sqrt(xs.length) };
    };
    const within = (xs: number[], target: number): void => {
      const s = stats(xs);
      expect(Math.abs(s.mean - target)).toBeLessThan(4 * s.se);
    };
    within(series.unbiased, expected.noise);
    within(series.plugin, (expected.noise * (M - 1)) / M);
    within(series.total, expected.total);
    within(series.signal, expected.signal);
    const plugin = stats(series.plugin);
    expect(expected.noise - plugin.mean).toBeGreaterThan(10 * plugin.se);
  });
});

describe('cellNoiseTerms', () => {
  it('is v/M per cell, NaN for an empty cell, 0 for a single response under both estimators', () => {
    const t = createRewardTensor([[[1, 0, 0, 1], [1], []]]);
    expect(Array.from(cellNoiseTerms(t)).slice(0, 2)).toEqual([0.25 / 4, 0]);
    expect(Array.from(cellNoiseTerms(t, 'unbiased')).slice(0, 2)).toEqual([0.25 / 3, 0]);
    expect(Number.isNaN(cellNoiseTerms(t)[2])).toBe(true);
  });
});
