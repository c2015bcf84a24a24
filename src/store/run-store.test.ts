import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SepoError } from '../errors.js';
import type { CandidateRecord } from './records.js';
import { RUN_ID_PATTERN } from './run-id.js';
import { RunStore } from './run-store.js';
import { makeRollout, rolloutMeta, tempDir } from './test-support/fixtures.js';

let tmp: ReturnType<typeof tempDir>;
let store: RunStore;
beforeEach(() => {
  tmp = tempDir();
  store = RunStore.open(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

const newRun = {
  kind: 'optimize',
  config: { task: 'gsm8k', budget: { rollouts: 100 } },
  seed: 7,
  versions: { sepo: '0.1.0' },
};

/** Rows of a table as another process would see them: only what has been committed. */
function committedCount(table: string): number {
  const db = new Database(join(tmp.dir, RunStore.FILE_NAME), { readonly: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
  } finally {
    db.close();
  }
}

describe('runs', () => {
  it('creates, reads, finishes and resumes a run', () => {
    const run = store.createRun(newRun);
    expect(run.id).toMatch(RUN_ID_PATTERN);
    expect(run).toMatchObject({ ...newRun, status: 'running', result: undefined });
    expect(store.getRun(run.id)).toEqual(run);

    const finished = store.finishRun(run.id, 'finished', { best: 'c3', accuracy: 0.81 });
    expect(finished.status).toBe('finished');
    expect(finished.result).toEqual({ best: 'c3', accuracy: 0.81 });

    expect(store.resumeRun(run.id).status).toBe('running');
    // Finishing without a result keeps the stored one.
    expect(store.finishRun(run.id, 'budget-exhausted').result).toEqual({ best: 'c3', accuracy: 0.81 });

    store.close();
    store = RunStore.open(tmp.dir);
    expect(store.getRun(run.id)?.status).toBe('budget-exhausted');
  });

  it('formats ids from the clock and lists runs newest first', () => {
    let now = Date.UTC(2026, 10, 22, 2, 15, 30);
    let n = 0;
    store.close();
    store = RunStore.open(tmp.dir, {
      clock: () => now,
      randomSuffix: () => ['ab12', 'ab12', 'cd34', 'ef56'][n++] ?? 'zz',
    });
    const a = store.createRun(newRun);
    expect(a.id).toBe('r20261122-021530-ab12');
    // Same second, same suffix: a fresh suffix is drawn instead of failing.
    const b = store.createRun({ ...newRun, kind: 'eval' });
    expect(b.id).toBe('r20261122-021530-cd34');
    now += 60_000;
    const c = store.createRun(newRun);
    expect(store.listRuns().map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(store.listRuns({ kind: 'eval' }).map((r) => r.id)).toEqual([b.id]);
    expect(store.latestRun()?.id).toBe(c.id);
    expect(store.latestRun('eval')?.id).toBe(b.id);
    expect(store.latestRun('diagnose')).toBeUndefined();
  });

  it('reports an unknown run with a message saying how to list runs', () => {
    expect(store.getRun('r1-nope')).toBeUndefined();
    expect(() => store.requireRun('r1-nope')).toThrow(SepoError);
    expect(() => store.requireRun('r1-nope')).toThrow(
      `no run r1-nope in ${tmp.dir}; list runs with \`sepo runs\``,
    );
    expect(() => store.finishRun('r1-nope', 'failed')).toThrow(/no run r1-nope/);
    expect(() => store.rolloutSink('r1-nope')).toThrow(/no run r1-nope/);
    expect(() => store.completions('r1-nope')).toThrow(/no run r1-nope/);
    expect(() => store.appendEvent('r1-nope', 'log', {})).toThrow(/no run r1-nope/);
  });

  it('rejects a non-integer seed', () => {
    expect(() => store.createRun({ ...newRun, seed: 1.5 })).toThrow(/seed/);
  });

  it('deletes a run with everything recorded for it', () => {
    const run = store.createRun(newRun);
    const other = store.createRun(newRun);
    store.rolloutSink(run.id).record(makeRollout(0), rolloutMeta(0));
    store.rolloutSink(other.id).record(makeRollout(0), rolloutMeta(0));
    store.putArtifact(run.id, 'x', 1);
    expect(store.deleteRun(run.id)).toBe(true);
    expect(store.deleteRun(run.id)).toBe(false);
    expect(store.getRun(run.id)).toBeUndefined();
    expect(store.countRollouts(run.id)).toBe(0);
    expect(store.countRollouts(other.id)).toBe(1);
    expect(store.getArtifact(run.id, 'x')).toBeUndefined();
  });
});

describe('candidates, events, artifacts', () => {
  it('upserts candidates, keeping their first position', () => {
    const { id } = store.createRun(newRun);
    const seed: CandidateRecord = {
      id: 'c0',
      parentId: undefined,
      generation: 0,
      level: 'task',
      prompt: 'Think step by step.',
      status: 'seed',
      scores: {},
    };
    store.saveCandidate(id, seed);
    store.saveCandidate(id, {
      ...seed,
      id: 'c1',
      parentId: 'c0',
      generation: 1,
      status: 'proposed',
      meta: { why: 'x' },
    });
    store.saveCandidate(id, { ...seed, scores: { val: { mean: 0.5, n: 40 } }, status: 'admitted' });
    const got = store.candidates(id);
    expect(got.map((c) => c.id)).toEqual(['c0', 'c1']);
    expect(got[0]).toEqual({ ...seed, status: 'admitted', scores: { val: { mean: 0.5, n: 40 } }, meta: {} });
    expect(got[1]).toMatchObject({ parentId: 'c0', generation: 1, meta: { why: 'x' } });
  });

  it('appends events in order and stores artifacts as JSON', () => {
    const { id } = store.createRun(newRun);
    store.appendEvent(id, 'candidate-proposed', { type: 'candidate-proposed', candidateId: 'c1' });
    store.appendEvent(id, 'stopped', { type: 'stopped', reason: 'budget' });
    const events = store.events(id);
    expect(events.map((e) => e.type)).toEqual(['candidate-proposed', 'stopped']);
    expect(events[1]?.payload).toEqual({ type: 'stopped', reason: 'budget' });
    expect(events[0]!.seq).toBeLessThan(events[1]!.seq);

    const tensor = { shape: [2, 3], data: [0, 1, 1, 0.5, 0, 1] };
    store.putArtifact(id, 'reward-tensor', tensor);
    store.putArtifact(id, 'analysis', { note: 'first' });
    store.putArtifact(id, 'analysis', { note: 'second' });
    expect(store.getArtifact(id, 'reward-tensor')).toEqual(tensor);
    expect(store.getArtifact(id, 'analysis')).toEqual({ note: 'second' });
    expect(store.getArtifact(id, 'missing')).toBeUndefined();
    expect(store.artifactNames(id)).toEqual(['analysis', 'reward-tensor']);
  });
});

describe('rollouts', () => {
  it('round-trips a rollout, optional fields and unknown usage included', () => {
    const { id } = store.createRun(newRun);
    const sink = store.rolloutSink(id);
    const full = makeRollout(1, { extracted: '42', failure: 'timeout', source: 'cache' });
    const bare = makeRollout(2, { usage: { inputTokens: undefined, outputTokens: undefined } });
    sink.record(full, rolloutMeta(1));
    sink.record(bare, rolloutMeta(2));
    const got = [...store.rollouts(id)];
    expect(got).toHaveLength(2);
    expect(got[0]).toMatchObject({ ...full, promptHash: 'h1', callKey: 'k1' });
    expect(got[1]).toMatchObject({ ...bare, promptHash: 'h2', callKey: 'k2' });
    expect(got[1]).not.toHaveProperty('extracted');
    expect(got[1]).not.toHaveProperty('failure');
    expect(got[1]?.usage).toEqual({ inputTokens: undefined, outputTokens: undefined });
    expect([...store.rollouts(id, { candidateId: 'c1' })].map((r) => r.exampleId)).toEqual(['e1']);
    expect(store.countRollouts(id, { candidateId: 'c2' })).toBe(1);
  });

  it('keeps one row when the same rollout is recorded again (resume)', () => {
    const { id } = store.createRun(newRun);
    const sink = store.rolloutSink(id);
    sink.record(makeRollout(5), rolloutMeta(5));
    sink.flush();
    sink.record(makeRollout(5, { response: 'second', source: 'replay' }), rolloutMeta(5));
    sink.record(makeRollout(5, { sample: 1 }), rolloutMeta(5));
    expect(store.countRollouts(id)).toBe(2);
    expect([...store.rollouts(id)][0]?.response).toBe('response 5');
  });

  it('refuses values the table would reject, at the caller', () => {
    const { id } = store.createRun(newRun);
    const sink = store.rolloutSink(id);
    expect(() => sink.record(makeRollout(0, { score: Number.NaN }), rolloutMeta(0))).toThrow(/score/);
    expect(() => sink.record(makeRollout(0, { sample: 0.5 }), rolloutMeta(0))).toThrow(/sample/);
    sink.record(makeRollout(0), rolloutMeta(0));
    expect(store.countRollouts(id)).toBe(1);
  });

  it('records 20,000 rollouts', () => {
    const { id } = store.createRun(newRun);
    const sink = store.rolloutSink(id);
    for (let i = 0; i < 20_000; i++) sink.record(makeRollout(i), rolloutMeta(i));
    sink.flush();
    expect(store.countRollouts(id)).toBe(20_000);
  });
});

describe('write batching', () => {
  it('commits at the row limit, after the interval, and on flush', () => {
    let now = 0;
    store.close();
    store = RunStore.open(tmp.dir, { clock: () => now, flushRows: 10, flushIntervalMs: 100 });
    const { id } = store.createRun(newRun);
    const sink = store.rolloutSink(id);
    const log = store.completions(id);

    for (let i = 0; i < 9; i++) sink.record(makeRollout(i), rolloutMeta(i));
    expect(committedCount('rollouts')).toBe(0);
    sink.record(makeRollout(9), rolloutMeta(9));
    expect(committedCount('rollouts')).toBe(10);

    log.putInRun('a', 'task', { text: 'A', usage: { inputTokens: 1, outputTokens: 1 } });
    now += 50;
    sink.record(makeRollout(10), rolloutMeta(10));
    expect(committedCount('completions')).toBe(0);
    // Readable before it is committed.
    expect(log.getFromRun('a')?.text).toBe('A');
    now += 60;
    log.putInRun('b', 'optimizer', { text: 'B', usage: { inputTokens: 1, outputTokens: 1 } });
    // 110 ms since the last commit: both buffers went out together.
    expect(committedCount('completions')).toBe(2);
    expect(committedCount('rollouts')).toBe(11);

    store.appendEvent(id, 'log', { message: 'x' });
    expect(committedCount('events')).toBe(0);
    store.flush();
    expect(committedCount('events')).toBe(1);
  });
});
