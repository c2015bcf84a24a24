import { describe, expect, it } from 'vitest';
import { buildReportModel, candidatesFromEvents } from './build-report-model.js';
import { compareInput, diagnoseInput } from './test-support/analysis-fixtures.js';
import { INJECTION, optimizeEvents, optimizeInput, runRecord } from './test-support/report-fixtures.js';

describe('buildReportModel: optimize', () => {
  const m = buildReportModel(optimizeInput());

  it('summarizes task, models, method, budget, spend per role and seed vs best with intervals', () => {
    expect(m.simulated).toBe(true);
    expect(m.summary).toMatchObject({
      task: 'sim:demo',
      model: 'sim:demo',
      optimizerModel: 'sim:demo',
      method: 'sepo',
      seed: 0,
      bestId: 't2',
      seedId: 't0',
      chosenBy: 'val',
      stopReason: 'finished 2 generations',
      budget: { rollouts: 60, maxCostUsd: undefined },
    });
    expect(m.summary.spend.map((r) => [r.role, r.rollouts, r.usd])).toEqual([
      ['task model', 60, 0.0123],
      ['optimizer model', 3, 0.004],
    ]);
    const test = m.summary.scores.find((r) => r.split === 'test');
    expect(test).toMatchObject({ n: 6, seed: { mean: 0.5, low: 0.19, high: 0.81 }, best: { mean: 0.667 } });
    expect(m.summary.scores.map((r) => r.split)).toEqual(['train', 'val', 'test']);
    expect(m.summary.difference).toEqual({ mean: 0.167, low: -0.3, high: 0.63, p: 0.48 });
  });

  it('builds the lineage with parents, best mark, rationale and word diffs', () => {
    const nodes = m.lineage?.nodes ?? [];
    expect(nodes.map((n) => [n.id, n.parentId, n.status, n.isBest])).toEqual([
      ['t0', undefined, 'seed', false],
      ['t1', 't0', 'rejected', false],
      ['t2', 't0', 'admitted', true],
      ['t3', 't2', 'admitted', false],
    ]);
    expect(nodes[0]?.children).toBe(2);
    expect(nodes[0]?.diff).toBeUndefined();
    expect(nodes[2]?.diff?.filter((p) => p.op === 'add').map((p) => p.text.trim())).toEqual([
      'Check the units.',
    ]);
    expect(nodes[2]?.rationale).toBe('Added a units check.');
    expect(nodes[2]?.score).toBe(0.8);
    expect(nodes[1]?.score).toBe(0.25);
  });

  it('tables the per-example test flips with the responses of both prompts', () => {
    const f = m.flips;
    expect(f).toMatchObject({ n: 6, binary: true, improved: 2, worsened: 1, bothRight: 2, bothWrong: 1 });
    expect(f?.rows.slice(0, 3).map((r) => [r.id, r.seed, r.best])).toEqual([
      ['te3', 1, 0],
      ['te1', 0, 1],
      ['te5', 0, 1],
    ]);
    expect(f?.rows[0]?.seedResponse).toBe(`seed says ${INJECTION}`);
    expect(f?.rows[0]?.bestResponse).toBe('best answer for te3');
    expect(f?.rows[3]?.seedResponse).toBeUndefined();
  });

  it('has a timeline and no diagnose or compare parts', () => {
    expect(m.timeline?.points).toHaveLength(4);
    expect(m.diagnose).toBeUndefined();
    expect(m.compare).toBeUndefined();
    expect(m.notes).toEqual([]);
  });
});

describe('buildReportModel: robustness', () => {
  it('renders a run with no result, no candidates and no rollouts', () => {
    const m = buildReportModel({
      run: runRecord('optimize', undefined, { status: 'running', config: {} }),
      candidates: [],
    });
    expect(m.summary.scores).toEqual([]);
    expect(m.summary.spend).toEqual([]);
    expect(m.timeline).toBeUndefined();
    expect(m.lineage).toBeUndefined();
    expect(m.flips).toBeUndefined();
    expect(m.notes.join(' ')).toContain('running');
  });

  it('reads a failed run’s error and spend, and models from the config', () => {
    const m = buildReportModel({
      run: runRecord(
        'optimize',
        { error: 'budget exhausted', spend: { task: { rollouts: 3 } } },
        { status: 'failed', config: { model: 'openai:gpt-4.1-mini' } },
      ),
      candidates: [],
    });
    expect(m.summary.error).toBe('budget exhausted');
    expect(m.summary.model).toBe('openai:gpt-4.1-mini');
    expect(m.summary.spend[0]).toMatchObject({
      role: 'task model',
      rollouts: 3,
      calls: undefined,
      usd: undefined,
    });
    expect(m.simulated).toBe(false);
  });

  it('ignores malformed fields instead of failing', () => {
    const m = buildReportModel({
      run: runRecord('optimize', {
        result: {
          test: { seed: 'x', best: { mean: null }, perExample: { ids: [1, 'a'], seed: 'no' } },
          archive: 5,
          spend: [],
        },
      }),
      candidates: [],
      artifacts: { analysis: 'not an object' },
    });
    expect(m.summary.scores).toEqual([]);
    expect(m.flips).toBeUndefined();
    expect(m.diagnose).toBeUndefined();
  });

  it('reads an eval run’s accuracy', () => {
    const m = buildReportModel({
      run: runRecord('eval', {
        result: { accuracy: { mean: 0.7, low: 0.5, high: 0.85, level: 0.95 }, n: 20, split: 'test' },
      }),
      candidates: [],
    });
    expect(m.summary.accuracy).toEqual({ mean: 0.7, low: 0.5, high: 0.85, n: 20, split: 'test' });
    expect(m.summary.method).toBeUndefined();
  });

  it('rebuilds candidates from events when none were stored', () => {
    const rebuilt = candidatesFromEvents(optimizeEvents());
    expect(rebuilt.map((c) => [c.id, c.parentId, c.status, c.scores.train?.mean])).toEqual([
      ['t1', 't0', 'rejected', 0.25],
      ['t2', 't0', 'admitted', 0.75],
    ]);
    const m = buildReportModel({
      run: runRecord('optimize', undefined),
      candidates: [],
      events: optimizeEvents(),
    });
    expect(m.lineage?.nodes).toHaveLength(2);
    expect(m.notes.join(' ')).toContain('rebuilt from the run’s events');
    expect(m.summary.stopReason).toBe('finished 2 generations');
  });
});

describe('buildReportModel: diagnose', () => {
  const m = buildReportModel(diagnoseInput());

  it('shows the verdict, decomposition with intervals, curves, subsets and prompts', () => {
    const d = m.diagnose;
    expect(d?.headline).toContain('heterogeneous');
    expect(d?.recommendation).toBe('filter');
    expect(d?.decomposition.find((r) => r.name === 'signal')).toEqual({
      name: 'signal',
      value: 0.0081,
      low: 0.002,
      high: 0.014,
    });
    expect(d?.shape).toEqual({ prompts: 4, examples: 8, samples: 4 });
    expect(d?.kCurve.map((p) => p.size)).toEqual([1, 2, 4, 8]);
    expect(d?.mCurve).toHaveLength(3);
    expect(d?.subsets[0]).toEqual({
      ids: ['e2', 'e5'],
      score: 0.031,
      low: 0.004,
      high: 0.07,
      ratio: 3.4,
      samplesNeeded: 5,
    });
    expect(d?.subsets[1]?.samplesNeeded).toBeUndefined();
    expect(d?.prompts.map((p) => [p.id, p.meanReward])).toEqual([
      ['g0', 0.4],
      ['g1', 0.5],
      ['g2', 0.6],
      ['g3', undefined],
    ]);
  });

  it('has no timeline and no lineage of parentless prompts', () => {
    expect(m.timeline).toBeUndefined();
    expect(m.lineage).toBeUndefined();
    expect(m.summary.optimizerModel).toBe('sim:demo');
  });

  it('also shows a training-set selection stored by `optimize --select`', () => {
    const input = optimizeInput();
    const withSelection = buildReportModel({
      ...input,
      artifacts: {
        selection: {
          record: {},
          analysis: diagnoseInput().artifacts?.analysis,
          prompts: [{ id: 'p0', prompt: 'x' }],
        },
      },
    });
    expect(withSelection.diagnose?.source).toContain('--select');
    expect(withSelection.diagnose?.prompts[0]?.id).toBe('p0');
  });
});

describe('buildReportModel: compare', () => {
  const m = buildReportModel(compareInput());

  it('reads the per-method table', () => {
    expect(m.compare?.baseline).toBe('manual');
    expect(
      m.compare?.rows.map((r) => [r.method, r.seeds, r.accuracy?.mean, r.difference?.mean, r.usd, r.wallMs]),
    ).toEqual([
      ['sepo', 2, 0.6, 0.05, 0.03, 1500],
      ['gepa', 2, 0.55, 0.05, 0.02, 1500],
      ['manual', 2, 0.5, undefined, 0.01, 1500],
    ]);
    expect(m.compare?.rows[0]?.difference?.p).toBe(0.2);
    expect(m.summary.method).toBe('sepo, gepa, manual');
  });

  it('draws one timeline line per run from raw rollout ids', () => {
    const t = m.timeline;
    expect(t?.estimated).toBe(false);
    // manual spends nothing on optimization: it has no rollouts and no line.
    expect(t?.groups).toEqual(['sepo s0', 'sepo s1', 'gepa s0', 'gepa s1']);
    expect(t?.totals['sepo s1']).toBe(7);
    const gepa1 = t?.points.filter((p) => p.group === 'gepa s1').map((p) => [p.candidateId, p.x]);
    expect(gepa1).toEqual([
      ['gepa.s1.c0', 3],
      ['gepa.s1.c1', 7],
    ]);
  });

  it('reads prefixed rollout ids as well', () => {
    const t = buildReportModel(compareInput({ prefixedRollouts: true })).timeline;
    expect(t?.groups).toEqual(['sepo s0', 'sepo s1', 'gepa s0', 'gepa s1']);
    expect(t?.points.find((p) => p.candidateId === 'gepa.s1.c1')?.x).toBe(7);
  });

  it('groups the lineage by run, marks each run’s best, and sums the runs’ spend', () => {
    const nodes = m.lineage?.nodes ?? [];
    expect(nodes.find((n) => n.id === 'gepa.s1.c1')).toMatchObject({
      group: 'gepa s1',
      parentId: 'gepa.s1.c0',
      isBest: true,
    });
    expect(nodes.filter((n) => n.isBest)).toHaveLength(6);
    expect(m.summary.spend[0]?.rollouts).toBe(6 * 60);
    expect(m.summary.spend[0]?.usd).toBeCloseTo(6 * 0.0123);
  });
});
