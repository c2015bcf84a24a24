import { SepoError } from '../errors.js';
import type { Interval } from './bootstrap-decomposition.js';
import { type CurvePoint, curveOverExamples, type ExamplesCurveOptions } from './curves.js';
import { type RatioTrend, type RatioTrendResult, ratioTrend } from './ratio-trend.js';
import type { RewardTensor } from './reward-tensor.js';
import { type VarianceDecomposition, varianceDecomposition } from './variance-decomposition.js';

/**
 * A diagnosis of a task for prompt optimization from the Eq. 5 decomposition, by the paper's criterion
 * (p1 §3.3): at fixed M, the signal/noise ratio stays constant as K grows on homogeneous data (IFBench,
 * where filtering hurt) and falls on heterogeneous data (AIME, where filtering helped). The signal
 * itself falls with K on both, so its fall alone does not tell them apart.
 * - `heterogeneous`: the ratio falls from K = 1 to all examples: the upper end of the bootstrap
 *   interval of ratio(K)/ratio(1) is below 1 (`ratioTrend`). Different examples favour different
 *   prompts and their preferences cancel; filtering training prompts (p1) is recommended.
 * - `noise-dominated`: the ratio does not fall detectably, and on all examples it is below `minRatio`;
 *   more responses per cell are needed (noise ∝ 1/(K M)).
 * - `learnable`: the ratio does not fall detectably and is at least `minRatio`; use all the data.
 */
export type LearnabilityVerdict = 'learnable' | 'heterogeneous' | 'noise-dominated';

export interface LearnabilityOptions {
  /**
   * The ratio below which the data are noise-dominated. Default 1: the true spread among system prompts
   * is smaller than the sampling noise in their measured rewards.
   */
  readonly minRatio?: number;
  /** The ratio `samplesNeeded` aims for. Default 2 (two thirds of the observed variance is signal). */
  readonly targetRatio?: number;
}

export interface LearnabilityAssessment {
  readonly verdict: LearnabilityVerdict;
  /** Plain words: what the numbers say and what to do. */
  readonly explanation: string;
  /** Decomposition on all examples. */
  readonly signal: number;
  readonly noise: number;
  readonly ratio: number;
  /** Mean responses per cell. */
  readonly samplesPerCell: number;
  /** The smallest and largest subset sizes of the K-curve and their mean signal. */
  readonly smallK: number;
  readonly signalAtSmallK: number;
  readonly fullK: number;
  readonly signalAtFullK: number;
  /** Standard error of signalAtSmallK across the curve's draws. */
  readonly signalAtSmallKStandardError: number;
  /**
   * 1 - signalAtFullK / signalAtSmallK (NaN when signalAtSmallK <= 0 or the curve has one size).
   * Extra information only: the signal falls with K on homogeneous and heterogeneous data alike.
   */
  readonly signalDrop: number;
  /** signal/noise at K = 1 (averaged over the examples) and on all examples, at the tensor's M. */
  readonly ratioAtSmallK: number;
  readonly ratioAtFullK: number;
  /** ratioAtFullK / ratioAtSmallK, with its bootstrap interval (`ratioTrend`). */
  readonly ratioChange: number;
  readonly ratioChangeInterval: Interval;
  /** The decision: `falling` makes the data heterogeneous. */
  readonly ratioTrend: RatioTrend;
  /** Confidence level of `ratioChangeInterval`. */
  readonly trendLevel: number;
  /**
   * signalAtSmallK / noise: the ratio of a smallK-example subset at the same response budget K·M
   * (M scaled up by K/smallK, as p1 does), since noise ∝ 1/(K M).
   */
  readonly subsetRatioAtSameBudget: number;
  /**
   * Responses per cell needed for `targetRatio` on all examples: ceil(M · targetRatio / ratio), from
   * noise ∝ 1/M at fixed K. Null when the estimated signal is not positive (no M would do).
   */
  readonly samplesNeeded: number | null;
  readonly kCurve: readonly CurvePoint[];
  readonly minRatio: number;
  readonly targetRatio: number;
}

/**
 * The verdict from a decomposition on all examples, a K-curve (`curveOverExamples`, for the signal
 * figures) and the ratio's trend over K (`ratioTrend`, which decides heterogeneity).
 */
export function assessLearnability(
  decomposition: VarianceDecomposition,
  kCurve: readonly CurvePoint[],
  trend: RatioTrendResult,
  options: LearnabilityOptions = {},
): LearnabilityAssessment {
  const minRatio = options.minRatio ?? 1;
  const targetRatio = options.targetRatio ?? 2;
  if (!(minRatio > 0) || !(targetRatio > 0)) throw new RangeError('minRatio and targetRatio must be > 0');
  const points = kCurve.filter((p) => !Number.isNaN(p.signal)).sort((a, b) => a.size - b.size);
  const small = points[0];
  const full = points[points.length - 1];
  const smallK = small?.size ?? Number.NaN;
  const fullK = full?.size ?? Number.NaN;
  const signalAtSmallK = small?.signal ?? Number.NaN;
  const signalAtFullK = full?.signal ?? Number.NaN;
  const signalDrop =
    points.length >= 2 && signalAtSmallK > 0 ? 1 - signalAtFullK / signalAtSmallK : Number.NaN;
  const smallSe =
    small === undefined || small.draws < 2 ? Number.NaN : small.signalSd / Math.sqrt(small.draws);
  const { signal, noise, ratio } = decomposition;
  const M = decomposition.meanSamples;
  const samplesNeeded =
    signal > 0 && noise > 0 ? Math.ceil((M * targetRatio) / ratio - 1e-9) : signal > 0 ? 1 : null;
  const subsetRatioAtSameBudget = noise > 0 ? signalAtSmallK / noise : Number.NaN;

  let verdict: LearnabilityVerdict;
  if (trend.trend === 'falling') verdict = 'heterogeneous';
  else if (!(ratio >= minRatio)) verdict = 'noise-dominated';
  else verdict = 'learnable';

  const f = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
  const numbers = `signal/noise = ${f(ratio)} on ${decomposition.examples} examples with M ≈ ${f(M)} responses per cell (signal ${f(signal)}, noise ${f(noise)})`;
  const need =
    samplesNeeded === null
      ? 'no positive signal was detected, so no number of responses per cell is predicted to help'
      : `reaching ratio ${f(targetRatio)} needs about M = ${samplesNeeded} responses per cell (noise shrinks as 1/(K·M))`;
  const pct = `${Math.round(100 * trend.level)}%`;
  const ratioMove =
    `signal/noise at M ≈ ${f(M)} goes from ${f(trend.ratioAtSmallK)} at K = 1 to ${f(trend.ratioAtFullK)} at ` +
    `K = ${trend.fullK} (×${f(trend.change)}, ${pct} CI ×${f(trend.interval.low)} to ×${f(trend.interval.high)})`;
  const signalMove = Number.isNaN(signalDrop)
    ? ''
    : ` The signal itself falls ${f(100 * signalDrop)}% from K = ${smallK} to K = ${fullK}` +
      (trend.trend === 'falling'
        ? ', faster than the noise (which falls as 1/K).'
        : ', no faster than the noise (which falls as 1/K): preferences that differ by example but do not ' +
          'cancel more than independent ones would; the paper counts a constant ratio as homogeneous (IFBench).');
  let explanation: string;
  if (verdict === 'heterogeneous') {
    explanation =
      `Heterogeneous: the ${ratioMove}, so different examples favour different prompts and their preferences ` +
      `cancel (p1 §3.3: a falling ratio at fixed M, as on AIME).${signalMove} ${numbers}. Filtering training ` +
      `prompts (p1) is recommended: at the same response budget a ${smallK}-example subset has ratio about ` +
      `${f(subsetRatioAtSameBudget)}.`;
  } else if (verdict === 'noise-dominated') {
    explanation =
      `Noise-dominated: ${numbers}, below the threshold ${f(minRatio)}; differences between system prompts are ` +
      `hidden by sampling noise. The ${ratioMove}: it does not fall detectably, so filtering will not help; ${need}.`;
  } else {
    explanation =
      `Learnable: ${numbers}, at least ${f(minRatio)}, and the ${ratioMove}: it does not fall detectably as K ` +
      `grows (${trend.trend}).${signalMove} Use all the data; filtering is not recommended (it hurt homogeneous ` +
      `data in the paper).`;
  }
  return {
    verdict,
    explanation,
    signal,
    noise,
    ratio,
    samplesPerCell: M,
    smallK,
    signalAtSmallK,
    signalAtSmallKStandardError: smallSe,
    fullK,
    signalAtFullK,
    signalDrop,
    ratioAtSmallK: trend.ratioAtSmallK,
    ratioAtFullK: trend.ratioAtFullK,
    ratioChange: trend.change,
    ratioChangeInterval: trend.interval,
    ratioTrend: trend.trend,
    trendLevel: trend.level,
    subsetRatioAtSameBudget,
    samplesNeeded,
    kCurve: points,
    minRatio,
    targetRatio,
  };
}

/** Why a tensor with one response per cell gets no verdict (the start of the error message). */
export const NOISE_NEEDS_TWO =
  'the response noise cannot be estimated from one response per (system prompt, example) cell, so there is no signal/noise ratio and no verdict';

/**
 * Refuses a tensor in which no cell holds two responses: its noise term is 0 by construction (one
 * response has no spread), which would make the ratio infinite and any verdict meaningless.
 */
export function requireNoiseEstimable(tensor: RewardTensor): void {
  if (tensor.maxSamples >= 2) return;
  throw new SepoError(`${NOISE_NEEDS_TWO}; collect M >= 2 responses per cell (e.g. sepo diagnose --m 8)`);
}

export interface TensorLearnabilityOptions extends LearnabilityOptions, ExamplesCurveOptions {
  /** Bootstrap replicates of the ratio's trend (default 1000). */
  readonly resamples?: number;
  /** Confidence level of the trend's interval (default 0.95). */
  readonly level?: number;
}

/**
 * Decomposes the whole tensor and its K-curve, then `assessLearnability`; a tensor with one response
 * per cell is refused (`requireNoiseEstimable`). Uses the unbiased noise
 * estimator unless told otherwise (a diagnosis wants unbiased signal estimates; the paper's plug-in
 * estimator overstates the signal by the underestimated noise).
 */
export function assessTensorLearnability(
  tensor: RewardTensor,
  options: TensorLearnabilityOptions = {},
): LearnabilityAssessment {
  requireNoiseEstimable(tensor);
  const noiseEstimator = options.noiseEstimator ?? 'unbiased';
  const decomposition = varianceDecomposition(tensor, { noiseEstimator });
  const kCurve = curveOverExamples(tensor, { ...options, noiseEstimator });
  const trend = ratioTrend(tensor, {
    noiseEstimator,
    ...(options.rng === undefined ? { seed: options.seed ?? 0 } : { rng: options.rng }),
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    ...(options.level === undefined ? {} : { level: options.level }),
  });
  return assessLearnability(decomposition, kCurve, trend, options);
}
