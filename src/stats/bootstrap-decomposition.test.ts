import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { bootstrapDecomposition } from './bootstrap-decomposition.js';
import { createRewardTensor } from './reward-tensor.js';
import { sampleRewardTensor, simulateRewardTensor } from './simulate-reward-tensor.js';

describe('bootstrapDecomposition', () => {
  const { tensor } = simulateRewardTensor({
    prompts: 12,
    examples: 6,
    samples: 16,
    seed: 2,
    promptEffect: 1,
  });

  it('is reproducible with a seed and depends on it', () => {
    const a = bootstrapDecomposition(tensor, { seed: 1, resamples: 200 });
    expect(bootstrapDecomposition(tensor, { seed: 1, resamples: 200 })).toEqual(a);
    expect(bootstrapDecomposition(tensor, { seed: 2, resamples: 200 }).signal.low).not.toBe(a.signal.low);
    expect(a).toMatchObject({ level: 0.95, resamples: 200 });
  });

  it('brackets the point estimates', () => {
    const r = bootstrapDecomposition(tensor, { seed: 3, resamples: 500 });
    for (const key of ['total', 'noise', 'signal'] as const) {
      expect(r[key].low).toBeLessThanOrEqual(r.estimate[key]);
      expect(r[key].high).toBeGreaterThanOrEqual(r.estimate[key]);
    }
    const narrow = bootstrapDecomposition(tensor, { seed: 3, resamples: 500, level: 0.5 });
    expect(narrow.signal.high - narrow.signal.low).toBeLessThan(r.signal.high - r.signal.low);
  });

  it('excludes 0 from the signal interval with real differences and covers it without', () => {
    // Strong signal: half the prompts succeed at .9, half at .1, on every example.
    const strong = sampleRewardTensor(
      Array.from({ length: 10 * 4 }, (_, c) => (Math.floor(c / 4) % 2 === 0 ? 0.9 : 0.1)),
      10,
      4,
      8,
      createRng(1),
    );
    expect(bootstrapDecomposition(strong, { seed: 1 }).signal.low).toBeGreaterThan(0);
    // No signal: every prompt has the same rate .5, so any variance among prompts is noise.
    const none = sampleRewardTensor(new Array(10 * 4).fill(0.5), 10, 4, 8, createRng(2));
    const r = bootstrapDecomposition(none, { seed: 1, noiseEstimator: 'unbiased' });
    expect(r.signal.low).toBeLessThan(0);
    expect(r.signal.high).toBeGreaterThan(0);
  });

  it('has zero-width intervals when prompts are identical and responses are not resampled', () => {
    const t = createRewardTensor([
      [[1, 0], [1]],
      [[1, 0], [1]],
    ]);
    const r = bootstrapDecomposition(t, { seed: 1, resamples: 50, resampleResponses: false });
    expect(r.total).toEqual({ low: 0, high: 0 });
  });

  it('validates its options', () => {
    expect(() => bootstrapDecomposition(tensor, { resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapDecomposition(tensor, { level: 1 })).toThrow(RangeError);
  });
});
