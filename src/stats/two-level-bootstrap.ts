import { checkLevel, percentileInterval } from './percentile.js';
import { type RandomSource, randomSource } from './random-source.js';

export interface TwoLevelBootstrapOptions extends RandomSource {
  /** Default 0.95. */
  readonly level?: number;
  /** Bootstrap replicates; default 10,000. */
  readonly resamples?: number;
}

export interface TwoLevelBootstrap {
  /** Mean of all seed × example differences. */
  readonly mean: number;
  /** Percentile interval of the replicate means. */
  readonly low: number;
  readonly high: number;
  /** Two-sided bootstrap p: 2 · min(share of replicate means <= 0, share >= 0), capped at 1. */
  readonly p: number;
  readonly level: number;
  readonly seeds: number;
  readonly examples: number;
  readonly resamples: number;
}

/**
 * Two-level bootstrap of the mean difference over seeds (optimization runs) and test examples:
 * `differences[s][e]` is the difference (new − reference) on example e in the run with seed s. Each
 * replicate draws the seeds with replacement and then the examples with replacement, and takes the mean
 * of the drawn cells. The examples are the SAME items for every seed (a crossed design, not examples
 * nested in seeds), so a replicate draws ONE resample of example indices and uses it for every drawn
 * seed: a hard or easy example then moves all seeds together, as it would in a fresh test set, and the
 * example-level variation is not averaged away across seeds. Both sources of variation enter the
 * interval: the more the seeds disagree, the wider it is.
 * Seeded (`seed` or `rng`; seed 0 by default). Throws a RangeError with fewer than 2 seeds, no examples,
 * rows of unequal length or a non-finite value.
 */
export function twoLevelBootstrap(
  differences: readonly (readonly number[])[],
  options: TwoLevelBootstrapOptions = {},
): TwoLevelBootstrap {
  const level = options.level ?? 0.95;
  checkLevel(level);
  const resamples = options.resamples ?? 10_000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new RangeError(`resamples must be an integer >= 1, got ${resamples}`);
  }
  const seeds = differences.length;
  if (seeds < 2) throw new RangeError(`a two-level bootstrap needs at least 2 seeds, got ${seeds}`);
  const examples = (differences[0] as readonly number[]).length;
  if (examples < 1) throw new RangeError('a two-level bootstrap needs at least 1 example per seed');
  let total = 0;
  differences.forEach((row, s) => {
    if (row.length !== examples) {
      throw new RangeError(`differences[${s}] has ${row.length} examples, differences[0] has ${examples}`);
    }
    row.forEach((x, e) => {
      if (!Number.isFinite(x)) throw new RangeError(`differences[${s}][${e}] = ${x} is not a finite number`);
      total += x;
    });
  });
  const cells = seeds * examples;
  const mean = total / cells;
  const rng = randomSource(options);
  const seedCounts = new Float64Array(seeds);
  const exampleCounts = new Float64Array(examples);
  const means = new Float64Array(resamples);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let r = 0; r < resamples; r++) {
    seedCounts.fill(0);
    exampleCounts.fill(0);
    for (let i = 0; i < seeds; i++) {
      const s = rng.int(seeds);
      seedCounts[s] = (seedCounts[s] as number) + 1;
    }
    for (let i = 0; i < examples; i++) {
      const e = rng.int(examples);
      exampleCounts[e] = (exampleCounts[e] as number) + 1;
    }
    // The replicate mean Σ_s Σ_e (times seed s drawn)(times example e drawn) d[s][e] / (seeds·examples).
    let sum = 0;
    for (let s = 0; s < seeds; s++) {
      const c = seedCounts[s] as number;
      if (c === 0) continue;
      const row = differences[s] as readonly number[];
      let rowSum = 0;
      for (let e = 0; e < examples; e++) rowSum += (exampleCounts[e] as number) * (row[e] as number);
      sum += c * rowSum;
    }
    const m = sum / cells;
    means[r] = m;
    if (m <= 0) atOrBelow++;
    if (m >= 0) atOrAbove++;
  }
  const { low, high } = percentileInterval(means, level);
  const p = Math.min(1, (2 * Math.min(atOrBelow, atOrAbove)) / resamples);
  return { mean, low, high, p, level, seeds, examples, resamples };
}
