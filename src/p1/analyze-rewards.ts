import { SepoError } from '../errors.js';
import { bootstrapDecomposition, type Interval } from '../stats/bootstrap-decomposition.js';
import { type CurvePoint, curveOverSamples } from '../stats/curves.js';
import {
  assessTensorLearnability,
  type LearnabilityVerdict,
  requireNoiseEstimable,
} from '../stats/learnability.js';
import type { RatioTrend } from '../stats/ratio-trend.js';
import type { RewardTensor } from '../stats/reward-tensor.js';
import { searchSubsets } from '../stats/subset-search.js';
import { type NoiseEstimator, varianceDecomposition } from '../stats/variance-decomposition.js';
import type { P1Settings } from './p1-settings.js';
import type { SubsetReport } from './subset-report.js';
import { describeVerdict, type P1Verdict } from './verdict.js';

export interface AnalyzeRewardsOptions {
  /** K_top, the size of the training subsets searched (default 2, the paper's). */
  readonly subsetSize?: number;
  /** How many of the best subsets to report (default 2: the paper reports two, the estimate being noisy). */
  readonly topSubsets?: number;
  /**
   * The noise estimator of the subset Score(S) that ranks training subsets. Default 'plugin'
   * (p^(1-p^)/M), the paper's exact Score; 'unbiased' (p^(1-p^)/(M-1)) on request. The decomposition,
   * curves and verdict always use the unbiased estimator (`DIAGNOSIS_NOISE_ESTIMATOR`).
   */
  readonly noiseEstimator?: NoiseEstimator;
  /** The signal/noise ratio the sample-size recommendation aims for (default 2). */
  readonly targetRatio?: number;
  /** Below this ratio the data are noise-dominated (default 1). */
  readonly minRatio?: number;
  /** Bootstrap replicates for the intervals (default 1000). */
  readonly resamples?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Seed of the bootstrap and curve subsampling (default 0). */
  readonly seed?: number;
  /** Random subsets per size on the K-curve (default 100). */
  readonly curveDraws?: number;
}

/**
 * The estimator of the decomposition, the curves and the verdict: a diagnosis wants unbiased signal
 * estimates (the plug-in one adds noise/(M-1) to the signal, so zero signal reads as ratio 1/(M-1)).
 */
export const DIAGNOSIS_NOISE_ESTIMATOR: NoiseEstimator = 'unbiased';

// Defined apart so verdict.ts can use them without importing this module back.
export type { P1Settings } from './p1-settings.js';
export type { SubsetReport } from './subset-report.js';

/** The p1 diagnosis of a reward tensor: plain data, JSON-serialisable (NaN/Infinity become null). */
export interface P1Analysis {
  readonly shape: {
    readonly prompts: number;
    readonly examples: number;
    readonly minSamples: number;
    readonly maxSamples: number;
    readonly meanSamples: number;
    readonly binary: boolean;
    readonly complete: boolean;
  };
  readonly exampleIds: readonly string[];
  readonly settings: P1Settings;
  /** Eq. 5 on all examples. */
  readonly decomposition: {
    readonly total: number;
    readonly noise: number;
    readonly signal: number;
    readonly ratio: number;
    readonly meanReward: number;
    /** r^_n per system prompt. */
    readonly promptRewards: readonly number[];
  };
  /** Percentile bootstrap intervals (prompts and responses resampled). */
  readonly intervals: {
    readonly level: number;
    readonly resamples: number;
    readonly total: Interval;
    readonly noise: Interval;
    readonly signal: Interval;
    readonly ratio: Interval;
  };
  /** Signal, noise and ratio over random subsets of K examples, at the tensor's M. */
  readonly kCurve: readonly CurvePoint[];
  /** The same on all examples after keeping M responses per cell. */
  readonly mCurve: readonly CurvePoint[];
  readonly learnability: {
    readonly verdict: LearnabilityVerdict;
    readonly explanation: string;
    readonly smallK: number;
    readonly signalAtSmallK: number;
    readonly signalAtSmallKStandardError: number;
    readonly fullK: number;
    readonly signalAtFullK: number;
    readonly signalDrop: number;
    readonly subsetRatioAtSameBudget: number;
    /** signal/noise at K = 1 (mean over examples) and on all examples, at the tensor's M. */
    readonly ratioAtSmallK: number;
    readonly ratioAtFullK: number;
    /** ratioAtFullK / ratioAtSmallK and its bootstrap interval: `falling` (high < 1) is heterogeneous. */
    readonly ratioChange: number;
    readonly ratioChangeInterval: Interval;
    readonly ratioTrend: RatioTrend;
  };
  readonly verdict: P1Verdict;
  readonly subsets: {
    readonly method: 'exhaustive' | 'greedy' | 'beam';
    readonly size: number;
    readonly evaluated: number;
    readonly candidates: number;
    readonly top: readonly SubsetReport[];
  };
  /** Where the M needed for `targetRatio` lies, on all examples and on the best subset. */
  readonly samplesForTarget: {
    readonly targetRatio: number;
    readonly currentSamples: number;
    readonly allExamples: number | null;
    readonly topSubset: number | null;
  };
}

/** ceil(M · target / ratio): noise ∝ 1/M at fixed K. Null when the signal is not positive. */
export function samplesForRatio(
  signal: number,
  noise: number,
  samples: number,
  target: number,
): number | null {
  if (!(signal > 0)) return null;
  if (!(noise > 0)) return Math.max(1, Math.round(samples));
  return Math.max(1, Math.ceil((samples * target * noise) / signal - 1e-9));
}

export function resolveSettings(tensor: RewardTensor, options: AnalyzeRewardsOptions): P1Settings {
  if (tensor.prompts < 2)
    throw new SepoError(`p1 needs at least 2 system prompts, the tensor has ${tensor.prompts}`);
  requireNoiseEstimable(tensor);
  const subsetSize = options.subsetSize ?? 2;
  if (!(Number.isInteger(subsetSize) && subsetSize >= 1)) {
    throw new SepoError(`the subset size K_top must be an integer >= 1, got ${subsetSize}`);
  }
  if (subsetSize > tensor.examples) {
    throw new SepoError(
      `the subset size K_top = ${subsetSize} exceeds the ${tensor.examples} examples of the tensor`,
    );
  }
  return {
    subsetSize,
    topSubsets: options.topSubsets ?? 2,
    noiseEstimator: options.noiseEstimator ?? 'plugin',
    targetRatio: options.targetRatio ?? 2,
    minRatio: options.minRatio ?? 1,
    resamples: options.resamples ?? 1000,
    level: options.level ?? 0.95,
    seed: options.seed ?? 0,
  };
}

/**
 * The p1 analysis of a reward tensor [system prompt][example][sample]: the Eq. 5 decomposition with
 * bootstrap intervals, the K- and M-curves, the learnability verdict in plain words, the best training
 * subsets of size K_top, and the M needed for a target ratio. Pure and seeded.
 */
export function analyzeRewards(tensor: RewardTensor, options: AnalyzeRewardsOptions = {}): P1Analysis {
  const settings = resolveSettings(tensor, options);
  const { noiseEstimator, seed, level, resamples } = settings;
  const diagnosisEstimator = DIAGNOSIS_NOISE_ESTIMATOR;
  const d = varianceDecomposition(tensor, { noiseEstimator: diagnosisEstimator });
  const boot = bootstrapDecomposition(tensor, { noiseEstimator: diagnosisEstimator, seed, level, resamples });
  const learn = assessTensorLearnability(tensor, {
    noiseEstimator: diagnosisEstimator,
    seed,
    resamples,
    level,
    minRatio: settings.minRatio,
    targetRatio: settings.targetRatio,
    ...(options.curveDraws === undefined ? {} : { draws: options.curveDraws }),
  });
  const mCurve = curveOverSamples(tensor, { noiseEstimator: diagnosisEstimator, seed });
  const search = searchSubsets(tensor, settings.subsetSize, { top: settings.topSubsets, noiseEstimator });
  const top = search.subsets.map((s): SubsetReport => {
    const b = bootstrapDecomposition(tensor, {
      examples: s.examples,
      noiseEstimator,
      seed,
      level,
      resamples,
    });
    return {
      ids: s.ids,
      examples: s.examples,
      score: s.score,
      total: s.total,
      noise: s.noise,
      ratio: s.ratio,
      scoreInterval: b.signal,
      samplesNeeded: samplesForRatio(s.score, s.noise, b.estimate.meanSamples, settings.targetRatio),
    };
  });
  const allExamples = samplesForRatio(d.signal, d.noise, d.meanSamples, settings.targetRatio);
  const learnability = {
    verdict: learn.verdict,
    explanation: learn.explanation,
    smallK: learn.smallK,
    signalAtSmallK: learn.signalAtSmallK,
    signalAtSmallKStandardError: learn.signalAtSmallKStandardError,
    fullK: learn.fullK,
    signalAtFullK: learn.signalAtFullK,
    signalDrop: learn.signalDrop,
    subsetRatioAtSameBudget: learn.subsetRatioAtSameBudget,
    ratioAtSmallK: learn.ratioAtSmallK,
    ratioAtFullK: learn.ratioAtFullK,
    ratioChange: learn.ratioChange,
    ratioChangeInterval: learn.ratioChangeInterval,
    ratioTrend: learn.ratioTrend,
  };
  const decomposition = {
    total: d.total,
    noise: d.noise,
    signal: d.signal,
    ratio: d.ratio,
    meanReward: d.meanReward,
    promptRewards: d.promptRewards,
  };
  const samplesForTarget = {
    targetRatio: settings.targetRatio,
    currentSamples: d.meanSamples,
    allExamples,
    topSubset: top[0]?.samplesNeeded ?? null,
  };
  return {
    shape: {
      prompts: tensor.prompts,
      examples: tensor.examples,
      minSamples: tensor.minSamples,
      maxSamples: tensor.maxSamples,
      meanSamples: d.meanSamples,
      binary: tensor.binary,
      complete: tensor.complete,
    },
    exampleIds: tensor.exampleIds,
    settings,
    decomposition,
    intervals: {
      level: boot.level,
      resamples: boot.resamples,
      total: boot.total,
      noise: boot.noise,
      signal: boot.signal,
      ratio: boot.ratio,
    },
    kCurve: learn.kCurve,
    mCurve,
    learnability,
    verdict: describeVerdict({ decomposition, learnability, settings, top: top[0], samplesForTarget }),
    subsets: {
      method: search.method,
      size: search.size,
      evaluated: search.evaluated,
      candidates: search.candidates,
      top,
    },
    samplesForTarget,
  };
}
