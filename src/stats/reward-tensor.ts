import { SepoError } from '../errors.js';
import type { Rng } from '../util/rng.js';

/**
 * Rewards of N system prompts on K user prompts (examples), M responses per (prompt, example) cell,
 * each reward in [0, 1] (binary or fractional). Cells may hold different numbers of responses,
 * including none (a missing cell).
 *
 * Layout: cell c = n * K + k (prompt-major). The responses of cell c are
 * `values[offsets[c] .. offsets[c + 1])`. Per cell: `counts[c]` = M_n^k, `means[c]` = p^_n^k and
 * `variances[c]` = (1/M) Σ (y - p^)^2, the plug-in variance of one response (for binary rewards this is
 * exactly p^(1 - p^)); both are NaN for an empty cell. Arrays are owned by the tensor: do not mutate.
 */
export interface RewardTensor {
  /** N, the number of system prompts. */
  readonly prompts: number;
  /** K, the number of user prompts (examples). */
  readonly examples: number;
  /** One id per example (default "0", "1", ...), unique. */
  readonly exampleIds: readonly string[];
  /** Length N*K + 1, non-decreasing, offsets[0] = 0. */
  readonly offsets: Int32Array;
  readonly values: Float64Array;
  readonly counts: Int32Array;
  readonly means: Float64Array;
  readonly variances: Float64Array;
  /** Every reward is 0 or 1. */
  readonly binary: boolean;
  /** Every cell has at least one response. */
  readonly complete: boolean;
  /** The smallest and largest M over non-empty cells (0 when every cell is empty). */
  readonly minSamples: number;
  readonly maxSamples: number;
}

/** A malformed reward tensor; `index` locates the bad entry ([prompt], [prompt, example] or all three). */
export class RewardTensorError extends SepoError {
  constructor(
    readonly index: readonly number[],
    detail: string,
  ) {
    super(`rewards${index.map((i) => `[${i}]`).join('')}: ${detail}`);
  }
}

export interface RewardTensorOptions {
  /** One id per example; default the example index as a string. */
  readonly exampleIds?: readonly string[];
}

/**
 * Validates `rewards[prompt][example][sample]` and builds a tensor. Every prompt row must list the same
 * number of examples K >= 1 (use `[]` for a missing cell); there must be at least one prompt; every
 * reward must be a finite number in [0, 1]. Throws `RewardTensorError` naming the first bad index.
 */
export function createRewardTensor(
  rewards: readonly (readonly (readonly number[])[])[],
  options: RewardTensorOptions = {},
): RewardTensor {
  if (!Array.isArray(rewards)) throw new RewardTensorError([], 'expected an array of system prompts');
  const prompts = rewards.length;
  if (prompts === 0) throw new RewardTensorError([], 'needs at least one system prompt');
  const first = rewards[0];
  if (!Array.isArray(first)) throw new RewardTensorError([0], 'expected an array of examples');
  const examples = first.length;
  if (examples === 0) throw new RewardTensorError([0], 'needs at least one example');
  let total = 0;
  for (let n = 0; n < prompts; n++) {
    const row = rewards[n];
    if (!Array.isArray(row)) throw new RewardTensorError([n], 'expected an array of examples');
    if (row.length !== examples) {
      throw new RewardTensorError([n], `has ${row.length} examples, expected ${examples} like rewards[0]`);
    }
    for (let k = 0; k < examples; k++) {
      const cell = row[k];
      if (!Array.isArray(cell)) {
        throw new RewardTensorError([n, k], 'expected an array of rewards (use [] for a missing cell)');
      }
      for (let m = 0; m < cell.length; m++) {
        const v: unknown = cell[m];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
          throw new RewardTensorError([n, k, m], `${String(v)} is not a reward in [0, 1]`);
        }
      }
      total += cell.length;
    }
  }
  const offsets = new Int32Array(prompts * examples + 1);
  const values = new Float64Array(total);
  let at = 0;
  for (let n = 0; n < prompts; n++) {
    const row = rewards[n] as readonly (readonly number[])[];
    for (let k = 0; k < examples; k++) {
      const cell = row[k] as readonly number[];
      for (let m = 0; m < cell.length; m++) values[at++] = cell[m] as number;
      offsets[n * examples + k + 1] = at;
    }
  }
  return buildRewardTensor(prompts, examples, checkIds(options.exampleIds, examples), offsets, values);
}

function checkIds(ids: readonly string[] | undefined, examples: number): readonly string[] {
  if (ids === undefined) return Array.from({ length: examples }, (_, k) => String(k));
  if (ids.length !== examples) {
    throw new RewardTensorError([], `exampleIds has ${ids.length} ids for ${examples} examples`);
  }
  const seen = new Set<string>();
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (typeof id !== 'string') throw new RewardTensorError([], `exampleIds[${k}] is not a string`);
    if (seen.has(id)) throw new RewardTensorError([], `exampleIds[${k}] "${id}" is a duplicate`);
    seen.add(id);
  }
  return ids.slice();
}

/** Builds a tensor from a validated flat layout, computing the per-cell statistics. */
function buildRewardTensor(
  prompts: number,
  examples: number,
  exampleIds: readonly string[],
  offsets: Int32Array,
  values: Float64Array,
): RewardTensor {
  const cells = prompts * examples;
  const counts = new Int32Array(cells);
  const means = new Float64Array(cells);
  const variances = new Float64Array(cells);
  let binary = true;
  let complete = true;
  let minSamples = Number.POSITIVE_INFINITY;
  let maxSamples = 0;
  for (let c = 0; c < cells; c++) {
    const start = offsets[c] as number;
    const end = offsets[c + 1] as number;
    const m = end - start;
    counts[c] = m;
    if (m === 0) {
      complete = false;
      means[c] = Number.NaN;
      variances[c] = Number.NaN;
      continue;
    }
    minSamples = Math.min(minSamples, m);
    maxSamples = Math.max(maxSamples, m);
    let sum = 0;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      sum += v;
      if (v !== 0 && v !== 1) binary = false;
    }
    const mean = sum / m;
    let ss = 0;
    for (let i = start; i < end; i++) {
      const d = (values[i] as number) - mean;
      ss += d * d;
    }
    means[c] = mean;
    variances[c] = ss / m;
  }
  return {
    prompts,
    examples,
    exampleIds,
    offsets,
    values,
    counts,
    means,
    variances,
    binary,
    complete,
    minSamples: maxSamples === 0 ? 0 : minSamples,
    maxSamples,
  };
}

/** The flat cell index of (prompt n, example k). */
export function cellIndex(tensor: RewardTensor, n: number, k: number): number {
  if (!(Number.isInteger(n) && n >= 0 && n < tensor.prompts)) {
    throw new RangeError(`prompt index ${n} is outside [0, ${tensor.prompts})`);
  }
  if (!(Number.isInteger(k) && k >= 0 && k < tensor.examples)) {
    throw new RangeError(`example index ${k} is outside [0, ${tensor.examples})`);
  }
  return n * tensor.examples + k;
}

/** The responses of cell (n, k), as a read-only view into `tensor.values`. */
export function cellSamples(tensor: RewardTensor, n: number, k: number): Float64Array {
  const c = cellIndex(tensor, n, k);
  return tensor.values.subarray(tensor.offsets[c], tensor.offsets[c + 1]);
}

/** Back to nested arrays `[prompt][example][sample]` (e.g. for JSON). */
export function rewardTensorToArrays(tensor: RewardTensor): number[][][] {
  const out: number[][][] = [];
  for (let n = 0; n < tensor.prompts; n++) {
    const row: number[][] = [];
    for (let k = 0; k < tensor.examples; k++) row.push(Array.from(cellSamples(tensor, n, k)));
    out.push(row);
  }
  return out;
}

/** Checks a list of example indices: integers in [0, K), no duplicates. Returns a copy. */
export function checkExampleSubset(tensor: RewardTensor, subset: readonly number[]): number[] {
  const seen = new Set<number>();
  for (const k of subset) {
    if (!(Number.isInteger(k) && k >= 0 && k < tensor.examples)) {
      throw new RangeError(`example index ${k} is outside [0, ${tensor.examples})`);
    }
    if (seen.has(k)) throw new RangeError(`example index ${k} appears twice in the subset`);
    seen.add(k);
  }
  return subset.slice();
}

/** The tensor restricted to the given examples, in the given order (ids carried over). */
export function selectExamples(tensor: RewardTensor, subset: readonly number[]): RewardTensor {
  const ks = checkExampleSubset(tensor, subset);
  if (ks.length === 0) throw new RangeError('selectExamples needs at least one example');
  const K = ks.length;
  const offsets = new Int32Array(tensor.prompts * K + 1);
  let total = 0;
  for (let n = 0; n < tensor.prompts; n++) {
    for (let j = 0; j < K; j++) {
      total += tensor.counts[n * tensor.examples + (ks[j] as number)] as number;
      offsets[n * K + j + 1] = total;
    }
  }
  const values = new Float64Array(total);
  let at = 0;
  for (let n = 0; n < tensor.prompts; n++) {
    for (const k of ks) {
      const c = n * tensor.examples + k;
      values.set(tensor.values.subarray(tensor.offsets[c], tensor.offsets[c + 1]), at);
      at += tensor.counts[c] as number;
    }
  }
  const ids = ks.map((k) => tensor.exampleIds[k] as string);
  return buildRewardTensor(tensor.prompts, K, ids, offsets, values);
}

/**
 * Keeps `m` responses per cell, drawn without replacement (partial Fisher–Yates); a cell with fewer
 * than `m` responses keeps all of them. Used to study estimates as a function of M.
 */
export function subsampleResponses(tensor: RewardTensor, m: number, rng: Rng): RewardTensor {
  if (!(Number.isInteger(m) && m >= 1))
    throw new RangeError(`responses per cell must be an integer >= 1, got ${m}`);
  const cells = tensor.prompts * tensor.examples;
  const offsets = new Int32Array(cells + 1);
  for (let c = 0; c < cells; c++) {
    offsets[c + 1] = (offsets[c] as number) + Math.min(m, tensor.counts[c] as number);
  }
  const values = new Float64Array(offsets[cells] as number);
  const scratch = new Float64Array(tensor.maxSamples);
  for (let c = 0; c < cells; c++) {
    const start = tensor.offsets[c] as number;
    const count = tensor.counts[c] as number;
    const keep = Math.min(m, count);
    scratch.set(tensor.values.subarray(start, start + count));
    for (let i = 0; i < keep; i++) {
      const j = i + rng.int(count - i);
      const tmp = scratch[i] as number;
      scratch[i] = scratch[j] as number;
      scratch[j] = tmp;
    }
    values.set(scratch.subarray(0, keep), offsets[c] as number);
  }
  return buildRewardTensor(tensor.prompts, tensor.examples, tensor.exampleIds, offsets, values);
}

/**
 * The mean and plug-in variance of cell `c`: as observed, or — with `rng` — of a bootstrap resample of
 * its M responses (drawn with replacement). The cell must not be empty.
 */
export function cellMoments(
  tensor: RewardTensor,
  c: number,
  rng: Pick<Rng, 'int'> | undefined,
): { mean: number; variance: number } {
  if (rng === undefined) return { mean: tensor.means[c] as number, variance: tensor.variances[c] as number };
  const m = tensor.counts[c] as number;
  const start = tensor.offsets[c] as number;
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < m; j++) {
    const y = tensor.values[start + rng.int(m)] as number;
    s += y;
    s2 += y * y;
  }
  const mean = s / m;
  return { mean, variance: Math.max(0, s2 / m - mean * mean) };
}
