import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Spend } from '../spec/usage.js';
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

const line = {
  rollouts: 4,
  calls: 3,
  cacheHits: 1,
  replayed: 0,
  failures: 0,
  inputTokens: 30,
  outputTokens: 15,
  usd: 0.03,
  wallMs: 20,
};

describe('recorded spend', () => {
  it('keeps the latest spend of each line of a run, across reopening; an unknown price stays unknown', () => {
    const run = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    const spend: Spend = { task: line, optimizer: { ...line, usd: undefined } };
    store.saveSpend(run.id, '', { task: { ...line, calls: 1 }, optimizer: line });
    store.saveSpend(run.id, '', spend);
    store.saveSpend(run.id, 'test/s0', { task: line, optimizer: line });
    store.close();
    store = RunStore.open(tmp.dir);
    const lines = store.spendLines(run.id);
    expect([...lines.keys()].sort()).toEqual(['', 'test/s0']);
    expect(lines.get('')).toEqual(spend);
    expect(store.spendLines('r-none').size).toBe(0);
  });

  it('commits the spend a callback saves before each commit together with the rows it accounts for', () => {
    const run = store.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    let calls = 0;
    store.onBeforeCommit(() => store.saveSpend(run.id, '', { task: { ...line, calls }, optimizer: line }));
    const sink = store.rolloutSink(run.id);
    for (let i = 0; i < 3; i++) {
      calls++;
      sink.record(makeRollout(i), rolloutMeta(i));
    }
    store.flush();
    expect(store.countRollouts(run.id)).toBe(3);
    expect(store.spendLines(run.id).get('')?.task.calls).toBe(3);
  });
});
