// Public API of sepo's pure statistics: reward tensors, the p1 variance decomposition and subset
// search, curves and learnability diagnosis, general-purpose intervals, and the paired tests matched to
// sepo's designs (exact McNemar, sign-flip permutation, t over seeds, two-level bootstrap, Holm).

export { binomialLogLowerTail, binomialLogPmf } from './binomial-distribution.js';
export {
  type BootstrapDecompositionOptions,
  bootstrapDecomposition,
  type DecompositionIntervals,
  type Interval,
} from './bootstrap-decomposition.js';
export {
  type CurvePoint,
  curveOverExamples,
  curveOverSamples,
  type ExamplesCurveOptions,
  powersOfTwoUpTo,
  type SamplesCurveOptions,
} from './curves.js';
export {
  type DifferenceOverSeeds,
  differenceOverSeeds,
  FEWER_THAN_THREE_SEEDS,
} from './difference-over-seeds.js';
export { holmAdjust } from './holm-adjust.js';
export {
  type IntervalEstimate,
  meanInterval,
  type PairedBootstrap,
  type PairedBootstrapOptions,
  type PairedDifference,
  pairedBootstrap,
  pairedDifference,
  proportionOrMeanInterval,
  type ScoreInterval,
  wilsonInterval,
} from './intervals.js';
export {
  assessLearnability,
  assessTensorLearnability,
  type LearnabilityAssessment,
  type LearnabilityOptions,
  type LearnabilityVerdict,
  type TensorLearnabilityOptions,
} from './learnability.js';
export { type McNemarResult, mcnemarExact } from './mcnemar-exact.js';
export { newcombePairedInterval, type PairedCounts } from './newcombe-paired-interval.js';
export { normalCdf, normalCritical, normalQuantile } from './normal-distribution.js';
export {
  EXACT_PERMUTATION_LIMIT,
  type PairedPermutationOptions,
  type PairedPermutationResult,
  pairedPermutationTest,
} from './paired-permutation-test.js';
export { type PairedScoresTest, pairedTestForScores } from './paired-test-for-scores.js';
export { percentileInterval, percentileSorted } from './percentile.js';
export type { RandomSource } from './random-source.js';
export {
  type RatioTrend,
  type RatioTrendOptions,
  type RatioTrendResult,
  ratioTrend,
} from './ratio-trend.js';
export {
  cellIndex,
  cellSamples,
  createRewardTensor,
  type RewardTensor,
  RewardTensorError,
  type RewardTensorOptions,
  rewardTensorToArrays,
  selectExamples,
  subsampleResponses,
} from './reward-tensor.js';
export { type SearchAgreement, type SearchAgreementOptions, searchAgreement } from './search-agreement.js';
export {
  expectedDecomposition,
  type SimulatedRewards,
  type SimulationOptions,
  sampleRewardTensor,
  simulateRewardTensor,
} from './simulate-reward-tensor.js';
export { logGamma, regularizedGammaQ, regularizedIncompleteBeta } from './special-functions.js';
export { studentTCdf, studentTCritical, studentTPdf, studentTQuantile } from './student-t.js';
export {
  type BeamOptions,
  beamSubset,
  binomialCoefficient,
  DEFAULT_BEAM_WIDTH,
  DEFAULT_EXHAUSTIVE_LIMIT,
  exhaustiveTopSubsets,
  greedySubset,
  type SearchSubsetsOptions,
  type SubsetScore,
  type SubsetSearchOptions,
  type SubsetSearchResult,
  scoreSubset,
  searchSubsets,
} from './subset-search.js';
export {
  type TwoLevelBootstrap,
  type TwoLevelBootstrapOptions,
  twoLevelBootstrap,
} from './two-level-bootstrap.js';
export {
  cellNoiseTerms,
  type DecompositionOptions,
  type NoiseEstimator,
  signalToNoise,
  type VarianceDecomposition,
  varianceDecomposition,
} from './variance-decomposition.js';
