import type Database from 'better-sqlite3';
import type { StoredCompletion } from '../engine/ports.js';
import { BatchWriter, DEFAULT_BATCH_POLICY } from './batch-writer.js';
import { type Db, type Migration, openDatabase } from './open-database.js';
import { tokenCount } from './rollout-rows.js';
import { completionFromRow } from './run-log.js';

/** Schema of the shared cache database. There is no error column: errors are never cached. */
export const CACHE_MIGRATIONS: readonly Migration[] = [
  (db) => {
    db.exec(`
      CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
];

export interface CallCacheOptions {
  /** Epoch milliseconds; used for timestamps and the flush interval. */
  readonly clock?: () => number;
  readonly flushRows?: number;
  readonly flushIntervalMs?: number;
  /** Where the one warning goes when the cache cannot be written (default: a line on stderr). */
  readonly warn?: (message: string) => void;
  /**
   * Caps the database at this many pages (SQLite's max_page_count): writes past it fail as on a full
   * disk. For tests of that failure.
   */
  readonly maxPages?: number;
}

const warnOnStderr = (message: string): void => {
  process.stderr.write(`sepo: warning: ${message}\n`);
};

interface CacheRow {
  readonly text: string;
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
}

/**
 * The call cache shared by all runs of a user: completions keyed by call key. Several processes may
 * use it at once (WAL, busy timeout). Writes are batched like the run store's (see BatchWriter) and a
 * put is readable at once from this handle; call `flush()` or `close()` to make them durable.
 *
 * The cache is optional, so it never fails a run: when a write fails (a full disk, a read-only file, a
 * lock held too long) it warns once and stops writing (reads go on); `openOrWarn` does the same for a
 * cache that cannot be opened.
 */
export class CallCache {
  private readonly pending = new Map<string, StoredCompletion>();
  private readonly writer: BatchWriter;
  private readonly upsert: Database.Statement<unknown[]>;
  private readonly select: Database.Statement<[string], CacheRow>;
  private closed = false;
  private writable = true;
  private readonly warn: (message: string) => void;

  private constructor(
    private readonly db: Db,
    readonly path: string,
    private readonly clock: () => number,
    options: CallCacheOptions,
  ) {
    this.writer = new BatchWriter(
      db,
      {
        maxRows: options.flushRows ?? DEFAULT_BATCH_POLICY.maxRows,
        maxAgeMs: options.flushIntervalMs ?? DEFAULT_BATCH_POLICY.maxAgeMs,
        clock,
      },
      `call cache ${path}`,
    );
    this.warn = options.warn ?? warnOnStderr;
    this.writer.onFlush(() => this.pending.clear());
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO cache (key, text, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
    this.select = db.prepare<[string], CacheRow>(
      'SELECT text, input_tokens, output_tokens FROM cache WHERE key = ?',
    );
  }

  /** Opens (creating directories and the file if needed) the cache database at `path`. */
  static open(path: string, options: CallCacheOptions = {}): CallCache {
    const db = openDatabase(path, CACHE_MIGRATIONS, 'call cache');
    if (options.maxPages !== undefined) db.pragma(`max_page_count = ${Math.floor(options.maxPages)}`);
    return new CallCache(db, path, options.clock ?? Date.now, options);
  }

  /** `open`, or undefined after one warning when the cache cannot be opened: runs go on without it. */
  static openOrWarn(path: string, options: CallCacheOptions = {}): CallCache | undefined {
    try {
      return CallCache.open(path, options);
    } catch (error) {
      (options.warn ?? warnOnStderr)(
        `${error instanceof Error ? error.message : String(error)}; continuing without the call cache`,
      );
      return undefined;
    }
  }

  /** False once a write failed: the cache then only answers reads. */
  get isWritable(): boolean {
    return this.writable;
  }

  /** Runs a write; the first failure warns, drops what was buffered and turns writing off. */
  private write(action: () => void): void {
    if (!this.writable) return;
    try {
      action();
    } catch (error) {
      this.writable = false;
      this.writer.discard();
      this.pending.clear();
      this.warn(
        `${error instanceof Error ? error.message : String(error)}; continuing without caching new calls`,
      );
    }
  }

  get(key: string): StoredCompletion | undefined {
    const buffered = this.pending.get(key);
    if (buffered !== undefined) return buffered;
    const row = this.select.get(key);
    return row === undefined ? undefined : completionFromRow(row);
  }

  /** Stores (or replaces) a successful completion. Never call it with an error. */
  put(key: string, completion: StoredCompletion): void {
    if (!this.writable) return;
    this.pending.set(key, completion);
    this.write(() =>
      this.writer.add(this.upsert, [
        key,
        completion.text,
        tokenCount(completion.usage.inputTokens),
        tokenCount(completion.usage.outputTokens),
        new Date(this.clock()).toISOString(),
      ]),
    );
  }

  /** Number of stored entries, buffered ones included. */
  size(): number {
    this.write(() => this.writer.flush());
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cache').get()?.n ?? 0;
  }

  flush(): void {
    this.write(() => this.writer.flush());
  }

  /** Flushes and closes. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.write(() => this.writer.flush());
    this.closed = true;
    this.db.close();
  }
}
