import type { Example, Splits } from '../spec/example.js';
import { createRng } from '../util/rng.js';

export interface SplitSizes {
  /** Fractions (0..1, summing to at most 1) or absolute counts (integers > 1). */
  readonly train: number;
  readonly val: number;
  readonly test: number;
}

export const DEFAULT_SPLIT: SplitSizes = { train: 0.5, val: 0.2, test: 0.3 };

/** A deterministic split by seed: the same examples and seed always give the same splits. */
export function seededSplit(
  examples: readonly Example[],
  sizes: SplitSizes = DEFAULT_SPLIT,
  seed = 0,
): Splits {
  const shuffled = createRng(seed ^ 0x5eed).shuffle(examples);
  const n = shuffled.length;
  const count = (x: number): number => (x <= 1 ? Math.round(x * n) : Math.min(n, Math.floor(x)));
  const train = count(sizes.train);
  const val = Math.min(n - train, count(sizes.val));
  const test = Math.min(n - train - val, count(sizes.test));
  return {
    train: shuffled.slice(0, train),
    val: shuffled.slice(train, train + val),
    test: shuffled.slice(train + val, train + val + test),
  };
}
