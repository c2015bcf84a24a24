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
}

interface CacheRow {
  readonly text: string;
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
}

/**
 * The call cache shared by all runs of a user: completions keyed by call key. Several processes may
 * use it at once (WAL, busy timeout). Writes are batched like the run store's (see BatchWriter) and a
 * put is readable at once from this handle; call `flush()` or `close()` to make them durable.
 */
export class CallCache {
  private readonly pending = new Map<string, StoredCompletion>();
  private readonly writer: BatchWriter;
  private readonly upsert: Database.Statement<unknown[]>;
  private readonly select: Database.Statement<[string], CacheRow>;
  private closed = false;

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
    return new CallCache(db, path, options.clock ?? Date.now, options);
  }

  get(key: string): StoredCompletion | undefined {
    const buffered = this.pending.get(key);
    if (buffered !== undefined) return buffered;
    const row = this.select.get(key);
    return row === undefined ? undefined : completionFromRow(row);
  }

  /** Stores (or replaces) a successful completion. Never call it with an error. */
  put(key: string, completion: StoredCompletion): void {
    this.pending.set(key, completion);
    this.writer.add(this.upsert, [
      key,
      completion.text,
      tokenCount(completion.usage.inputTokens),
      tokenCount(completion.usage.outputTokens),
      new Date(this.clock()).toISOString(),
    ]);
  }

  /** Number of stored entries, buffered ones included. */
  size(): number {
    this.writer.flush();
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cache').get()?.n ?? 0;
  }

  flush(): void {
    this.writer.flush();
  }

  /** Flushes and closes. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.writer.flush();
    this.closed = true;
    this.db.close();
  }
}
