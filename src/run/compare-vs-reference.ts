import { type DifferenceOverSeeds, differenceOverSeeds } from '../stats/difference-over-seeds.js';
import { holmAdjust } from '../stats/holm-adjust.js';
import { type TwoLevelBootstrap, twoLevelBootstrap } from '../stats/two-level-bootstrap.js';

/*
 * How `sepo compare` tests a method against the reference (Manual-CoT). The replicated unit is the
 * seed: each seed is one optimization run, evaluated on the same shared test set as the reference's run
 * with that seed. So the difference is computed per seed (mean over the test examples scored for both),
 * and the interval and p come from a paired t over the seeds (df = seeds − 1). Pooling every (seed,
 * example) pair into one test would treat the test examples as the replicated unit and ignore how much
 * optimization runs differ from one another: it manufactures significance. A two-level bootstrap
 * (seeds, then the shared test examples) is reported beside it. Pure.
 */

/** Per-example test scores of one run (null: the call failed, not scored), in the order of the test ids. */
export interface SeedScores {
  readonly seed: number;
  readonly scores: readonly (number | null)[];
}

export interface VersusReference {
  /** Per seed: the mean difference (method − reference) over the test examples scored for both. */
  readonly perSeed: ReadonlyArray<{
    readonly seed: number;
    readonly difference: number;
    readonly examples: number;
  }>;
  /** Mean of the per-seed differences. */
  readonly mean: number;
  /** Paired t over seeds, or why there is none (fewer than 3 seeds). */
  readonly overSeeds: DifferenceOverSeeds;
  /** Two-level bootstrap over seeds and test examples; undefined with fewer than 2 seeds. */
  readonly bootstrap: TwoLevelBootstrap | undefined;
  /** Holm-adjusted p over the methods tested against the reference (set by `adjustForMultipleMethods`). */
  readonly pHolm?: number;
}

/**
 * The method's runs against the reference's runs, matched by seed (seeds the reference lacks are
 * skipped). `bootstrapSeed` seeds the bootstrap so the table is reproducible.
 */
export function versusReference(
  method: readonly SeedScores[],
  reference: readonly SeedScores[],
  options: { readonly bootstrapSeed?: number; readonly resamples?: number } = {},
): VersusReference | undefined {
  const byseed = new Map(reference.map((r) => [r.seed, r.scores]));
  const pairs = method.flatMap((run) => {
    const ref = byseed.get(run.seed);
    return ref === undefined ? [] : [{ seed: run.seed, a: run.scores, b: ref }];
  });
  if (pairs.length === 0) return undefined;
  const perSeed = pairs.flatMap(({ seed, a, b }) => {
    let sum = 0;
    let examples = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x === null || x === undefined || y === null || y === undefined) continue;
      sum += x - y;
      examples++;
    }
    return examples === 0 ? [] : [{ seed, difference: sum / examples, examples }];
  });
  if (perSeed.length === 0) return undefined;
  const differences = perSeed.map((s) => s.difference);
  // The bootstrap needs a full seed × example grid: examples with a failed call in any run are left out.
  const width = pairs[0]?.a.length ?? 0;
  const complete = Array.from({ length: width }, (_, i) => i).filter((i) =>
    pairs.every(({ a, b }) => a[i] !== null && a[i] !== undefined && b[i] !== null && b[i] !== undefined),
  );
  const grid = pairs.map(({ a, b }) => complete.map((i) => (a[i] as number) - (b[i] as number)));
  const bootstrap =
    pairs.length >= 2 && complete.length >= 1
      ? twoLevelBootstrap(grid, {
          seed: options.bootstrapSeed ?? 0,
          ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
        })
      : undefined;
  return {
    perSeed,
    mean: differences.reduce((x, y) => x + y, 0) / differences.length,
    overSeeds: differenceOverSeeds(differences),
    bootstrap,
  };
}

/**
 * Holm's adjustment over every method tested against the reference (one family: "is any method
 * different from Manual-CoT?"). Methods with no over-seeds p keep none.
 */
export function adjustForMultipleMethods<T extends { readonly vsManual: VersusReference | undefined }>(
  rows: readonly T[],
): T[] {
  const tested = rows.flatMap((row, index) =>
    row.vsManual?.overSeeds.ok === true ? [{ index, p: row.vsManual.overSeeds.p }] : [],
  );
  if (tested.length < 2) return [...rows];
  const adjusted = holmAdjust(tested.map((t) => t.p));
  const byIndex = new Map(tested.map((t, j) => [t.index, adjusted[j] as number]));
  return rows.map((row, index) => {
    const pHolm = byIndex.get(index);
    return pHolm === undefined || row.vsManual === undefined
      ? row
      : { ...row, vsManual: { ...row.vsManual, pHolm } };
  });
}
