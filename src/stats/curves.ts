import type { Rng } from '../util/rng.js';
import { type RandomSource, randomSource } from './random-source.js';
import { checkExampleSubset, type RewardTensor, subsampleResponses } from './reward-tensor.js';
import { binomialCoefficient } from './subset-search.js';
import {
  type NoiseEstimator,
  signalToNoise,
  type VarianceDecomposition,
  varianceDecomposition,
} from './variance-decomposition.js';

/**
 * Signal, noise and ratio of the Eq. 5 decomposition as a function of the number of user prompts K or
 * of responses per cell M (docs/p1-method.md "Consequences": noise ∝ 1/(K M); on heterogeneous data
 * the signal falls as K grows). Plain data for report plots.
 */
export interface CurvePoint {
  /** K (examples per subset) or M (responses per cell), per the curve. */
  readonly size: number;
  /** Subsets or subsamples averaged (draws with a NaN decomposition are skipped). */
  readonly draws: number;
  /** Means over draws. */
  readonly total: number;
  readonly noise: number;
  readonly signal: number;
  /** mean signal / mean noise (a ratio of means: stable where per-draw ratios are not). */
  readonly ratio: number;
  /** Standard deviation of the signal estimate across draws (0 with one draw). */
  readonly signalSd: number;
}

export interface ExamplesCurveOptions extends RandomSource {
  /** Subset sizes; default 1, 2, 4, ... below K, and K. */
  readonly sizes?: readonly number[];
  /** R, subsets per size; when C(K, size) <= R every subset is used once instead. Default 100. */
  readonly draws?: number;
  readonly noiseEstimator?: NoiseEstimator;
}

/** Decomposition averaged over random subsets of each size (uniform without replacement, seeded). */
export function curveOverExamples(tensor: RewardTensor, options: ExamplesCurveOptions = {}): CurvePoint[] {
  const K = tensor.examples;
  const sizes = options.sizes ?? powersOfTwoUpTo(K);
  const draws = checkDraws(options.draws ?? 100);
  const rng = randomSource(options);
  const noiseEstimator = options.noiseEstimator;
  return sizes.map((size) => {
    if (!(Number.isInteger(size) && size >= 1 && size <= K)) {
      throw new RangeError(`curve size must be an integer in [1, ${K}], got ${size}`);
    }
    const subsets =
      binomialCoefficient(K, size) <= draws
        ? allSubsets(K, size)
        : Array.from({ length: draws }, () => randomSubset(K, size, rng));
    const results = subsets.map((examples) => varianceDecomposition(tensor, { examples, noiseEstimator }));
    return summarize(size, results);
  });
}

export interface SamplesCurveOptions extends RandomSource {
  /**
   * Responses per cell; default 2, 4, 8, ... below the smallest cell M, and that M. (With one response
   * a cell has no variance estimate, so its noise term is 0: M = 1 points understate the noise.)
   */
  readonly sizes?: readonly number[];
  /** Subsamples per size; default 20. */
  readonly draws?: number;
  /** The subset of examples; default all. */
  readonly examples?: readonly number[];
  readonly noiseEstimator?: NoiseEstimator;
}

/**
 * Decomposition after keeping `size` responses per cell (without replacement; a cell with fewer keeps
 * all), averaged over draws.
 */
export function curveOverSamples(tensor: RewardTensor, options: SamplesCurveOptions = {}): CurvePoint[] {
  const minM = Math.max(1, tensor.minSamples);
  const sizes = options.sizes ?? (minM < 2 ? [minM] : powersOfTwoUpTo(minM).filter((m) => m >= 2));
  const draws = checkDraws(options.draws ?? 20);
  const rng = randomSource(options);
  const examples = options.examples === undefined ? undefined : checkExampleSubset(tensor, options.examples);
  return sizes.map((size) => {
    if (!(Number.isInteger(size) && size >= 1)) {
      throw new RangeError(`responses per cell must be an integer >= 1, got ${size}`);
    }
    const results: VarianceDecomposition[] = [];
    for (let d = 0; d < draws; d++) {
      const sub = subsampleResponses(tensor, size, rng);
      results.push(varianceDecomposition(sub, { examples, noiseEstimator: options.noiseEstimator }));
    }
    return summarize(size, results);
  });
}

function checkDraws(draws: number): number {
  if (!(Number.isInteger(draws) && draws >= 1))
    throw new RangeError(`draws must be an integer >= 1, got ${draws}`);
  return draws;
}

/** 1, 2, 4, ... below n, then n. */
export function powersOfTwoUpTo(n: number): number[] {
  const out: number[] = [];
  for (let s = 1; s < n; s *= 2) out.push(s);
  out.push(n);
  return out;
}

function summarize(size: number, results: readonly VarianceDecomposition[]): CurvePoint {
  const ok = results.filter((r) => !Number.isNaN(r.signal));
  const n = ok.length;
  const mean = (f: (r: VarianceDecomposition) => number): number =>
    n === 0 ? Number.NaN : ok.reduce((acc, r) => acc + f(r), 0) / n;
  const total = mean((r) => r.total);
  const noise = mean((r) => r.noise);
  const signal = mean((r) => r.signal);
  const signalSd =
    n < 2
      ? 0
      : Math.sqrt(ok.reduce((acc, r) => acc + (r.signal - signal) * (r.signal - signal), 0) / (n - 1));
  return { size, draws: n, total, noise, signal, ratio: signalToNoise(signal, noise), signalSd };
}

function allSubsets(K: number, size: number): number[][] {
  const out: number[][] = [];
  const idx = Array.from({ length: size }, (_, i) => i);
  for (;;) {
    out.push(idx.slice());
    let i = size - 1;
    while (i >= 0 && idx[i] === K - size + i) i--;
    if (i < 0) return out;
    idx[i] = (idx[i] as number) + 1;
    for (let j = i + 1; j < size; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}

/** A uniform random subset of `size` distinct indices of [0, K), ascending (partial Fisher–Yates). */
function randomSubset(K: number, size: number, rng: Rng): number[] {
  const pool = Array.from({ length: K }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(K - i);
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, size).sort((a, b) => a - b);
}
