// Public API of sepo's pure statistics: reward tensors, the p1 variance decomposition and subset
// search, curves and learnability diagnosis, and general-purpose intervals and paired tests.
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
export { normalCdf, normalCritical, normalQuantile } from './normal-distribution.js';
export { percentileInterval, percentileSorted } from './percentile.js';
export type { RandomSource } from './random-source.js';
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
  cellNoiseTerms,
  type DecompositionOptions,
  type NoiseEstimator,
  signalToNoise,
  type VarianceDecomposition,
  varianceDecomposition,
} from './variance-decomposition.js';
