import { checkLevel, percentileInterval } from './percentile.js';
import { type RandomSource, randomSource } from './random-source.js';
import { cellMoments, checkExampleSubset, type RewardTensor } from './reward-tensor.js';
import {
  type DecompositionOptions,
  decomposeRewards,
  noiseTerm,
  type VarianceDecomposition,
  varianceDecomposition,
} from './variance-decomposition.js';

export interface BootstrapDecompositionOptions extends DecompositionOptions, RandomSource {
  /** B, the number of bootstrap replicates; default 1000. */
  readonly resamples?: number;
  /** Default 0.95. */
  readonly level?: number;
  /** Also resample responses within each cell (default true); otherwise only system prompts. */
  readonly resampleResponses?: boolean;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface DecompositionIntervals {
  /** The point estimates on the data. */
  readonly estimate: VarianceDecomposition;
  readonly total: Interval;
  readonly noise: Interval;
  readonly signal: Interval;
  readonly ratio: Interval;
  readonly level: number;
  readonly resamples: number;
}

/**
 * Percentile bootstrap intervals for the Eq. 5 decomposition of a subset. Each replicate draws N system
 * prompts with replacement and, within each drawn (prompt, example) cell, M_n^k responses with
 * replacement, then recomputes total, noise, signal and ratio. Seeded: same options, same intervals.
 * Replicates where a quantity is NaN (fewer than 2 prompts with data) are ignored for that quantity.
 */
export function bootstrapDecomposition(
  tensor: RewardTensor,
  options: BootstrapDecompositionOptions = {},
): DecompositionIntervals {
  const resamples = options.resamples ?? 1000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be an integer >= 1, got ${resamples}`);
  }
  const level = options.level ?? 0.95;
  checkLevel(level);
  const estimator = options.noiseEstimator ?? 'plugin';
  const estimate = varianceDecomposition(tensor, options);
  const subset =
    options.examples === undefined
      ? Array.from({ length: tensor.examples }, (_, k) => k)
      : checkExampleSubset(tensor, options.examples);
  const resampleResponses = options.resampleResponses ?? true;
  const rng = randomSource(options);
  const N = tensor.prompts;
  const K = tensor.examples;
  const { counts } = tensor;
  const rewards = new Float64Array(N);
  const noises = new Float64Array(N);
  const kept = new Uint8Array(N);
  const totals = new Float64Array(resamples);
  const noiseOut = new Float64Array(resamples);
  const signals = new Float64Array(resamples);
  const ratios = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < N; i++) {
      const n = rng.int(N);
      let sumP = 0;
      let sumV = 0;
      let count = 0;
      for (const k of subset) {
        const c = n * K + k;
        const m = counts[c] as number;
        if (m === 0) continue;
        const { mean, variance } = cellMoments(tensor, c, resampleResponses ? rng : undefined);
        sumP += mean;
        sumV += noiseTerm(variance, m, estimator);
        count++;
      }
      kept[i] = count > 0 ? 1 : 0;
      rewards[i] = count > 0 ? sumP / count : 0;
      noises[i] = count > 0 ? sumV / (count * count) : 0;
    }
    const d = decomposeRewards(rewards, noises, kept);
    totals[b] = d.total;
    noiseOut[b] = d.noise;
    signals[b] = d.signal;
    ratios[b] = d.ratio;
  }
  return {
    estimate,
    total: percentileInterval(totals, level),
    noise: percentileInterval(noiseOut, level),
    signal: percentileInterval(signals, level),
    ratio: percentileInterval(ratios, level),
    level,
    resamples,
  };
}
