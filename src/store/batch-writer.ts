import type Database from 'better-sqlite3';
import { SepoError } from '../errors.js';
import type { Db } from './open-database.js';

export interface BatchPolicy {
  /** Flush when this many rows are buffered. */
  readonly maxRows: number;
  /** Flush on the next write once this many milliseconds have passed since the last flush. */
  readonly maxAgeMs: number;
  /** Milliseconds; only differences are used. */
  readonly clock: () => number;
}

export const DEFAULT_BATCH_POLICY: Omit<BatchPolicy, 'clock'> = { maxRows: 500, maxAgeMs: 100 };

type Statement = Database.Statement<unknown[]>;

/**
 * Buffers single-row writes (any prepared statements, kept in order) and commits them in one
 * transaction. A flush happens when the buffer reaches `maxRows`, on the first write more than
 * `maxAgeMs` after the previous flush, and on `flush()`. There is no timer: an idle writer keeps its
 * buffer until the next write or `flush()`, so a kill -9 loses at most that buffer; since each flush
 * is one transaction, the database never holds half a batch.
 *
 * If a commit fails (disk full, lock timeout) the rows stay buffered and the error is rethrown as a
 * SepoError; the next flush retries them.
 */
export class BatchWriter {
  private rows: Array<{ readonly statement: Statement; readonly params: readonly unknown[] }> = [];
  private lastFlush: number;
  private readonly listeners: Array<() => void> = [];
  private readonly preparers: Array<() => void> = [];
  /** True while `onBeforeCommit` callbacks run: their rows join the commit instead of starting one. */
  private preparing = false;
  private readonly commit: () => void;

  constructor(
    db: Db,
    private readonly policy: BatchPolicy,
    private readonly label: string,
  ) {
    this.lastFlush = policy.clock();
    this.commit = db.transaction(() => {
      for (const row of this.rows) row.statement.run(...row.params);
    });
  }

  get pending(): number {
    return this.rows.length;
  }

  add(statement: Statement, params: readonly unknown[]): void {
    this.rows.push({ statement, params });
    if (this.preparing) return;
    if (
      this.rows.length >= this.policy.maxRows ||
      this.policy.clock() - this.lastFlush >= this.policy.maxAgeMs
    ) {
      this.flush();
    }
  }

  /** Registers a callback run after each successful commit (to drop read-through copies of rows). */
  onFlush(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Drops the buffered rows without writing them (a writer that is given up on). */
  discard(): void {
    this.rows = [];
  }

  /**
   * Registers a callback run just before each commit of buffered rows; the rows it adds are committed
   * in the same transaction (e.g. a summary that must never lag the rows it summarises).
   */
  onBeforeCommit(preparer: () => void): void {
    this.preparers.push(preparer);
  }

  flush(): void {
    this.lastFlush = this.policy.clock();
    if (this.rows.length === 0) return;
    this.preparing = true;
    try {
      for (const preparer of this.preparers) preparer();
    } finally {
      this.preparing = false;
    }
    try {
      this.commit();
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new SepoError(`cannot write to the ${this.label}: ${detail}`);
    }
    this.rows = [];
    for (const listener of this.listeners) listener();
  }
}
