import { pairedDifference } from './intervals.js';
import { checkLevel } from './percentile.js';

/** A paired t analysis over seeds, or why there is none. */
export type DifferenceOverSeeds =
  | {
      readonly ok: true;
      readonly test: 'paired-t-over-seeds';
      /** Number of seeds (optimization runs). */
      readonly seeds: number;
      /** seeds − 1. */
      readonly df: number;
      /** Mean of the per-seed differences. */
      readonly mean: number;
      /** Student t interval of the mean at `level`. */
      readonly low: number;
      readonly high: number;
      /** mean / (sd/√seeds). */
      readonly t: number;
      /** Two-sided p-value of mean = 0. */
      readonly p: number;
      readonly level: number;
    }
  | { readonly ok: false; readonly reason: string };

export const FEWER_THAN_THREE_SEEDS = 'fewer than 3 seeds: no interval over seeds can be computed';

/**
 * Inference where the replicated unit is the seed (one optimization run): each entry is one seed's
 * difference (e.g. best-prompt score minus seed-prompt score, averaged over the test examples). One-
 * sample t over seeds with seeds − 1 degrees of freedom: t = mean/(sd/√k), p = 2 P(T > |t|), interval
 * mean ± t_crit·sd/√k. With fewer than 3 seeds it returns { ok: false } rather than an interval (with 2
 * seeds df = 1 and the interval is uselessly wide; the per-example variation must not be pooled in its
 * place, since it says nothing about run-to-run variation). When all differences are equal the
 * standard error is 0: p = 1 and the interval is [0, 0] if they are 0, else p = 0 and [mean, mean].
 * Throws a RangeError on a non-finite difference.
 */
export function differenceOverSeeds(
  perSeedDifferences: readonly number[],
  level = 0.95,
): DifferenceOverSeeds {
  checkLevel(level);
  const seeds = perSeedDifferences.length;
  perSeedDifferences.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`perSeedDifferences[${i}] = ${x} is not a finite number`);
  });
  if (seeds < 3) return { ok: false, reason: FEWER_THAN_THREE_SEEDS };
  const d = pairedDifference(perSeedDifferences, new Array<number>(seeds).fill(0), level);
  return {
    ok: true,
    test: 'paired-t-over-seeds',
    seeds,
    df: d.df,
    mean: d.mean,
    low: d.low,
    high: d.high,
    t: d.t,
    p: d.pValue,
    level,
  };
}
