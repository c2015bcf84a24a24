import { describe, expect, it } from 'vitest';
import type { CandidateRecord } from '../store/records.js';
import { compareRolloutResolver } from './compare-view.js';
import { OPTIMIZE_CANDIDATES, optimizeRollouts, TEST_IDS } from './test-support/report-fixtures.js';
import { TimelineBuilder } from './timeline.js';

function build(
  rollouts: ReadonlyArray<{ candidateId: string; exampleId: string }>,
  candidates: readonly CandidateRecord[],
  testIds = new Set<string>(),
) {
  const builder = new TimelineBuilder({ testIds });
  for (const r of rollouts) builder.add(r);
  return builder.finish(candidates);
}

describe('TimelineBuilder', () => {
  const timeline = build(optimizeRollouts(), OPTIMIZE_CANDIDATES, new Set(TEST_IDS));

  it('places each candidate where its first evaluation ended, ignoring later re-evaluations and test', () => {
    expect(timeline?.estimated).toBe(false);
    const x = Object.fromEntries(timeline?.points.map((p) => [p.candidateId, p.x]) ?? []);
    // seed: 5 val + 4 train; t1: 4; t2: 4 + 5; the seed's re-evaluation (4) does not move it; t3: 9.
    expect(x).toEqual({ t0: 9, t1: 13, t2: 22, t3: 35 });
    expect(timeline?.totals['']).toBe(35);
  });

  it('draws the best score so far of the seed and admitted candidates as steps to the last rollout', () => {
    const val = timeline?.series.find((s) => s.split === 'val');
    expect(val?.points).toEqual([
      [9, 0.4],
      [22, 0.4],
      [22, 0.8],
      [35, 0.8],
    ]);
    const train = timeline?.series.find((s) => s.split === 'train');
    // t1 (0.25) is rejected and t3 (0.5) is no better than t2: neither moves the line.
    expect(train?.points).toEqual([
      [9, 0.5],
      [22, 0.5],
      [22, 0.75],
      [35, 0.75],
    ]);
  });

  it('estimates positions from score counts when no rollout matches a candidate', () => {
    const estimated = build([], OPTIMIZE_CANDIDATES);
    expect(estimated?.estimated).toBe(true);
    expect(estimated?.points.map((p) => p.x)).toEqual([13, 17, 26, 35]);
  });

  it('returns nothing without scored candidates', () => {
    expect(build([{ candidateId: 'x', exampleId: 'e' }], [])).toBeUndefined();
  });

  it('moves a parent back to its first child when its own rollouts come later', () => {
    const candidates: CandidateRecord[] = [
      {
        id: 'p',
        parentId: undefined,
        generation: 0,
        level: 'task',
        prompt: '',
        status: 'seed',
        scores: { val: { mean: 0.5, n: 1 } },
      },
      {
        id: 'c',
        parentId: 'p',
        generation: 1,
        level: 'task',
        prompt: '',
        status: 'admitted',
        scores: { val: { mean: 0.3, n: 1 } },
      },
    ];
    const t = build(
      [
        { candidateId: 'c', exampleId: 'a' },
        { candidateId: 'p', exampleId: 'a' },
      ],
      candidates,
    );
    expect(t?.points.map((p) => [p.candidateId, p.x])).toEqual([
      ['p', 1],
      ['c', 1],
    ]);
  });
});

describe('compareRolloutResolver', () => {
  it('gives raw ids to the run whose test evaluation comes next', () => {
    const resolve = compareRolloutResolver([
      { method: 'gepa', seed: 0 },
      { method: 'gepa', seed: 1 },
    ]);
    expect(resolve({ candidateId: 'g0' })).toEqual({ candidateId: 'gepa.s0.g0', group: 'gepa s0' });
    expect(resolve({ candidateId: 'gepa.s0.g3' })).toEqual({ candidateId: 'gepa.s0.g3', group: 'gepa s0' });
    expect(resolve({ candidateId: 'g0' })).toEqual({ candidateId: 'gepa.s1.g0', group: 'gepa s1' });
    expect(resolve({ candidateId: 'gepa.s1.g0' })).toEqual({ candidateId: 'gepa.s1.g0', group: 'gepa s1' });
    expect(resolve({ candidateId: 'late' }).group).toBe('gepa s1');
    expect(compareRolloutResolver([])({ candidateId: 'x' })).toEqual({ candidateId: 'x', group: '' });
  });
});
