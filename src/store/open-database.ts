import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SepoError } from '../errors.js';

export type Db = Database.Database;

/**
 * One schema step. Migration `i` (0-based) takes a database from `user_version` i to i + 1. All pending
 * steps run in one IMMEDIATE transaction together with the version bump, so a crash mid-migration
 * leaves the previous version intact. Never edit a released step: append a new one.
 */
export type Migration = (db: Db) => void;

/** How long a connection waits on another process's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating parent directories and the file if needed) a SQLite database in WAL mode and brings
 * its schema to `migrations.length`. A database whose `user_version` is higher was written by a newer
 * sepo and is refused, untouched, with a message saying to upgrade. `label` names the database in
 * messages ("run store", "call cache").
 */
export function openDatabase(path: string, migrations: readonly Migration[], label: string): Db {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new SepoError(`cannot create the directory of the ${label} ${path}: ${messageOf(e)}`);
  }
  let db: Db;
  try {
    db = new Database(path);
  } catch (e) {
    throw new SepoError(`cannot open the ${label} ${path}: ${messageOf(e)}`);
  }
  try {
    // busy_timeout first, so the switch to WAL waits for another process instead of failing.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkVersion(db, path, migrations.length, label);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a process crash (kill -9) loses nothing committed; a power loss may lose the
    // last transactions but never corrupts the database.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations, label);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof SepoError) throw e;
    if (codeOf(e) === 'SQLITE_NOTADB') {
      throw new SepoError(
        `${path} is not a SQLite database, so it cannot be used as the ${label}; move it away`,
      );
    }
    throw new SepoError(`cannot open the ${label} ${path}: ${messageOf(e)}`);
  }
}

/**
 * Opens an existing database read-only, for commands that only read (`sepo runs`, `show`, `export`,
 * `report`): it works on a store the user may not write (a read-only mount, another user's files) and
 * never creates a file. Undefined when the file does not exist. A database with an older schema cannot
 * be migrated read-only: `stale` is then true and the caller opens it normally instead.
 */
export function openDatabaseReadOnly(
  path: string,
  migrations: readonly Migration[],
  label: string,
): { db: Db; stale: boolean } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return openReadOnlyAt(path, path, migrations, label);
  } catch (e) {
    // A WAL database is read through its -shm file, which SQLite creates beside it: in a directory the
    // user may not write, that fails. Then a snapshot copy is read from a private temp dir.
    if (!['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR'].some((c) => codeOf(e)?.startsWith(c)))
      throw e;
    const copy = mkdtempSync(join(tmpdir(), 'sepo-store-snapshot-'));
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    const snapshot = join(copy, basename(path));
    copyFileSync(path, snapshot);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${snapshot}-wal`);
    return openReadOnlyAt(snapshot, path, migrations, label);
  }
}

function openReadOnlyAt(
  file: string,
  path: string,
  migrations: readonly Migration[],
  label: string,
): { db: Db; stale: boolean } {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new SepoError(`cannot open the ${label} ${path}: ${messageOf(e)}`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    checkVersion(db, path, migrations.length, label);
    return { db, stale: schemaVersion(db) < migrations.length };
  } catch (e) {
    db.close();
    if (e instanceof SepoError) throw e;
    if (codeOf(e)?.startsWith('SQLITE_READONLY') || codeOf(e)?.startsWith('SQLITE_CANTOPEN')) throw e;
    if (codeOf(e)?.startsWith('SQLITE_IOERR')) throw e;
    if (codeOf(e) === 'SQLITE_NOTADB') {
      throw new SepoError(`${path} is not a SQLite database, so it cannot be used as the ${label}`);
    }
    throw new SepoError(`cannot read the ${label} ${path}: ${messageOf(e)}`);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkVersion(db: Db, path: string, supported: number, label: string): void {
  const version = schemaVersion(db);
  if (version > supported) {
    throw new SepoError(
      `the ${label} ${path} has schema version ${version}, newer than this sepo supports (${supported}): ` +
        'it was written by a newer sepo; upgrade sepo (npm install -g sepo@latest) to open it',
    );
  }
}

function migrate(db: Db, path: string, migrations: readonly Migration[], label: string): void {
  if (schemaVersion(db) === migrations.length) return;
  // IMMEDIATE takes the write lock before re-reading the version, so two processes opening a fresh
  // database at once run each step exactly once.
  db.transaction(() => {
    checkVersion(db, path, migrations.length, label);
    for (let v = schemaVersion(db); v < migrations.length; v++) {
      migrations[v]?.(db);
    }
    db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function codeOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}
