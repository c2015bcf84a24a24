import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import {
  cellIndex,
  cellSamples,
  createRewardTensor,
  RewardTensorError,
  rewardTensorToArrays,
  selectExamples,
  subsampleResponses,
} from './reward-tensor.js';

const rewards = [
  [
    [1, 0, 1, 1],
    [0, 0],
  ],
  [[1], []],
];

describe('createRewardTensor', () => {
  it('computes per-cell counts, means and plug-in variances in a prompt-major layout', () => {
    const t = createRewardTensor(rewards);
    expect(t.prompts).toBe(2);
    expect(t.examples).toBe(2);
    expect(t.exampleIds).toEqual(['0', '1']);
    expect(Array.from(t.counts)).toEqual([4, 2, 1, 0]);
    expect(Array.from(t.offsets)).toEqual([0, 4, 6, 7, 7]);
    expect(t.means[0]).toBeCloseTo(0.75, 15);
    expect(t.variances[0]).toBeCloseTo(0.75 * 0.25, 15); // p^(1 - p^)
    expect(t.means[1]).toBe(0);
    expect(t.variances[1]).toBe(0);
    expect(Number.isNaN(t.means[3])).toBe(true);
    expect(t.binary).toBe(true);
    expect(t.complete).toBe(false);
    expect(t.minSamples).toBe(1);
    expect(t.maxSamples).toBe(4);
  });
  it('uses the variance with divisor M for fractional rewards', () => {
    const t = createRewardTensor([[[0.2, 0.4, 0.9]], [[0.5]]]);
    expect(t.binary).toBe(false);
    expect(t.complete).toBe(true);
    const mean = 0.5;
    expect(t.means[0]).toBeCloseTo(mean, 15);
    expect(t.variances[0]).toBeCloseTo(((0.2 - mean) ** 2 + (0.4 - mean) ** 2 + (0.9 - mean) ** 2) / 3, 15);
  });
  it('keeps example ids', () => {
    expect(createRewardTensor(rewards, { exampleIds: ['a', 'b'] }).exampleIds).toEqual(['a', 'b']);
  });
  it('names the bad index in its errors', () => {
    const bad = (r: unknown, message: RegExp, index: number[]): void => {
      let caught: unknown;
      try {
        createRewardTensor(r as number[][][]);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RewardTensorError);
      expect((caught as RewardTensorError).message).toMatch(message);
      expect((caught as RewardTensorError).index).toEqual(index);
    };
    bad([[[1]], [[0, 1.5]]], /^rewards\[1\]\[0\]\[1\]: 1\.5 is not a reward in \[0, 1\]/, [1, 0, 1]);
    bad([[[Number.NaN]]], /rewards\[0\]\[0\]\[0\]: NaN/, [0, 0, 0]);
    bad([[[1], [1]], [[1]]], /rewards\[1\]: has 1 examples, expected 2/, [1]);
    bad([[[1], 3]], /rewards\[0\]\[1\]: expected an array of rewards/, [0, 1]);
    bad([[[1], ['x']]], /rewards\[0\]\[1\]\[0\]: x is not a reward/, [0, 1, 0]);
    bad([], /at least one system prompt/, []);
    bad([[]], /rewards\[0\]: needs at least one example/, [0]);
  });
  it('rejects bad example ids', () => {
    expect(() => createRewardTensor(rewards, { exampleIds: ['a'] })).toThrow(/1 ids for 2 examples/);
    expect(() => createRewardTensor(rewards, { exampleIds: ['a', 'a'] })).toThrow(/duplicate/);
  });
});

describe('cell access', () => {
  it('reads cells and round-trips to arrays', () => {
    const t = createRewardTensor(rewards);
    expect(cellIndex(t, 1, 0)).toBe(2);
    expect(Array.from(cellSamples(t, 0, 1))).toEqual([0, 0]);
    expect(rewardTensorToArrays(t)).toEqual(rewards);
    expect(() => cellIndex(t, 2, 0)).toThrow(RangeError);
  });
});

describe('selectExamples', () => {
  it('keeps the chosen examples in order with their ids', () => {
    const t = createRewardTensor(
      [
        [[1], [0, 0], [1, 1, 0]],
        [[0], [1], []],
      ],
      { exampleIds: ['a', 'b', 'c'] },
    );
    const s = selectExamples(t, [2, 0]);
    expect(s.exampleIds).toEqual(['c', 'a']);
    expect(rewardTensorToArrays(s)).toEqual([
      [[1, 1, 0], [1]],
      [[], [0]],
    ]);
    expect(() => selectExamples(t, [0, 0])).toThrow(/twice/);
    expect(() => selectExamples(t, [3])).toThrow(RangeError);
  });
});

describe('subsampleResponses', () => {
  const t = createRewardTensor([
    [
      [0.1, 0.2, 0.3, 0.4, 0.5],
      [0.6, 0.7],
    ],
    [[0.8, 0.9, 1, 0], []],
  ]);
  it('keeps min(m, M) distinct responses of each cell', () => {
    const s = subsampleResponses(t, 3, createRng(1));
    expect(Array.from(s.counts)).toEqual([3, 2, 3, 0]);
    for (let n = 0; n < 2; n++) {
      for (let k = 0; k < 2; k++) {
        const original = Array.from(cellSamples(t, n, k));
        const kept = Array.from(cellSamples(s, n, k));
        expect(new Set(kept).size).toBe(kept.length);
        for (const v of kept) expect(original).toContain(v);
      }
    }
  });
  it('is reproducible with a seed and varies across seeds', () => {
    const a = rewardTensorToArrays(subsampleResponses(t, 2, createRng(5)));
    expect(rewardTensorToArrays(subsampleResponses(t, 2, createRng(5)))).toEqual(a);
    const others = [6, 7, 8, 9].map((s) =>
      JSON.stringify(rewardTensorToArrays(subsampleResponses(t, 2, createRng(s)))),
    );
    expect(others.some((o) => o !== JSON.stringify(a))).toBe(true);
  });
  it('rejects m < 1', () => {
    expect(() => subsampleResponses(t, 0, createRng(1))).toThrow(RangeError);
  });
});
