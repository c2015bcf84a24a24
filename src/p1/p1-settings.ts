import type { NoiseEstimator } from '../stats/variance-decomposition.js';

/** The resolved settings of a p1 analysis (`AnalyzeRewardsOptions` with every default applied). */
export interface P1Settings {
  readonly subsetSize: number;
  readonly topSubsets: number;
  /** The estimator of the subset Score that ranks subsets (default plugin, the paper's). */
  readonly noiseEstimator: NoiseEstimator;
  readonly targetRatio: number;
  readonly minRatio: number;
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
}
