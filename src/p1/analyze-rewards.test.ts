import { describe, expect, it } from 'vitest';
import { bootstrapDecomposition } from '../stats/bootstrap-decomposition.js';
import { curveOverSamples } from '../stats/curves.js';
import { assessTensorLearnability } from '../stats/learnability.js';
import { createRewardTensor } from '../stats/reward-tensor.js';
import { simulateRewardTensor } from '../stats/simulate-reward-tensor.js';
import { searchSubsets } from '../stats/subset-search.js';
import { varianceDecomposition } from '../stats/variance-decomposition.js';
import { analyzeRewards, samplesForRatio } from './analyze-rewards.js';

const FAST = { resamples: 200, curveDraws: 40 } as const;

describe('analyzeRewards', () => {
  const { tensor } = simulateRewardTensor({ prompts: 8, examples: 12, samples: 16, seed: 3 });

  it('gives the numbers the stats functions give', () => {
    const a = analyzeRewards(tensor, { subsetSize: 2, seed: 5, resamples: 200 });
    const d = varianceDecomposition(tensor, { noiseEstimator: 'unbiased' });
    expect(a.decomposition.total).toBe(d.total);
    expect(a.decomposition.noise).toBe(d.noise);
    expect(a.decomposition.signal).toBe(d.signal);
    expect(a.decomposition.ratio).toBe(d.ratio);
    expect(a.decomposition.promptRewards).toEqual(d.promptRewards);
    const b = bootstrapDecomposition(tensor, { noiseEstimator: 'unbiased', seed: 5, resamples: 200 });
    expect(a.intervals.signal).toEqual(b.signal);
    expect(a.intervals.ratio).toEqual(b.ratio);
    // Subsets are ranked by the paper's plug-in Score by default.
    const s = searchSubsets(tensor, 2, { top: 2, noiseEstimator: 'plugin' });
    expect(a.subsets.top.map((t) => t.ids)).toEqual(s.subsets.map((t) => t.ids));
    expect(a.subsets.top.map((t) => t.score)).toEqual(s.subsets.map((t) => t.score));
    expect(a.subsets.candidates).toBe(66);
    const l = assessTensorLearnability(tensor, { noiseEstimator: 'unbiased', seed: 5, resamples: 200 });
    expect(a.learnability.verdict).toBe(l.verdict);
    expect(a.learnability.ratioChangeInterval).toEqual(l.ratioChangeInterval);
    expect(a.settings.noiseEstimator).toBe('plugin');
    expect(a.kCurve).toEqual(l.kCurve);
    expect(a.mCurve).toEqual(curveOverSamples(tensor, { noiseEstimator: 'unbiased', seed: 5 }));
    expect(a.shape).toMatchObject({ prompts: 8, examples: 12, minSamples: 16, maxSamples: 16, binary: true });
  });

  it('ranks subsets by the unbiased Score when asked; the diagnosis stays unbiased either way', () => {
    const a = analyzeRewards(tensor, { noiseEstimator: 'unbiased', ...FAST });
    expect(a.settings.noiseEstimator).toBe('unbiased');
    const unbiased = searchSubsets(tensor, 2, { noiseEstimator: 'unbiased' }).subsets[0]?.score;
    expect(a.subsets.top[0]?.score).toBe(unbiased);
    expect(a.subsets.top[0]?.score).not.toBe(searchSubsets(tensor, 2).subsets[0]?.score);
    const d = varianceDecomposition(tensor, { noiseEstimator: 'unbiased' });
    expect(a.decomposition.signal).toBe(d.signal);
    expect(analyzeRewards(tensor, FAST).decomposition.signal).toBe(d.signal);
  });

  it('calls a tensor whose ratio falls with K heterogeneous and recommends filtering to the top subset', () => {
    // Preferences that flip between two groups of examples cancel on the full set.
    const hetero = simulateRewardTensor({
      prompts: 16,
      examples: 20,
      samples: 64,
      promptEffect: 0,
      interaction: 0.3,
      flip: 1.5,
      difficulty: 0.5,
      seed: 1,
    }).tensor;
    const a = analyzeRewards(hetero, FAST);
    expect(a.learnability.ratioTrend).toBe('falling');
    expect(a.verdict.kind).toBe('heterogeneous');
    expect(a.verdict.recommendation).toBe('filter');
    expect(a.verdict.subsetIds).toEqual(a.subsets.top[0]?.ids);
    expect(a.verdict.headline).toMatch(
      /^heterogeneous: filter recommended — train on .*; the ratio falls as K grows at M = 64: signal\/noise .* at K = 1 → .* at K = 20 \(×.* \[95% CI ×.*, ×.*\]\)$/,
    );
  });

  it('keeps all the data when the signal falls with K but the ratio does not (independent preferences)', () => {
    const flat = simulateRewardTensor({
      prompts: 16,
      examples: 20,
      samples: 64,
      promptEffect: 0,
      interaction: 2,
      difficulty: 0.5,
      seed: 1,
    }).tensor;
    const a = analyzeRewards(flat, FAST);
    expect(a.learnability.signalDrop).toBeGreaterThan(0.5);
    expect(a.learnability.ratioTrend).toBe('flat');
    expect(a.verdict.kind).toBe('learnable');
    expect(a.verdict.recommendation).toBe('use-all');
  });

  it('calls a homogeneous tensor learnable and keeps all the data', () => {
    const homo = simulateRewardTensor({
      prompts: 16,
      examples: 20,
      samples: 64,
      promptEffect: 1,
      interaction: 0,
      seed: 2,
    }).tensor;
    const a = analyzeRewards(homo, FAST);
    expect(a.verdict.kind).toBe('learnable');
    expect(a.verdict.recommendation).toBe('use-all');
    expect(a.verdict.subsetIds).toBeUndefined();
    expect(a.verdict.headline).toMatch(/^homogeneous and learnable/);
  });

  it('calls a tiny-M tensor noise-dominated and says which M reaches the target ratio', () => {
    // Two prompt qualities, 0.45 and 0.55, on every example; M = 2 responses per cell.
    const N = 16;
    const K = 6;
    const truth = Array.from({ length: N * K }, (_, c) => (Math.floor(c / K) % 2 === 0 ? 0.45 : 0.55));
    // Deterministic "draws": two examples separate the qualities, the other cells are one success, one failure.
    const rewards = Array.from({ length: N }, (_, n) =>
      Array.from({ length: K }, (_, k) => {
        const p = truth[n * K + k] as number;
        return k < 2 ? (p > 0.5 ? [1, 1] : [0, 0]) : [1, 0];
      }),
    );
    const a = analyzeRewards(createRewardTensor(rewards), { ...FAST, targetRatio: 2 });
    expect(a.decomposition.signal).toBeGreaterThan(0);
    expect(a.decomposition.ratio).toBeLessThan(1);
    expect(a.verdict.kind).toBe('noise-dominated');
    expect(a.verdict.recommendation).toBe('raise-samples');
    const need = a.verdict.samplesNeeded;
    expect(need).not.toBeNull();
    expect(need).toBe(samplesForRatio(a.decomposition.signal, a.decomposition.noise, 2, 2));
    expect(need ?? 0).toBeGreaterThan(2);
    expect(a.verdict.headline).toBe(
      `noise-dominated: raise M to ${need} to reach ratio 2 (now ${a.decomposition.ratio.toPrecision(3)} at M = 2)`,
    );
  });

  it('refuses a subset size larger than K, and a single prompt', () => {
    expect(() => analyzeRewards(tensor, { subsetSize: 13 })).toThrow(/K_top = 13 exceeds the 12 examples/);
    expect(() => analyzeRewards(createRewardTensor([[[1, 0], [0]]]), { subsetSize: 1 })).toThrow(
      /at least 2 system prompts/,
    );
  });
});

describe('samplesForRatio', () => {
  it('scales M by target/ratio because noise ∝ 1/M', () => {
    expect(samplesForRatio(1, 1, 16, 2)).toBe(32);
    expect(samplesForRatio(4, 1, 16, 2)).toBe(8);
    expect(samplesForRatio(0, 1, 16, 2)).toBeNull();
    expect(samplesForRatio(-1, 1, 16, 2)).toBeNull();
  });
});
