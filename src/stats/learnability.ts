import { type CurvePoint, curveOverExamples, type ExamplesCurveOptions } from './curves.js';
import type { RewardTensor } from './reward-tensor.js';
import { type VarianceDecomposition, varianceDecomposition } from './variance-decomposition.js';

/**
 * A diagnosis of a task for prompt optimization from the Eq. 5 decomposition (p1.md "Consequences" and
 * "Paper results"):
 * - `heterogeneous`: the signal (variance among system prompts) is detectable on small subsets and falls
 *   markedly as K grows, because different examples favour different prompts; filtering training
 *   prompts (p1) is recommended.
 * - `noise-dominated`: no marked fall, but the signal/noise ratio on all examples is below `minRatio`;
 *   more responses per cell are needed (noise ∝ 1/(K M)).
 * - `learnable`: no marked fall and the ratio is at least `minRatio`; use all the data (filtering
 *   hurt homogeneous data in the paper).
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
  /**
   * The fractional fall of the signal from the smallest to the largest K of the curve that counts as
   * marked: 1 - signal(K_max)/signal(K_min) >= this. Default 0.5.
   */
  readonly signalDropThreshold?: number;
  /**
   * A fall only counts when the small-K signal is detectable: signalAtSmallK > minSignalZ standard
   * errors (signalSd / √draws of that curve point). Default 2. Guards against calling noise
   * heterogeneity.
   */
  readonly minSignalZ?: number;
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
  /** 1 - signalAtFullK / signalAtSmallK (NaN when signalAtSmallK <= 0 or the curve has one size). */
  readonly signalDrop: number;
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
  readonly signalDropThreshold: number;
  readonly minSignalZ: number;
}

/** The verdict from a decomposition on all examples and a K-curve (`curveOverExamples`). */
export function assessLearnability(
  decomposition: VarianceDecomposition,
  kCurve: readonly CurvePoint[],
  options: LearnabilityOptions = {},
): LearnabilityAssessment {
  const minRatio = options.minRatio ?? 1;
  const targetRatio = options.targetRatio ?? 2;
  const signalDropThreshold = options.signalDropThreshold ?? 0.5;
  const minSignalZ = options.minSignalZ ?? 2;
  if (!(minRatio > 0) || !(targetRatio > 0)) throw new RangeError('minRatio and targetRatio must be > 0');
  if (!(signalDropThreshold > 0 && signalDropThreshold < 1)) {
    throw new RangeError(`signalDropThreshold must be in (0, 1), got ${signalDropThreshold}`);
  }
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
  const detectable = signalAtSmallK > minSignalZ * (Number.isNaN(smallSe) ? 0 : smallSe);
  const { signal, noise, ratio } = decomposition;
  const M = decomposition.meanSamples;
  const samplesNeeded =
    signal > 0 && noise > 0 ? Math.ceil((M * targetRatio) / ratio - 1e-9) : signal > 0 ? 1 : null;
  const subsetRatioAtSameBudget = noise > 0 ? signalAtSmallK / noise : Number.NaN;

  let verdict: LearnabilityVerdict;
  if (detectable && signalDrop >= signalDropThreshold) verdict = 'heterogeneous';
  else if (!(ratio >= minRatio)) verdict = 'noise-dominated';
  else verdict = 'learnable';

  const f = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
  const numbers = `signal/noise = ${f(ratio)} on ${decomposition.examples} examples with M ≈ ${f(M)} responses per cell (signal ${f(signal)}, noise ${f(noise)})`;
  const need =
    samplesNeeded === null
      ? 'no positive signal was detected, so no number of responses per cell is predicted to help'
      : `reaching ratio ${f(targetRatio)} needs about M = ${samplesNeeded} responses per cell (noise shrinks as 1/(K·M))`;
  let explanation: string;
  if (verdict === 'heterogeneous') {
    explanation =
      `Heterogeneous: the variance among system prompts falls from ${f(signalAtSmallK)} with ${smallK} example(s) ` +
      `to ${f(signalAtFullK)} with ${fullK} (a ${f(100 * signalDrop)}% drop), so different examples favour different ` +
      `prompts and their preferences cancel. ${numbers}. Filtering training prompts (p1) is recommended: at the same ` +
      `response budget a ${smallK}-example subset has ratio about ${f(subsetRatioAtSameBudget)}.`;
  } else if (verdict === 'noise-dominated') {
    explanation =
      `Noise-dominated: ${numbers}, below the threshold ${f(minRatio)}; differences between system prompts are ` +
      `hidden by sampling noise. The signal does not fall markedly with K, so filtering will not help; ${need}.`;
  } else {
    explanation =
      `Learnable: ${numbers}, at least ${f(minRatio)}, and the signal does not fall markedly as K grows ` +
      `(${f(signalAtSmallK)} at K = ${smallK}, ${f(signalAtFullK)} at K = ${fullK}). Use all the data; filtering ` +
      `is not recommended.`;
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
    subsetRatioAtSameBudget,
    samplesNeeded,
    kCurve: points,
    minRatio,
    targetRatio,
    signalDropThreshold,
    minSignalZ,
  };
}

export interface TensorLearnabilityOptions extends LearnabilityOptions, ExamplesCurveOptions {}

/**
 * Decomposes the whole tensor and its K-curve, then `assessLearnability`. Uses the unbiased noise
 * estimator unless told otherwise (a diagnosis wants unbiased signal estimates; the paper's plug-in
 * estimator overstates the signal by the underestimated noise).
 */
export function assessTensorLearnability(
  tensor: RewardTensor,
  options: TensorLearnabilityOptions = {},
): LearnabilityAssessment {
  const noiseEstimator = options.noiseEstimator ?? 'unbiased';
  const decomposition = varianceDecomposition(tensor, { noiseEstimator });
  const kCurve = curveOverExamples(tensor, { ...options, noiseEstimator });
  return assessLearnability(decomposition, kCurve, options);
}
