import type { RewardTensor } from './reward-tensor.js';
import {
  beamSubset,
  DEFAULT_BEAM_WIDTH,
  exhaustiveTopSubsets,
  greedySubset,
  type SubsetSearchOptions,
} from './subset-search.js';

export interface SearchAgreementOptions extends SubsetSearchOptions {
  readonly beamWidth?: number;
  /** A heuristic "finds the best" when its score >= best - tolerance·max(1, |best|); default 1e-12. */
  readonly tolerance?: number;
}

/** How often greedy and beam search find the exhaustive best subset, over a set of instances. */
export interface SearchAgreement {
  readonly instances: number;
  readonly size: number;
  readonly beamWidth: number;
  /** Fraction of instances where greedy's subset scores as high as the exhaustive best. */
  readonly greedyAgreement: number;
  readonly beamAgreement: number;
  /** Mean of (best score - found score) over instances (0 when always optimal). */
  readonly greedyMeanRegret: number;
  readonly beamMeanRegret: number;
}

/** Runs exhaustive, greedy and beam search of subsets of `size` on every tensor and compares. */
export function searchAgreement(
  tensors: readonly RewardTensor[],
  size: number,
  options: SearchAgreementOptions = {},
): SearchAgreement {
  if (tensors.length === 0) throw new RangeError('searchAgreement needs at least one tensor');
  const beamWidth = options.beamWidth ?? DEFAULT_BEAM_WIDTH;
  const tolerance = options.tolerance ?? 1e-12;
  const search = { noiseEstimator: options.noiseEstimator };
  let greedyHits = 0;
  let beamHits = 0;
  let greedyRegret = 0;
  let beamRegret = 0;
  for (const tensor of tensors) {
    const best = exhaustiveTopSubsets(tensor, size, 1, search).subsets[0]?.score ?? Number.NaN;
    const greedy = greedySubset(tensor, size, search).subsets[0]?.score ?? Number.NaN;
    const beam =
      beamSubset(tensor, size, { ...search, width: beamWidth, top: 1 }).subsets[0]?.score ?? Number.NaN;
    const slack = tolerance * Math.max(1, Math.abs(best));
    if (greedy >= best - slack) greedyHits++;
    if (beam >= best - slack) beamHits++;
    greedyRegret += Math.max(0, best - greedy);
    beamRegret += Math.max(0, best - beam);
  }
  const count = tensors.length;
  return {
    instances: count,
    size,
    beamWidth,
    greedyAgreement: greedyHits / count,
    beamAgreement: beamHits / count,
    greedyMeanRegret: greedyRegret / count,
    beamMeanRegret: beamRegret / count,
  };
}
