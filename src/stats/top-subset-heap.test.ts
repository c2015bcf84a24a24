import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { lexCompare, TopSubsetHeap } from './top-subset-heap.js';

describe('TopSubsetHeap', () => {
  it('keeps the r best of many offers, ties broken lexicographically, whatever the offer order', () => {
    const rng = createRng(9);
    for (let trial = 0; trial < 50; trial++) {
      const offers = Array.from({ length: 60 }, () => ({
        // Few distinct scores, so ties are common.
        score: rng.int(8) / 8,
        members: [rng.int(5), 5 + rng.int(5)],
      }));
      const r = 1 + rng.int(10);
      const heap = new TopSubsetHeap(r, 2);
      for (const o of rng.shuffle(offers)) heap.offer(o.score, o.members.slice(0, 1), o.members[1] as number);
      const expected = offers
        .slice()
        .sort((a, b) => b.score - a.score || lexCompare(a.members, b.members))
        .slice(0, r);
      expect(heap.sorted()).toEqual(expected);
    }
  });
  it('ignores NaN scores and reports its entry threshold', () => {
    const heap = new TopSubsetHeap(2, 1);
    expect(heap.threshold()).toBe(Number.NEGATIVE_INFINITY);
    heap.offer(Number.NaN, [], 0);
    expect(heap.size).toBe(0);
    heap.offer(0.5, [], 1);
    heap.offer(0.2, [], 2);
    heap.offer(0.3, [], 3);
    expect(heap.threshold()).toBe(0.3);
    expect(heap.sorted().map((s) => s.members[0])).toEqual([1, 3]);
  });
  it('rejects a capacity below 1', () => {
    expect(() => new TopSubsetHeap(0, 2)).toThrow(RangeError);
  });
});
