import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCache } from './call-cache.js';
import { RunStore } from './run-store.js';
import { makeCompletion, tempDir } from './test-support/fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const newRun = { kind: 'optimize', config: {}, seed: 1, versions: {} };

describe('RunStore.completions', () => {
  it('keeps the run log across close and reopen (resume), per run', () => {
    let store = RunStore.open(tmp.dir);
    const run = store.createRun(newRun);
    const other = store.createRun(newRun);
    const log = store.completions(run.id);
    for (let i = 0; i < 1200; i++)
      log.putInRun(`k${i}`, i % 2 === 0 ? 'task' : 'optimizer', makeCompletion(i));
    log.putInRun('unreported', 'task', {
      text: 'x',
      usage: { inputTokens: undefined, outputTokens: undefined },
    });
    store.close();

    store = RunStore.open(tmp.dir);
    const resumed = store.completions(run.id);
    for (let i = 0; i < 1200; i++) expect(resumed.getFromRun(`k${i}`)).toEqual(makeCompletion(i));
    expect(resumed.getFromRun('unreported')).toEqual({
      text: 'x',
      usage: { inputTokens: undefined, outputTokens: undefined },
    });
    expect(resumed.getFromRun('k9999')).toBeUndefined();
    // The log is per run.
    expect(store.completions(other.id).getFromRun('k0')).toBeUndefined();
    // A key keeps the completion the run first used.
    resumed.putInRun('k0', 'task', { text: 'other', usage: { inputTokens: 0, outputTokens: 0 } });
    store.flush();
    expect(resumed.getFromRun('k0')).toEqual(makeCompletion(0));
    store.close();
  });

  it('shares the call cache between runs and stores nothing shared without one', () => {
    const cache = CallCache.open(join(tmp.dir, 'cache', 'cache.db'));
    const store = RunStore.open(join(tmp.dir, 'runs'));
    const a = store.completions(store.createRun(newRun).id, cache);
    const b = store.completions(store.createRun(newRun).id, cache);
    a.putShared('key', makeCompletion(3));
    expect(b.getShared('key')).toEqual(makeCompletion(3));
    expect(b.getFromRun('key')).toBeUndefined();

    const uncached = store.completions(store.createRun(newRun).id);
    expect(uncached.getShared('key')).toBeUndefined();
    uncached.putShared('other', makeCompletion(4));
    expect(uncached.getShared('other')).toBeUndefined();
    expect(cache.get('other')).toBeUndefined();
    store.close();
    cache.close();

    // Another store (another run directory) sees the same cache.
    const cache2 = CallCache.open(join(tmp.dir, 'cache', 'cache.db'));
    const store2 = RunStore.open(join(tmp.dir, 'runs2'));
    expect(store2.completions(store2.createRun(newRun).id, cache2).getShared('key')).toEqual(
      makeCompletion(3),
    );
    store2.close();
    cache2.close();
  });
});
