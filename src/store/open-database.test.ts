import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SepoError } from '../errors.js';
import { type Migration, openDatabase, schemaVersion } from './open-database.js';
import { RUN_MIGRATIONS } from './run-migrations.js';
import { RunStore } from './run-store.js';
import { tempDir } from './test-support/fixtures.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('openDatabase', () => {
  it('migrates an empty database to the latest schema with WAL and the pragmas set', () => {
    const path = join(tmp.dir, 'nested', 'dir', 'a.db');
    const db = openDatabase(path, RUN_MIGRATIONS, 'run store');
    expect(schemaVersion(db)).toBe(RUN_MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(tables(path)).toEqual([
      'artifacts',
      'candidates',
      'completions',
      'events',
      'leases',
      'rollouts',
      'runs',
      'spend',
    ]);
  });

  it('reopening is idempotent and keeps the data', () => {
    const store = RunStore.open(tmp.dir);
    const run = store.createRun({ kind: 'eval', config: {}, seed: 1, versions: {} });
    store.close();
    for (let i = 0; i < 3; i++) {
      const again = RunStore.open(tmp.dir);
      expect(again.listRuns().map((r) => r.id)).toEqual([run.id]);
      again.close();
    }
  });

  it('applies only the pending migrations of an older database, in order', () => {
    const path = join(tmp.dir, 'm.db');
    const applied: number[] = [];
    const step =
      (n: number): Migration =>
      (db) => {
        applied.push(n);
        db.exec(`CREATE TABLE t${n} (x INTEGER)`);
      };
    openDatabase(path, [step(0)], 'test db').close();
    const db = openDatabase(path, [step(0), step(1), step(2)], 'test db');
    expect(applied).toEqual([0, 1, 2]);
    expect(schemaVersion(db)).toBe(3);
    db.close();
    expect(tables(path)).toEqual(['t0', 't1', 't2']);
  });

  it('rolls back a failing migration, leaving the previous version', () => {
    const path = join(tmp.dir, 'f.db');
    openDatabase(path, [(db) => db.exec('CREATE TABLE a (x INTEGER)')], 'test db').close();
    const failing: Migration = (db) => {
      db.exec('CREATE TABLE b (x INTEGER)');
      throw new Error('boom');
    };
    expect(() =>
      openDatabase(path, [(db) => db.exec('CREATE TABLE a (x INTEGER)'), failing], 'test db'),
    ).toThrow(/boom/);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    raw.close();
    expect(tables(path)).toEqual(['a']);
  });

  it('refuses a database written by a newer sepo, untouched, telling to upgrade', () => {
    const path = join(tmp.dir, RunStore.FILE_NAME);
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    let error: unknown;
    try {
      RunStore.open(tmp.dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SepoError);
    expect((error as Error).message).toMatch(/schema version 99/);
    expect((error as Error).message).toMatch(/upgrade sepo/);
    expect(tables(path)).toEqual([]);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  it('refuses a file that is not a database with a SepoError', () => {
    writeFileSync(join(tmp.dir, RunStore.FILE_NAME), 'this is not sqlite at all, just some text '.repeat(50));
    expect(() => RunStore.open(tmp.dir)).toThrow(SepoError);
    expect(() => RunStore.open(tmp.dir)).toThrow(/not a SQLite database/);
  });
});
