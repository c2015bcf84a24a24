import type { Rng } from '../util/rng.js';
import { type RandomSource, randomSource } from './random-source.js';
import { createRewardTensor, type RewardTensor } from './reward-tensor.js';

/**
 * A synthetic reward tensor for tests, benchmarks and demos. True success rates follow a logistic
 * model p_n^k = σ(base + a_k + b_n + c_n^k) with a_k ~ N(0, difficulty²) (example difficulty),
 * b_n ~ N(0, promptEffect²) (a system prompt's effect shared by all examples: homogeneous signal) and
 * c_n^k ~ N(0, interaction²) (example-specific preferences: heterogeneous signal that cancels as K
 * grows). Each cell gets `samples` Bernoulli(p_n^k) rewards.
 *
 * Optionally a fourth term f_n · g_k with f_n ~ N(0, flip²) and g_k = +1 for even k, -1 for odd k: a
 * preference that helps one group of examples exactly as much as it hurts the other, so it cancels on
 * any balanced set of examples. Shapes of the signal/noise ratio as K grows at fixed M (p1 §3.3):
 * `interaction` alone keeps it flat (the signal falls as 1/K, like the noise), `promptEffect` makes it
 * rise (the signal holds), `flip` makes it fall (the signal falls faster than 1/K).
 */
export interface SimulationOptions extends RandomSource {
  readonly prompts: number;
  readonly examples: number;
  /** M per cell, or a function of (n, k) for unequal M (0 makes a missing cell). */
  readonly samples: number | ((n: number, k: number) => number);
  readonly base?: number;
  readonly difficulty?: number;
  readonly promptEffect?: number;
  readonly interaction?: number;
  /** Spread of the group-flipping preference f_n (default 0: none). */
  readonly flip?: number;
}

export interface SimulatedRewards {
  readonly tensor: RewardTensor;
  /** True p_n^k, prompt-major (index n * K + k). */
  readonly truth: Float64Array;
}

export function simulateRewardTensor(options: SimulationOptions): SimulatedRewards {
  const rng = randomSource(options);
  const { prompts: N, examples: K } = options;
  const base = options.base ?? 0;
  const difficulty = options.difficulty ?? 1;
  const promptEffect = options.promptEffect ?? 0.5;
  const interaction = options.interaction ?? 0.5;
  const a = Array.from({ length: K }, () => difficulty * rng.normal());
  const b = Array.from({ length: N }, () => promptEffect * rng.normal());
  const flip = options.flip ?? 0;
  // Drawn only when used, so tensors without `flip` are unchanged for a given seed.
  const f = flip === 0 ? undefined : Array.from({ length: N }, () => flip * rng.normal());
  const truth = new Float64Array(N * K);
  for (let n = 0; n < N; n++) {
    const fn = f === undefined ? 0 : (f[n] as number);
    for (let k = 0; k < K; k++) {
      const g = k % 2 === 0 ? fn : -fn;
      const logit = base + (a[k] as number) + (b[n] as number) + g + interaction * rng.normal();
      truth[n * K + k] = 1 / (1 + Math.exp(-logit));
    }
  }
  return { tensor: sampleRewardTensor(truth, N, K, options.samples, rng), truth };
}

/**
 * Draws Bernoulli(p_n^k) rewards for known success rates `truth` (prompt-major, N x K): `samples`
 * responses per cell (a number, or a function of (n, k)).
 */
export function sampleRewardTensor(
  truth: ArrayLike<number>,
  prompts: number,
  examples: number,
  samples: number | ((n: number, k: number) => number),
  rng: Rng,
): RewardTensor {
  if (truth.length !== prompts * examples) {
    throw new RangeError(`truth has ${truth.length} rates for ${prompts} x ${examples} cells`);
  }
  const rewards: number[][][] = [];
  for (let n = 0; n < prompts; n++) {
    const row: number[][] = [];
    for (let k = 0; k < examples; k++) {
      const p = truth[n * examples + k] as number;
      const m = typeof samples === 'number' ? samples : samples(n, k);
      const cell: number[] = [];
      for (let i = 0; i < m; i++) cell.push(rng.next() < p ? 1 : 0);
      row.push(cell);
    }
    rewards.push(row);
  }
  return createRewardTensor(rewards);
}

/**
 * The population values of Eq. 5 for known success rates `truth` (prompt-major, N x K) on a subset S
 * with M responses per cell: signal = (1/N) Σ_n (p_n - p̄)^2 with p_n = mean_{k∈S} p_n^k, and
 * noise = (N-1)/N^2 Σ_n (1/K^2) Σ_{k∈S} p_n^k (1 - p_n^k) / M, so that E[Var^] = signal + noise.
 */
export function expectedDecomposition(
  truth: ArrayLike<number>,
  prompts: number,
  examples: number,
  samples: number,
  subset: readonly number[] = Array.from({ length: examples }, (_, k) => k),
): { signal: number; noise: number; total: number } {
  const N = prompts;
  const s = subset.length;
  const pn: number[] = [];
  let noiseSum = 0;
  for (let n = 0; n < N; n++) {
    let sum = 0;
    let v = 0;
    for (const k of subset) {
      const p = truth[n * examples + k] as number;
      sum += p;
      v += (p * (1 - p)) / samples;
    }
    pn.push(sum / s);
    noiseSum += v / (s * s);
  }
  const mean = pn.reduce((x, y) => x + y, 0) / N;
  const signal = pn.reduce((acc, x) => acc + (x - mean) * (x - mean), 0) / N;
  const noise = ((N - 1) / (N * N)) * noiseSum;
  return { signal, noise, total: signal + noise };
}
