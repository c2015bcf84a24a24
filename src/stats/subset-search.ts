import type { RewardTensor } from './reward-tensor.js';
import { lexCompare, TopSubsetHeap } from './top-subset-heap.js';
import { type NoiseEstimator, noiseTerm, varianceDecomposition } from './variance-decomposition.js';

/**
 * The p1 filter's subset search (docs/p1-method.md "The p1 filter", step 3): for subsets S of K_top
 * user prompts, Score(S) = Var^ - Var^_resp, the estimated variance among system prompts of the
 * subset-mean reward (Eq. 5 signal term; `varianceDecomposition(...).signal`). Higher is better.
 */

export interface SubsetScore {
  /** Example indices, ascending. */
  readonly examples: readonly number[];
  readonly ids: readonly string[];
  /** Score(S) = total - noise. */
  readonly score: number;
  readonly total: number;
  readonly noise: number;
  readonly ratio: number;
}

export interface SubsetSearchResult {
  readonly method: 'exhaustive' | 'greedy' | 'beam';
  /** K_top. */
  readonly size: number;
  /** Best first. */
  readonly subsets: readonly SubsetScore[];
  /** How many subsets were scored. */
  readonly evaluated: number;
  /** C(K, K_top), the number of possible subsets. */
  readonly candidates: number;
}

export interface SubsetSearchOptions {
  /** Default 'plugin' (the paper's Score). */
  readonly noiseEstimator?: NoiseEstimator;
}

export interface BeamOptions extends SubsetSearchOptions {
  /** Partial subsets kept per step; default `DEFAULT_BEAM_WIDTH`. */
  readonly width?: number;
  /** How many subsets of the final beam to return; default 2. */
  readonly top?: number;
}

export interface SearchSubsetsOptions extends SubsetSearchOptions {
  /** How many top subsets to return (the paper reports 2); default 2. */
  readonly top?: number;
  /** Exhaustive search when C(K, K_top) <= this; beam search otherwise. Default 2,000,000. */
  readonly exhaustiveLimit?: number;
  readonly beamWidth?: number;
}

export const DEFAULT_BEAM_WIDTH = 32;
export const DEFAULT_EXHAUSTIVE_LIMIT = 2_000_000;

/** C(n, k) as a double (exact below 2^53). */
export function binomialCoefficient(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  const kk = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= kk; i++) c = (c * (n - kk + i)) / i;
  return Math.round(c);
}

/** Score(S) of one subset; equal to `varianceDecomposition(tensor, { examples }).signal`. */
export function scoreSubset(
  tensor: RewardTensor,
  examples: readonly number[],
  options: SubsetSearchOptions = {},
): number {
  return varianceDecomposition(tensor, { examples, noiseEstimator: options.noiseEstimator }).signal;
}

/** Example-major copies of the per-cell statistics: index k * N + n. Missing cells hold 0. */
interface Columns {
  readonly N: number;
  readonly K: number;
  readonly p: Float64Array;
  readonly v: Float64Array;
  readonly o: Float64Array;
  /** Σ_n p and Σ_n v per example (used when the tensor is complete). */
  readonly colP: Float64Array;
  readonly colV: Float64Array;
}

function columns(tensor: RewardTensor, estimator: NoiseEstimator): Columns {
  const N = tensor.prompts;
  const K = tensor.examples;
  const p = new Float64Array(N * K);
  const v = new Float64Array(N * K);
  const o = new Float64Array(N * K);
  const colP = new Float64Array(K);
  const colV = new Float64Array(K);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const c = n * K + k;
      const m = tensor.counts[c] as number;
      if (m === 0) continue;
      const pk = tensor.means[c] as number;
      const vk = noiseTerm(tensor.variances[c] as number, m, estimator);
      p[k * N + n] = pk;
      v[k * N + n] = vk;
      o[k * N + n] = 1;
      colP[k] = (colP[k] as number) + pk;
      colV[k] = (colV[k] as number) + vk;
    }
  }
  return { N, K, p, v, o, colP, colV };
}

function checkSearch(tensor: RewardTensor, size: number): void {
  if (tensor.prompts < 2) throw new RangeError('subset search needs at least 2 system prompts');
  if (!(Number.isInteger(size) && size >= 1 && size <= tensor.examples)) {
    throw new RangeError(`subset size must be an integer in [1, ${tensor.examples}], got ${size}`);
  }
}

/**
 * Scores all C(K, K_top) subsets and returns the `top` best (ties: lexicographically smaller first).
 * Combinations are enumerated in lexicographic order by depth; per-prompt running sums of p^ are kept
 * per depth, so a subset costs O(N) without allocation. For a complete tensor, with S_n = Σ_{k∈S} p^_n^k
 * and s = K_top: Var^ = Σ S_n^2 / (N s^2) - (Σ S_n)^2 / (N^2 s^2) and
 * Var^_resp = (N-1)/(N^2 s^2) Σ_{k∈S} Σ_n v_n^k/M_n^k (additive over examples).
 */
export function exhaustiveTopSubsets(
  tensor: RewardTensor,
  size: number,
  top = 2,
  options: SubsetSearchOptions = {},
): SubsetSearchResult {
  checkSearch(tensor, size);
  const estimator = options.noiseEstimator ?? 'plugin';
  const cols = columns(tensor, estimator);
  const heap = new TopSubsetHeap(top, size);
  const evaluated = tensor.complete
    ? enumerateComplete(cols, size, heap)
    : enumerateGeneral(cols, size, heap);
  return {
    method: 'exhaustive',
    size,
    subsets: heap.sorted().map((s) => describe(tensor, s.members, estimator)),
    evaluated,
    candidates: binomialCoefficient(tensor.examples, size),
  };
}

function enumerateComplete(cols: Columns, size: number, heap: TopSubsetHeap): number {
  const { N, K, p, colP, colV } = cols;
  const accP = new Float64Array(size * N);
  const accSum = new Float64Array(size);
  const accNoise = new Float64Array(size);
  const chosen = new Int32Array(size);
  const invNs2 = 1 / (N * size * size);
  const invN2s2 = invNs2 / N;
  const noiseScale = (N - 1) * invN2s2;
  const leaf = size - 1;
  let threshold = heap.threshold();
  let evaluated = 0;
  const visit = (depth: number, start: number): void => {
    const base = depth * N;
    if (depth === leaf) {
      const s0 = accSum[depth] as number;
      const v0 = accNoise[depth] as number;
      for (let k = start; k < K; k++) {
        const col = k * N;
        let sq = 0;
        for (let n = 0; n < N; n++) {
          const x = (accP[base + n] as number) + (p[col + n] as number);
          sq += x * x;
        }
        const tot = s0 + (colP[k] as number);
        const score = sq * invNs2 - tot * tot * invN2s2 - (v0 + (colV[k] as number)) * noiseScale;
        // Lexicographic enumeration: a later subset never wins a tie, so strict > is exact.
        if (score > threshold) {
          heap.offer(score, chosen, k);
          threshold = heap.threshold();
        }
      }
      evaluated += K - start;
      return;
    }
    const next = base + N;
    for (let k = start; k <= K - (size - depth); k++) {
      chosen[depth] = k;
      const col = k * N;
      for (let n = 0; n < N; n++) accP[next + n] = (accP[base + n] as number) + (p[col + n] as number);
      accSum[depth + 1] = (accSum[depth] as number) + (colP[k] as number);
      accNoise[depth + 1] = (accNoise[depth] as number) + (colV[k] as number);
      visit(depth + 1, k + 1);
    }
  };
  visit(0, 0);
  return evaluated;
}

/** Missing cells: per prompt, r^_n averages its observed cells; prompts with none are left out. */
function enumerateGeneral(cols: Columns, size: number, heap: TopSubsetHeap): number {
  const { N, K, p, v, o } = cols;
  const accP = new Float64Array(size * N);
  const accV = new Float64Array(size * N);
  const accC = new Float64Array(size * N);
  const chosen = new Int32Array(size);
  const leaf = size - 1;
  let threshold = heap.threshold();
  let evaluated = 0;
  const visit = (depth: number, start: number): void => {
    const base = depth * N;
    if (depth === leaf) {
      for (let k = start; k < K; k++) {
        const score = generalScore(accP, accV, accC, base, p, v, o, k * N, N);
        if (score > threshold) {
          heap.offer(score, chosen, k);
          threshold = heap.threshold();
        }
      }
      evaluated += K - start;
      return;
    }
    const next = base + N;
    for (let k = start; k <= K - (size - depth); k++) {
      chosen[depth] = k;
      const col = k * N;
      for (let n = 0; n < N; n++) {
        accP[next + n] = (accP[base + n] as number) + (p[col + n] as number);
        accV[next + n] = (accV[base + n] as number) + (v[col + n] as number);
        accC[next + n] = (accC[base + n] as number) + (o[col + n] as number);
      }
      visit(depth + 1, k + 1);
    }
  };
  visit(0, 0);
  return evaluated;
}

/**
 * Score of (accumulated sums at `base`) plus example column `col`, with per-prompt counts; NaN when
 * fewer than 2 prompts have data.
 */
function generalScore(
  accP: Float64Array,
  accV: Float64Array,
  accC: Float64Array,
  base: number,
  p: Float64Array,
  v: Float64Array,
  o: Float64Array,
  col: number,
  N: number,
): number {
  let kept = 0;
  let sr = 0;
  let sr2 = 0;
  let sv = 0;
  for (let n = 0; n < N; n++) {
    const c = (accC[base + n] as number) + (o[col + n] as number);
    if (c === 0) continue;
    const r = ((accP[base + n] as number) + (p[col + n] as number)) / c;
    sr += r;
    sr2 += r * r;
    sv += ((accV[base + n] as number) + (v[col + n] as number)) / (c * c);
    kept++;
  }
  if (kept < 2) return Number.NaN;
  const mean = sr / kept;
  return sr2 / kept - mean * mean - ((kept - 1) / (kept * kept)) * sv;
}

function describe(tensor: RewardTensor, members: readonly number[], estimator: NoiseEstimator): SubsetScore {
  const examples = members.slice().sort((a, b) => a - b);
  const d = varianceDecomposition(tensor, { examples, noiseEstimator: estimator });
  return {
    examples,
    ids: examples.map((k) => tensor.exampleIds[k] as string),
    score: d.signal,
    total: d.total,
    noise: d.noise,
    ratio: d.ratio,
  };
}

interface BeamEntry {
  readonly members: number[];
  readonly sums: Float64Array; // [p sums (N) | v sums (N) | counts (N)]
  readonly score: number;
}

/**
 * Beam search: start from the empty set; at each of K_top steps extend every kept set by every example
 * not in it, score the distinct results, keep the `width` best (ties: lexicographically smaller).
 * Cost O(K_top · width · K · N). Width 1 is greedy forward selection.
 */
export function beamSubset(
  tensor: RewardTensor,
  size: number,
  options: BeamOptions = {},
): SubsetSearchResult {
  const width = options.width ?? DEFAULT_BEAM_WIDTH;
  if (!(Number.isInteger(width) && width >= 1))
    throw new RangeError(`beam width must be an integer >= 1, got ${width}`);
  const top = options.top ?? 2;
  if (!(Number.isInteger(top) && top >= 1)) throw new RangeError(`top must be an integer >= 1, got ${top}`);
  return runBeam(tensor, size, width, Math.min(top, width), options.noiseEstimator ?? 'plugin', 'beam');
}

/** Greedy forward selection: repeatedly add the example that maximizes Score(S); returns one subset. */
export function greedySubset(
  tensor: RewardTensor,
  size: number,
  options: SubsetSearchOptions = {},
): SubsetSearchResult {
  return runBeam(tensor, size, 1, 1, options.noiseEstimator ?? 'plugin', 'greedy');
}

function runBeam(
  tensor: RewardTensor,
  size: number,
  width: number,
  top: number,
  estimator: NoiseEstimator,
  method: 'beam' | 'greedy',
): SubsetSearchResult {
  checkSearch(tensor, size);
  const cols = columns(tensor, estimator);
  const { N, K, p, v, o } = cols;
  let beam: BeamEntry[] = [{ members: [], sums: new Float64Array(3 * N), score: Number.NaN }];
  let evaluated = 0;
  for (let step = 0; step < size; step++) {
    const seen = new Set<string>();
    const candidates: { parent: BeamEntry; k: number; members: number[]; score: number }[] = [];
    for (const parent of beam) {
      for (let k = 0; k < K; k++) {
        if (parent.members.includes(k)) continue;
        const members = [...parent.members, k].sort((a, b) => a - b);
        const key = members.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        const s = parent.sums;
        const score = generalScore(s, s.subarray(N), s.subarray(2 * N), 0, p, v, o, k * N, N);
        evaluated++;
        candidates.push({ parent, k, members, score });
      }
    }
    candidates.sort((a, b) => compareScores(a.score, b.score) || lexCompare(a.members, b.members));
    beam = candidates.slice(0, width).map((c) => {
      const sums = c.parent.sums.slice();
      for (let n = 0; n < N; n++) {
        const at = c.k * N + n;
        sums[n] = (sums[n] as number) + (p[at] as number);
        sums[N + n] = (sums[N + n] as number) + (v[at] as number);
        sums[2 * N + n] = (sums[2 * N + n] as number) + (o[at] as number);
      }
      return { members: c.members, sums, score: c.score };
    });
  }
  return {
    method,
    size,
    subsets: beam.slice(0, top).map((e) => describe(tensor, e.members, estimator)),
    evaluated,
    candidates: binomialCoefficient(tensor.examples, size),
  };
}

/** Descending by score, NaN last. */
function compareScores(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return b - a;
}

/**
 * The p1 subset search: exhaustive when C(K, K_top) <= `exhaustiveLimit` (default 2,000,000), beam
 * search (width `beamWidth`) otherwise. Returns the `top` best subsets (default 2, as the paper).
 */
export function searchSubsets(
  tensor: RewardTensor,
  size: number,
  options: SearchSubsetsOptions = {},
): SubsetSearchResult {
  checkSearch(tensor, size);
  const limit = options.exhaustiveLimit ?? DEFAULT_EXHAUSTIVE_LIMIT;
  const top = options.top ?? 2;
  if (binomialCoefficient(tensor.examples, size) <= limit) {
    return exhaustiveTopSubsets(tensor, size, top, options);
  }
  const width = Math.max(options.beamWidth ?? DEFAULT_BEAM_WIDTH, top);
  return beamSubset(tensor, size, { width, top, noiseEstimator: options.noiseEstimator });
}
