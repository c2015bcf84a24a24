import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../stats/intervals.js';
import {
  adjustForMultipleMethods,
  type SeedScores,
  type VersusReference,
  versusReference,
} from './compare-vs-reference.js';

/** 400 test examples; the reference gets the first 200 right. */
const reference = (seed: number): SeedScores => ({
  seed,
  scores: Array.from({ length: 400 }, (_, i) => (i < 200 ? 1 : 0)),
});

/** The reference's scores with `gain` points moved: +g turns g wrong answers right, −g g right ones wrong. */
const shifted = (seed: number, gain: number): SeedScores => ({
  seed,
  scores: reference(seed).scores.map((s, i) =>
    gain > 0 ? (i >= 200 && i < 200 + gain ? 1 : s) : i < -gain ? 0 : s,
  ),
});

describe('versusReference', () => {
  const gains = [40, -32, 36, -28, 24];
  const method = gains.map((g, seed) => shifted(seed, g));
  const manual = gains.map((_, seed) => reference(seed));

  it('tests over seeds, not over pooled (seed, example) pairs', () => {
    const v = versusReference(method, manual, { resamples: 2000 });
    expect(v?.perSeed.map((s) => s.difference)).toEqual([0.1, -0.08, 0.09, -0.07, 0.06]);
    expect(v?.mean).toBeCloseTo(0.02, 12);
    if (v?.overSeeds.ok !== true) throw new Error('expected a t over 5 seeds');
    expect(v.overSeeds.df).toBe(4);
    // t = 0.508 on 4 df; two-sided p = 0.6382 (Simpson integration of the t density in python, not this code).
    expect(v.overSeeds.t).toBeCloseTo(0.508, 3);
    expect(v.overSeeds.p).toBeCloseTo(0.6382, 3);
    // What the old table did — one paired t over all 2,000 (seed, example) pairs — calls the same
    // data significant (t = 3.169, p = 0.00155 by Simpson integration in python): the design error
    // this replaces.
    const pooled = pairedDifference(
      method.flatMap((m) => [...m.scores] as number[]),
      manual.flatMap((m) => [...m.scores] as number[]),
    );
    expect(pooled.t).toBeCloseTo(3.1694, 3);
    expect(pooled.pValue).toBeCloseTo(0.00155, 4);
    // The two-level bootstrap's interval covers 0 too, and is reproducible for a seed.
    expect(v.bootstrap?.low).toBeLessThan(0);
    expect(v.bootstrap?.high).toBeGreaterThan(0);
    expect(versusReference(method, manual, { resamples: 2000 })?.bootstrap).toEqual(v.bootstrap);
  });

  it('gives no interval over seeds with fewer than 3 seeds', () => {
    const v = versusReference(method.slice(0, 2), manual.slice(0, 2), { resamples: 500 });
    expect(v?.overSeeds).toEqual({
      ok: false,
      reason: 'fewer than 3 seeds: no interval over seeds can be computed',
    });
    expect(v?.bootstrap).toBeDefined();
    const one = versusReference(method.slice(0, 1), manual.slice(0, 1));
    expect(one?.overSeeds.ok).toBe(false);
    expect(one?.bootstrap).toBeUndefined();
  });

  it('leaves failed calls out of the per-seed difference instead of scoring them 0', () => {
    const failed: SeedScores = { seed: 0, scores: reference(0).scores.map((s, i) => (i < 40 ? null : s)) };
    const v = versusReference([failed], [reference(0)]);
    // The 40 unscored examples were all right for the reference: counted as 0 they would give −10 points.
    expect(v?.perSeed).toEqual([{ seed: 0, difference: 0, examples: 360 }]);
  });

  it('is 0 with p = 1 for identical methods', () => {
    const v = versusReference(manual, manual, { resamples: 500 });
    if (v?.overSeeds.ok !== true) throw new Error('expected a t over 5 seeds');
    expect(v.overSeeds.p).toBe(1);
    expect([v.overSeeds.low, v.overSeeds.high]).toEqual([0, 0]);
  });
});

describe('adjustForMultipleMethods', () => {
  it("adds Holm's adjusted p to every method tested over seeds", () => {
    const row = (p: number) => ({
      vsManual: {
        perSeed: [],
        mean: 0,
        overSeeds: {
          ok: true as const,
          test: 'paired-t-over-seeds' as const,
          seeds: 5,
          df: 4,
          mean: 0,
          low: 0,
          high: 0,
          t: 0,
          p,
          level: 0.95,
        },
        bootstrap: undefined,
      },
    });
    // Holm by hand: sorted 0.01, 0.03, 0.04 -> 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06.
    const rows: Array<{ readonly vsManual: VersusReference | undefined }> = adjustForMultipleMethods([
      row(0.04),
      row(0.01),
      row(0.03),
      { vsManual: undefined },
    ]);
    expect(rows.map((r) => r.vsManual?.pHolm)).toEqual([0.06, 0.03, 0.06, undefined]);
  });
});
