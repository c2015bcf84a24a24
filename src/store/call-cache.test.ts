import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallCache } from './call-cache.js';
import { defaultCachePath } from './default-cache-path.js';
import { makeCompletion, tempDir } from './test-support/fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('CallCache', () => {
  it('degrades to no cache with one warning when the disk is full, instead of failing', () => {
    const path = join(tmp.dir, 'full.db');
    const warnings: string[] = [];
    // A few pages: the schema fits, a batch of long completions does not (SQLITE_FULL, as on a full disk).
    const cache = CallCache.open(path, { warn: (m) => warnings.push(m), maxPages: 4, flushRows: 10 });
    const long = { ...makeCompletion(1), text: 'x'.repeat(20_000) };
    expect(() => {
      for (let i = 0; i < 50; i++) cache.put(`k${i}`, long);
      cache.flush();
    }).not.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/full.*continuing without caching new calls/);
    expect(cache.isWritable).toBe(false);
    cache.put('later', makeCompletion(2));
    expect(cache.get('later')).toBeUndefined();
    expect(() => cache.close()).not.toThrow();
    expect(warnings).toHaveLength(1);
  });

  it('openOrWarn: a cache that cannot be opened is no cache and one warning', () => {
    const notADirectory = join(tmp.dir, 'file');
    writeFileSync(notADirectory, 'x');
    const warnings: string[] = [];
    expect(CallCache.openOrWarn(join(notADirectory, 'cache.db'), { warn: (m) => warnings.push(m) })).toBe(
      undefined,
    );
    expect(warnings).toEqual([expect.stringMatching(/continuing without the call cache$/)]);
  });

  it('stores, replaces and persists completions', () => {
    const path = join(tmp.dir, 'deep', 'cache.db');
    const cache = CallCache.open(path);
    expect(cache.get('a')).toBeUndefined();
    cache.put('a', makeCompletion(1));
    expect(cache.get('a')).toEqual(makeCompletion(1));
    cache.put('a', makeCompletion(2));
    expect(cache.get('a')).toEqual(makeCompletion(2));
    for (let i = 0; i < 1500; i++) cache.put(`k${i}`, makeCompletion(i));
    expect(cache.size()).toBe(1501);
    cache.close();
    cache.close();

    const again = CallCache.open(path);
    expect(again.get('a')).toEqual(makeCompletion(2));
    expect(again.get('k1499')).toEqual(makeCompletion(1499));
    again.close();
  });

  it('is shared by handles open at the same time (several processes)', () => {
    const path = join(tmp.dir, 'cache.db');
    const a = CallCache.open(path);
    const b = CallCache.open(path);
    a.put('x', makeCompletion(1));
    a.flush();
    expect(b.get('x')).toEqual(makeCompletion(1));
    b.put('y', makeCompletion(2));
    b.flush();
    expect(a.get('y')).toEqual(makeCompletion(2));
    a.close();
    b.close();
  });

  it('has no column for errors', () => {
    const path = join(tmp.dir, 'cache.db');
    CallCache.open(path).close();
    const db = new Database(path, { readonly: true });
    const columns = db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('cache')`)
      .all()
      .map((c) => c.name);
    db.close();
    expect(columns).toEqual(['key', 'text', 'input_tokens', 'output_tokens', 'created_at']);
  });

  it('batches writes: committed at the interval or on flush', () => {
    let now = 0;
    const path = join(tmp.dir, 'cache.db');
    const cache = CallCache.open(path, { clock: () => now });
    const committed = () => {
      const db = new Database(path, { readonly: true });
      const n = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cache').get()?.n;
      db.close();
      return n;
    };
    cache.put('a', makeCompletion(1));
    expect(committed()).toBe(0);
    now = 150;
    cache.put('b', makeCompletion(2));
    expect(committed()).toBe(2);
    cache.put('c', makeCompletion(3));
    cache.flush();
    expect(committed()).toBe(3);
    cache.close();
  });
});

describe('defaultCachePath', () => {
  it('prefers SEPO_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultCachePath({ SEPO_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/c/cache.db');
    expect(defaultCachePath({ SEPO_CACHE_DIR: '', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe(
      '/x/sepo/cache.db',
    );
    expect(defaultCachePath({}, '/home/u')).toBe('/home/u/.cache/sepo/cache.db');
  });
});
