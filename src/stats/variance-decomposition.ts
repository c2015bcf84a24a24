import { checkExampleSubset, type RewardTensor } from './reward-tensor.js';

/**
 * How the response-noise variance of a cell mean is estimated (docs/p1-method.md, Eq. 4/5 first term):
 * - `plugin`: the paper's p^(1-p^)/M, i.e. the cell's variance with divisor M over M. Biased low by the
 *   factor (M-1)/M.
 * - `unbiased`: p^(1-p^)/(M-1), i.e. the sample variance (divisor M-1) over M; unbiased for p(1-p)/M.
 *   A cell with one response has no unbiased estimate and contributes 0, as under `plugin`.
 * For fractional rewards in [0, 1] the same two formulas apply to the cell's variance of responses
 * (divisor M or M-1) in place of p^(1-p^); for binary rewards they coincide with the paper's.
 */
export type NoiseEstimator = 'plugin' | 'unbiased';

export interface DecompositionOptions {
  /** The subset S of example indices; default all examples. */
  readonly examples?: readonly number[];
  /** Default 'plugin' (the paper's estimator). */
  readonly noiseEstimator?: NoiseEstimator;
}

/**
 * The variance decomposition of Eq. 5 (docs/p1-method.md) for a subset S of user prompts:
 * - `total` = Var^ = (1/N) Σ_n (r^_n - mean r^)^2, r^_n = mean over k in S of p^_n^k (divisor N);
 * - `noise` = Var^_resp = (N-1)/N^2 Σ_n (1/K_n^2) Σ_{k in S} v_n^k / M_n^k, with v the per-response
 *   variance estimate of `noiseEstimator` (Eq. 5's (1/K) Σ p(1-p)/(K M) when all M are equal);
 * - `signal` = total - noise, the estimated variance among system prompts (p1 Score(S)); may be negative;
 * - `ratio` = signal / noise (±Infinity when noise is 0 and signal is not, NaN when both are 0).
 * Missing cells: r^_n averages only the K_n observed cells of prompt n in S; a prompt with no observed
 * cell in S is left out (N counts the prompts kept). With fewer than 2 prompts all four are NaN.
 */
export interface VarianceDecomposition {
  readonly total: number;
  readonly noise: number;
  readonly signal: number;
  readonly ratio: number;
  /** mean_n r^_n over the prompts kept. */
  readonly meanReward: number;
  /** r^_n per system prompt (NaN for a prompt left out). */
  readonly promptRewards: readonly number[];
  /** N, the number of prompts kept. */
  readonly prompts: number;
  /** |S|. */
  readonly examples: number;
  /** The mean number of responses over the observed cells in S. */
  readonly meanSamples: number;
  readonly noiseEstimator: NoiseEstimator;
}

/**
 * Per-cell estimate of Var(p^_n^k) = v/M (NaN for an empty cell), the building block of the noise
 * term; v per `NoiseEstimator`.
 */
export function cellNoiseTerms(tensor: RewardTensor, estimator: NoiseEstimator = 'plugin'): Float64Array {
  const out = new Float64Array(tensor.counts.length);
  for (let c = 0; c < out.length; c++) {
    out[c] = noiseTerm(tensor.variances[c] as number, tensor.counts[c] as number, estimator);
  }
  return out;
}

/** v/M for one cell from its plug-in variance (divisor M) and M. */
export function noiseTerm(pluginVariance: number, m: number, estimator: NoiseEstimator): number {
  if (m === 0) return Number.NaN;
  if (estimator === 'plugin' || m === 1) return pluginVariance / m;
  return pluginVariance / (m - 1);
}

/** The decomposition of one subset (docs/p1-method.md, Eq. 5); see `VarianceDecomposition`. */
export function varianceDecomposition(
  tensor: RewardTensor,
  options: DecompositionOptions = {},
): VarianceDecomposition {
  const estimator = options.noiseEstimator ?? 'plugin';
  const subset =
    options.examples === undefined
      ? Array.from({ length: tensor.examples }, (_, k) => k)
      : checkExampleSubset(tensor, options.examples);
  const N = tensor.prompts;
  const K = tensor.examples;
  const rewards = new Float64Array(N);
  const noises = new Float64Array(N);
  const kept = new Uint8Array(N);
  let samples = 0;
  let cells = 0;
  for (let n = 0; n < N; n++) {
    let sumP = 0;
    let sumV = 0;
    let count = 0;
    for (const k of subset) {
      const c = n * K + k;
      const m = tensor.counts[c] as number;
      if (m === 0) continue;
      sumP += tensor.means[c] as number;
      sumV += noiseTerm(tensor.variances[c] as number, m, estimator);
      count++;
      samples += m;
    }
    cells += count;
    if (count > 0) {
      kept[n] = 1;
      rewards[n] = sumP / count;
      noises[n] = sumV / (count * count);
    } else {
      rewards[n] = Number.NaN;
    }
  }
  const parts = decomposeRewards(rewards, noises, kept);
  return {
    ...parts,
    promptRewards: Array.from(rewards),
    examples: subset.length,
    meanSamples: cells === 0 ? Number.NaN : samples / cells,
    noiseEstimator: estimator,
  };
}

/**
 * The Eq. 5 combination from per-prompt rewards r^_n and noise terms Var^(r^_n), over prompts with
 * kept[n] = 1 (all when `kept` is omitted). Shared by the bootstrap.
 */
export function decomposeRewards(
  rewards: ArrayLike<number>,
  noises: ArrayLike<number>,
  kept?: ArrayLike<number>,
  length = rewards.length,
): { total: number; noise: number; signal: number; ratio: number; meanReward: number; prompts: number } {
  let N = 0;
  let sum = 0;
  for (let n = 0; n < length; n++) {
    if (kept !== undefined && kept[n] === 0) continue;
    N++;
    sum += rewards[n] as number;
  }
  const meanReward = N === 0 ? Number.NaN : sum / N;
  if (N < 2) {
    const nan = Number.NaN;
    return { total: nan, noise: nan, signal: nan, ratio: nan, meanReward, prompts: N };
  }
  let ss = 0;
  let noiseSum = 0;
  for (let n = 0; n < length; n++) {
    if (kept !== undefined && kept[n] === 0) continue;
    const d = (rewards[n] as number) - meanReward;
    ss += d * d;
    noiseSum += noises[n] as number;
  }
  const total = ss / N;
  const noise = ((N - 1) / (N * N)) * noiseSum;
  const signal = total - noise;
  return { total, noise, signal, ratio: signalToNoise(signal, noise), meanReward, prompts: N };
}

/** signal / noise with the conventions of `VarianceDecomposition.ratio`. */
export function signalToNoise(signal: number, noise: number): number {
  if (noise > 0) return signal / noise;
  if (signal > 0) return Number.POSITIVE_INFINITY;
  if (signal < 0) return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}
