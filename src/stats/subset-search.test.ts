import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../util/rng.js';
import { createRewardTensor, type RewardTensor } from './reward-tensor.js';
import { searchAgreement } from './search-agreement.js';
import { simulateRewardTensor } from './simulate-reward-tensor.js';
import {
  beamSubset,
  binomialCoefficient,
  exhaustiveTopSubsets,
  greedySubset,
  scoreSubset,
  searchSubsets,
} from './subset-search.js';
import { type NoiseEstimator, varianceDecomposition } from './variance-decomposition.js';

/** All subsets of [0, K) of the given size, scored one by one through varianceDecomposition. */
function bruteForce(tensor: RewardTensor, size: number, estimator: NoiseEstimator = 'plugin') {
  const out: { examples: number[]; score: number }[] = [];
  const rec = (start: number, chosen: number[]): void => {
    if (chosen.length === size) {
      const score = varianceDecomposition(tensor, { examples: chosen, noiseEstimator: estimator }).signal;
      if (!Number.isNaN(score)) out.push({ examples: chosen.slice(), score });
      return;
    }
    for (let k = start; k < tensor.examples; k++) rec(k + 1, [...chosen, k]);
  };
  rec(0, []);
  return out.sort((a, b) => b.score - a.score);
}

/** A random tensor with rates in [0, 1], unequal M and, when `missing`, some empty cells. */
function randomTensor(rng: Rng, N: number, K: number, missing: boolean): RewardTensor {
  return createRewardTensor(
    Array.from({ length: N }, () =>
      Array.from({ length: K }, () => {
        const p = rng.next();
        const m = missing && rng.next() < 0.2 ? 0 : 1 + rng.int(6);
        return Array.from({ length: m }, () => (rng.next() < p ? 1 : 0));
      }),
    ),
  );
}

// The hand-computed tensor of variance-decomposition.test.ts:
//   Score({0}) = 1/6 - 1/36 = 5/36; Score({1}) = 14/144 - 3/144 = 11/144; Score({0,1}) = 67/576.
const hand = createRewardTensor(
  [
    [
      [1, 0],
      [1, 1, 1, 0],
    ],
    [
      [0, 0],
      [1, 0, 0, 0],
    ],
    [
      [1, 1],
      [1, 1, 1, 1],
    ],
  ],
  { exampleIds: ['q0', 'q1'] },
);

describe('binomialCoefficient', () => {
  it('counts subsets', () => {
    expect(binomialCoefficient(30, 2)).toBe(435);
    expect(binomialCoefficient(64, 4)).toBe(635376);
    expect(binomialCoefficient(64, 16)).toBe(488526937079580);
    expect(binomialCoefficient(5, 0)).toBe(1);
    expect(binomialCoefficient(5, 6)).toBe(0);
  });
});

describe('exhaustiveTopSubsets', () => {
  it('matches hand-computed scores', () => {
    const r = exhaustiveTopSubsets(hand, 1, 5);
    expect(r.subsets.map((s) => s.ids)).toEqual([['q0'], ['q1']]);
    expect(r.subsets[0]?.score).toBeCloseTo(5 / 36, 15);
    expect(r.subsets[1]?.score).toBeCloseTo(11 / 144, 15);
    expect(r).toMatchObject({ method: 'exhaustive', evaluated: 2, candidates: 2, size: 1 });
    const pair = exhaustiveTopSubsets(hand, 2, 2);
    expect(pair.subsets).toHaveLength(1);
    expect(pair.subsets[0]?.score).toBeCloseTo(67 / 576, 15);
    expect(pair.subsets[0]?.noise).toBeCloseTo(7 / 576, 15);
    expect(scoreSubset(hand, [0, 1])).toBeCloseTo(67 / 576, 15);
  });

  it('matches brute force on random complete and incomplete tensors', () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 60; trial++) {
      const K = 3 + rng.int(6);
      const N = 2 + rng.int(5);
      const tensor = randomTensor(rng, N, K, trial % 2 === 1);
      const size = 1 + rng.int(Math.min(4, K));
      const estimator: NoiseEstimator = trial % 3 === 0 ? 'unbiased' : 'plugin';
      const top = 1 + rng.int(4);
      const got = exhaustiveTopSubsets(tensor, size, top, { noiseEstimator: estimator });
      const want = bruteForce(tensor, size, estimator);
      expect(got.evaluated).toBe(binomialCoefficient(K, size));
      expect(got.subsets.length).toBe(Math.min(top, want.length));
      got.subsets.forEach((s, i) => {
        expect(s.score).toBeCloseTo(want[i]?.score ?? Number.NaN, 12);
        expect(s.score).toBeCloseTo(scoreSubset(tensor, s.examples, { noiseEstimator: estimator }), 15);
      });
    }
  });

  it('breaks ties toward the lexicographically smaller subset', () => {
    const cell = [
      [1, 1],
      [0, 0],
    ];
    // Examples 1 and 2 are identical and best; 0 has no signal.
    const t = createRewardTensor([
      [[1], cell[0]!, cell[0]!],
      [[1], cell[1]!, cell[1]!],
    ]);
    expect(exhaustiveTopSubsets(t, 1, 1).subsets[0]?.examples).toEqual([1]);
    expect(exhaustiveTopSubsets(t, 1, 2).subsets.map((s) => s.examples)).toEqual([[1], [2]]);
  });

  it('validates its arguments', () => {
    expect(() => exhaustiveTopSubsets(hand, 0)).toThrow(RangeError);
    expect(() => exhaustiveTopSubsets(hand, 3)).toThrow(RangeError);
    expect(() => exhaustiveTopSubsets(hand, 1, 0)).toThrow(RangeError);
    expect(() => exhaustiveTopSubsets(createRewardTensor([[[1], [0]]]), 1)).toThrow(/2 system prompts/);
  });
});

describe('greedy and beam search', () => {
  it('finds the hand-computed best', () => {
    expect(greedySubset(hand, 1).subsets[0]?.examples).toEqual([0]);
    expect(beamSubset(hand, 1, { width: 4 }).subsets.map((s) => s.examples)).toEqual([[0], [1]]);
  });

  it('beam search with a width covering every partial subset is exhaustive', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 20; trial++) {
      const tensor = randomTensor(rng, 4, 6, trial % 2 === 0);
      const exact = exhaustiveTopSubsets(tensor, 3, 3);
      const beam = beamSubset(tensor, 3, { width: 20, top: 3 }); // C(6, j) <= 20 for all j
      expect(beam.subsets.map((s) => s.examples)).toEqual(exact.subsets.map((s) => s.examples));
    }
  });

  it('mostly finds the exhaustive best on random heterogeneous instances; beam at least as often as greedy', () => {
    const tensors = Array.from(
      { length: 60 },
      (_, i) =>
        simulateRewardTensor({
          prompts: 8,
          examples: 12,
          samples: 16,
          seed: 1000 + i,
          promptEffect: 0.3,
          interaction: 1,
        }).tensor,
    );
    const r = searchAgreement(tensors, 4, { beamWidth: 8 });
    expect(r.instances).toBe(60);
    expect(r.beamAgreement).toBeGreaterThanOrEqual(0.9);
    expect(r.beamAgreement).toBeGreaterThanOrEqual(r.greedyAgreement);
    expect(r.beamMeanRegret).toBeLessThanOrEqual(r.greedyMeanRegret);
    // Greedy is a heuristic: it is not always optimal here, which makes the comparison meaningful.
    expect(r.greedyAgreement).toBeLessThan(1);
  });

  it('returns at most `top` subsets from the final beam, best first', () => {
    const { tensor } = simulateRewardTensor({ prompts: 6, examples: 10, samples: 8, seed: 3 });
    const r = beamSubset(tensor, 3, { width: 5, top: 3 });
    expect(r.subsets).toHaveLength(3);
    expect(r.subsets[0]!.score).toBeGreaterThanOrEqual(r.subsets[1]!.score);
    expect(r.subsets[1]!.score).toBeGreaterThanOrEqual(r.subsets[2]!.score);
    expect(() => beamSubset(tensor, 3, { width: 0 })).toThrow(RangeError);
  });
});

describe('searchSubsets', () => {
  const { tensor } = simulateRewardTensor({ prompts: 6, examples: 12, samples: 8, seed: 8 });
  it('searches exhaustively under the limit and by beam above it', () => {
    expect(searchSubsets(tensor, 3).method).toBe('exhaustive');
    const beam = searchSubsets(tensor, 3, { exhaustiveLimit: 100, beamWidth: 4, top: 2 });
    expect(beam.method).toBe('beam');
    expect(beam.subsets).toHaveLength(2);
    expect(beam.candidates).toBe(220);
    expect(searchSubsets(tensor, 2).subsets).toHaveLength(2);
  });
});
