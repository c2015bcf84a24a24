import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng.js';
import { dominatorPrograms, paretoFronts, removeDominated, selectFromPareto } from './pareto.js';

const scores = (entries: Record<string, Record<string, number>>) => new Map(Object.entries(entries));
const mean = (s: Record<string, number>): number => {
  const v = Object.values(s);
  return v.reduce((a, b) => a + b, 0) / v.length;
};
const aggregateOf = (entries: Record<string, Record<string, number>>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, mean(v)]));

describe('GEPA Pareto fronts', () => {
  const two = {
    a: { e1: 1, e2: 0, e3: 1, e4: 0 },
    b: { e1: 1, e2: 1, e3: 0, e4: 0 },
    c: { e1: 0, e2: 0, e3: 0, e4: 0 },
  };

  it('puts on each example the programs with its best score (ties share the front)', () => {
    const fronts = paretoFronts(scores(two));
    expect([...(fronts.get('e1') ?? [])]).toEqual(['a', 'b']);
    expect([...(fronts.get('e2') ?? [])]).toEqual(['b']);
    expect([...(fronts.get('e3') ?? [])]).toEqual(['a']);
    expect([...(fronts.get('e4') ?? [])]).toEqual(['a', 'b', 'c']);
  });

  it('removes programs whose every front is held by another; keeps the unique leaders', () => {
    const fronts = paretoFronts(scores(two));
    const kept = removeDominated(fronts, aggregateOf(two));
    expect(dominatorPrograms(fronts, aggregateOf(two)).sort()).toEqual(['a', 'b']);
    expect([...(kept.get('e4') ?? [])].sort()).toEqual(['a', 'b']);
    const withBest = { ...two, d: { e1: 1, e2: 1, e3: 1, e4: 0 } };
    expect(dominatorPrograms(paretoFronts(scores(withBest)), aggregateOf(withBest))).toEqual(['d']);
  });

  it('samples in proportion to the number of examples a program leads after removal', () => {
    const uneven = {
      a: { e1: 1, e2: 1, e3: 1, e4: 0 },
      b: { e1: 0, e2: 0, e3: 0, e4: 1 },
      c: { e1: 0, e2: 0, e3: 0, e4: 0 },
    };
    const fronts = paretoFronts(scores(uneven));
    const rng = createRng(7);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4000; i++) {
      const p = selectFromPareto(fronts, aggregateOf(uneven), rng) ?? '';
      counts[p] = (counts[p] ?? 0) + 1;
    }
    expect(counts.c).toBe(0);
    expect((counts.a ?? 0) / 4000).toBeCloseTo(0.75, 1);
    expect((counts.b ?? 0) / 4000).toBeCloseTo(0.25, 1);
  });
});
