import { ConfigError } from '../../errors.js';
import type { Example, Splits } from '../../spec/example.js';
import { createRng } from '../../util/rng.js';
import { DEFAULT_SPLIT, type SplitSizes } from '../seeded-split.js';
import type { TaskLoadContext } from '../task-registry.js';

/** Example counts per split. */
export interface SplitCounts {
  readonly train: number;
  readonly val: number;
  readonly test: number;
}

/** `--train`/`--val`/`--test` from a task's options: a count >= 0, or undefined when not given. */
export function splitCountOption(
  options: TaskLoadContext['options'],
  name: 'train' | 'val' | 'test',
): number | undefined {
  const raw = options[name];
  if (raw === undefined || raw === '') return undefined;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`--${name}`, `expected a count >= 0, got "${String(raw)}"`);
  return n;
}

/**
 * Split sizes from `--train/--val/--test`, else the task's defaults. When train or val is given
 * but test is not, test takes every remaining example. Sizes that add up to more than `total` are
 * a ConfigError saying how many examples there are.
 */
export function splitCountsFromOptions(
  options: TaskLoadContext['options'],
  defaults: SplitCounts,
  total: number,
  taskId: string,
): SplitCounts {
  const train = splitCountOption(options, 'train');
  const val = splitCountOption(options, 'val');
  const test = splitCountOption(options, 'test');
  const t = train ?? defaults.train;
  const v = val ?? defaults.val;
  const rest = total - t - v;
  const counts = {
    train: t,
    val: v,
    test: test ?? (train !== undefined || val !== undefined ? Math.max(0, rest) : defaults.test),
  };
  if (counts.train + counts.val + counts.test > total) {
    throw new ConfigError(
      '--train/--val/--test',
      `${taskId} has ${total} examples; ${counts.train} + ${counts.val} + ${counts.test} is more`,
    );
  }
  return counts;
}

/** The first `n` examples of a seeded shuffle: the same seed always picks the same examples. */
export function seededSample(
  examples: readonly Example[],
  n: number,
  seed: number,
  label: string,
): Example[] {
  if (n >= examples.length) return [...examples];
  return createRng(seed ^ 0x5eed)
    .fork(label)
    .shuffle(examples)
    .slice(0, n);
}

/** A seeded split into exact counts (the remainder, if any, is left out). */
export function countSplit(examples: readonly Example[], counts: SplitCounts, seed: number): Splits {
  const shuffled = createRng(seed ^ 0x5eed).shuffle(examples);
  const a = counts.train;
  const b = a + counts.val;
  return { train: shuffled.slice(0, a), val: shuffled.slice(a, b), test: shuffled.slice(b, b + counts.test) };
}

/** Counts for `n` examples from the default fractions (50% train, 20% val, the rest test). */
export function defaultCounts(n: number): SplitCounts {
  return countsFromSizes(DEFAULT_SPLIT, n);
}

/** Whether split sizes are fractions: every value at most 1 and their sum at most 1. */
export function sizesAreFractions(sizes: SplitSizes): boolean {
  const values = [sizes.train, sizes.val, sizes.test];
  return values.every((x) => x <= 1) && values.reduce((a, b) => a + b, 0) <= 1 + 1e-9;
}

/**
 * Counts for `n` examples from split sizes: fractions (see `sizesAreFractions`) are rounded, and
 * when they sum to 1 test takes the rest, so rounding drops no example; otherwise the sizes are
 * counts already (the caller checks they are whole and fit in `n`).
 */
export function countsFromSizes(sizes: SplitSizes, n: number): SplitCounts {
  if (!sizesAreFractions(sizes)) return { train: sizes.train, val: sizes.val, test: sizes.test };
  const train = Math.round(sizes.train * n);
  const val = Math.min(n - train, Math.round(sizes.val * n));
  const whole = sizes.train + sizes.val + sizes.test >= 1 - 1e-9;
  return {
    train,
    val,
    test: whole ? n - train - val : Math.min(n - train - val, Math.round(sizes.test * n)),
  };
}

/**
 * A seeded split of a flat example list: `--train/--val/--test` counts when given (test defaults to
 * the rest), else the default fractions.
 */
export function splitByOptions(
  examples: readonly Example[],
  options: TaskLoadContext['options'],
  seed: number,
  taskId: string,
): Splits {
  const counts = splitCountsFromOptions(options, defaultCounts(examples.length), examples.length, taskId);
  return countSplit(examples, counts, seed);
}

/**
 * Holds a loaded task's splits to the `--train/--val/--test` counts it was asked for, whatever its
 * loader did with them: a split smaller than asked is a ConfigError saying how many there are (never a
 * silent cap); a larger one keeps its first `n` examples (every loader's split order is already a seeded
 * shuffle, so this is a seeded sample). Splits not asked for are unchanged.
 */
export function fitSplitsToOptions(
  splits: Splits,
  options: TaskLoadContext['options'],
  taskId: string,
): Splits {
  const sized = (name: 'train' | 'val' | 'test'): readonly Example[] => {
    const wanted = splitCountOption(options, name);
    const split = splits[name];
    if (wanted === undefined || wanted === split.length) return split;
    if (wanted > split.length) {
      throw new ConfigError(
        `--${name}`,
        `${taskId} has ${split.length} ${name} examples, fewer than the ${wanted} asked for; lower --${name}`,
      );
    }
    return split.slice(0, wanted);
  };
  return { train: sized('train'), val: sized('val'), test: sized('test') };
}
