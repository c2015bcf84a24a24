import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { CompletionStore, RolloutSink } from '../engine/ports.js';
import { ConfigError, SepoError } from '../errors.js';
import type { Spend } from '../spec/usage.js';
import { BatchWriter, DEFAULT_BATCH_POLICY } from './batch-writer.js';
import type { CallCache } from './call-cache.js';
import { type Db, openDatabase, openDatabaseReadOnly } from './open-database.js';
import {
  type CandidateRow,
  candidateFromRow,
  type EventRow,
  eventFromRow,
  fromJson,
  type RunRow,
  runFromRow,
  spendFromJson,
  toJson,
} from './record-rows.js';
import type {
  CandidateRecord,
  EventRecord,
  NewRun,
  RolloutRecord,
  RunKind,
  RunRecord,
  RunStatus,
} from './records.js';
import {
  INSERT_ROLLOUT_SQL,
  type RolloutRow,
  rolloutFromRow,
  rolloutParams,
  SELECT_ROLLOUT_COLUMNS,
} from './rollout-rows.js';
import { RunCompletionStore } from './run-completion-store.js';
import { formatRunId, randomRunSuffix } from './run-id.js';
import { type Lease, type LeaseOptions, RunLeases } from './run-lease.js';
import { RunLog } from './run-log.js';
import { RUN_MIGRATIONS } from './run-migrations.js';

export interface RunStoreOptions {
  /** Epoch milliseconds: run ids, timestamps and the flush interval. */
  readonly clock?: () => number;
  /** The random part of new run ids. */
  readonly randomSuffix?: () => string;
  /** Buffered rows that trigger a flush (default 500). */
  readonly flushRows?: number;
  /** A write this long after the previous flush triggers one (default 100 ms). */
  readonly flushIntervalMs?: number;
  /** Run leases: this process, how to tell a live pid, and the lease TTL (see RunLeases). */
  readonly lease?: Omit<LeaseOptions, 'clock'>;
}

/** Narrows which rollouts `rollouts` and `countRollouts` see. */
export interface RolloutFilter {
  readonly candidateId?: string;
}

type Stmt = Database.Statement<unknown[]>;

/**
 * The run store: one SQLite database `sepo.db` in a run directory, holding runs, their candidates,
 * rollouts, events, completions (the run log replayed on resume) and artifacts.
 *
 * High-volume writes (rollouts, run-log completions, events) are buffered in one BatchWriter and
 * committed together: at 500 rows, on the first write 100 ms after the previous commit, and on
 * `flush`, `finishRun` and `close`. Every read of those tables flushes first, so reads see all writes.
 * Candidates, runs and artifacts are written at once. One process writes a given run at a time.
 * While iterating `rollouts(...)`, do not write through the same store.
 */
export class RunStore {
  static readonly FILE_NAME = 'sepo.db';

  readonly path: string;
  private readonly writer: BatchWriter;
  private readonly log: RunLog;
  private readonly clock: () => number;
  private readonly randomSuffix: () => string;
  private readonly knownRuns = new Set<string>();
  private readonly leases: RunLeases;
  private readonly stmts: Record<
    | 'insertRun'
    | 'finish'
    | 'resume'
    | 'config'
    | 'upsertCandidate'
    | 'event'
    | 'rollout'
    | 'artifact'
    | 'spend',
    Stmt
  >;
  private closed = false;

  private constructor(
    private readonly db: Db,
    readonly dir: string,
    options: RunStoreOptions,
  ) {
    this.path = join(dir, RunStore.FILE_NAME);
    this.clock = options.clock ?? Date.now;
    this.randomSuffix = options.randomSuffix ?? randomRunSuffix;
    this.writer = new BatchWriter(
      db,
      {
        maxRows: options.flushRows ?? DEFAULT_BATCH_POLICY.maxRows,
        maxAgeMs: options.flushIntervalMs ?? DEFAULT_BATCH_POLICY.maxAgeMs,
        clock: this.clock,
      },
      `run store ${this.path}`,
    );
    this.log = new RunLog(db, this.writer, () => this.now());
    this.leases = new RunLeases(db, { ...options.lease, clock: this.clock });
    this.stmts = {
      insertRun: db.prepare(
        `INSERT INTO runs (id, kind, status, config, seed, versions, result, created_at, updated_at)
         VALUES (?, ?, 'running', ?, ?, ?, NULL, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      finish: db.prepare(
        'UPDATE runs SET status = ?, result = coalesce(?, result), updated_at = ? WHERE id = ?',
      ),
      resume: db.prepare(`UPDATE runs SET status = 'running', updated_at = ? WHERE id = ?`),
      config: db.prepare('UPDATE runs SET config = ?, updated_at = ? WHERE id = ?'),
      upsertCandidate: db.prepare(
        `INSERT INTO candidates (run, id, parent_id, generation, level, prompt, status, scores, meta, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run, id) DO UPDATE SET parent_id = excluded.parent_id, generation = excluded.generation,
           level = excluded.level, prompt = excluded.prompt, status = excluded.status, scores = excluded.scores,
           meta = excluded.meta, updated_at = excluded.updated_at`,
      ),
      event: db.prepare('INSERT INTO events (run, type, json, created_at) VALUES (?, ?, ?, ?)'),
      rollout: db.prepare(INSERT_ROLLOUT_SQL),
      artifact: db.prepare(
        `INSERT INTO artifacts (run, name, json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run, name) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      ),
      spend: db.prepare(
        `INSERT INTO spend (run, line, json, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (run, line) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
      ),
    };
  }

  /** Opens `<dir>/sepo.db`, creating the directory and the database, and migrating an older schema. */
  static open(dir: string, options: RunStoreOptions = {}): RunStore {
    const db = openDatabase(join(dir, RunStore.FILE_NAME), RUN_MIGRATIONS, 'run store');
    return new RunStore(db, dir, options);
  }

  /**
   * Opens an existing store read-only, for commands that only read: it works where the user may not
   * write and never creates a database. No store in `dir` is a SepoError saying so; a store with an
   * older schema is opened normally (it needs migrating). Writes through it fail.
   */
  static openReadOnly(dir: string, options: RunStoreOptions = {}): RunStore {
    const path = join(dir, RunStore.FILE_NAME);
    const opened = openDatabaseReadOnly(path, RUN_MIGRATIONS, 'run store');
    if (opened === undefined) {
      throw new SepoError(
        `no run store in ${dir} (no ${RunStore.FILE_NAME}); point --store at a run directory`,
      );
    }
    if (!opened.stale) return new RunStore(opened.db, dir, options);
    opened.db.close();
    return RunStore.open(dir, options);
  }

  /** Whether `dir` holds a run store. */
  static exists(dir: string): boolean {
    return existsSync(join(dir, RunStore.FILE_NAME));
  }

  // ---- runs ----

  createRun(init: NewRun): RunRecord {
    if (!Number.isSafeInteger(init.seed))
      throw new ConfigError('seed', `must be an integer, got ${init.seed}`);
    const now = this.clock();
    const at = new Date(now).toISOString();
    for (let attempt = 0; attempt < 100; attempt++) {
      const id = formatRunId(now, this.randomSuffix());
      const { changes } = this.stmts.insertRun.run(
        id,
        init.kind,
        toJson(init.config),
        init.seed,
        toJson(init.versions),
        at,
        at,
      );
      if (changes === 1) {
        this.knownRuns.add(id);
        return this.requireRun(id);
      }
    }
    throw new SepoError(`cannot allocate a new run id in ${this.dir}: too many runs started this second`);
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.db.prepare<[string], RunRow>('SELECT * FROM runs WHERE id = ?').get(id);
    return row === undefined ? undefined : runFromRow(row);
  }

  /** Like `getRun`, but an unknown id is a SepoError telling how to list the runs. */
  requireRun(id: string): RunRecord {
    const run = this.getRun(id);
    if (run === undefined) throw new SepoError(`no run ${id} in ${this.dir}; list runs with \`sepo runs\``);
    return run;
  }

  /** Newest first, optionally only runs of one kind. */
  listRuns(filter: { readonly kind?: RunKind } = {}): RunRecord[] {
    const rows =
      filter.kind === undefined
        ? this.db.prepare<[], RunRow>('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC').all()
        : this.db
            .prepare<[string], RunRow>(
              'SELECT * FROM runs WHERE kind = ? ORDER BY created_at DESC, rowid DESC',
            )
            .all(filter.kind);
    return rows.map(runFromRow);
  }

  latestRun(kind?: RunKind): RunRecord | undefined {
    return this.listRuns(kind === undefined ? {} : { kind })[0];
  }

  /**
   * Flushes everything buffered, then sets the final status. `result` (JSON) replaces the stored one
   * when given and keeps it otherwise.
   */
  finishRun(id: string, status: Exclude<RunStatus, 'running'>, result?: unknown): RunRecord {
    this.writer.flush();
    const json = result === undefined ? null : toJson(result);
    const { changes } = this.stmts.finish.run(status, json, this.now(), id);
    if (changes === 0) this.requireRun(id);
    return this.requireRun(id);
  }

  /** Marks a run `running` again before resuming it; its log, rollouts and candidates are kept. */
  resumeRun(id: string): RunRecord {
    const { changes } = this.stmts.resume.run(this.now(), id);
    if (changes === 0) this.requireRun(id);
    return this.requireRun(id);
  }

  /** Replaces a run's stored configuration (a resume that changed a flag it may change, e.g. --budget). */
  updateRunConfig(id: string, config: unknown): void {
    if (this.stmts.config.run(toJson(config), this.now(), id).changes === 0) this.requireRun(id);
  }

  // ---- leases ----

  /**
   * Takes the run's lease for this process, or throws RunHeldError naming the live holder (one process
   * writes a run at a time). Renew it with `heartbeatLease` every LEASE_HEARTBEAT_MS.
   */
  acquireLease(runId: string): Lease {
    this.checkRun(runId);
    return this.leases.acquire(runId);
  }

  /** False when the lease expired and another process took the run. */
  heartbeatLease(lease: Lease): boolean {
    return this.leases.heartbeat(lease);
  }

  releaseLease(lease: Lease): void {
    this.leases.release(lease);
  }

  // ---- spend ----

  /**
   * Records the spend of one budget line of a run (replacing the previous record), buffered with the
   * run log so both reach the disk in the same commits. `line` is the engine's log namespace.
   */
  saveSpend(runId: string, line: string, spend: Spend): void {
    this.checkRun(runId);
    this.writer.add(this.stmts.spend, [runId, line, toJson(spend), this.now()]);
  }

  /**
   * Runs `save` before each commit of buffered rows, so what it writes (e.g. `saveSpend`) is committed
   * together with the run-log rows it accounts for: a kill -9 never leaves a logged call unaccounted.
   */
  onBeforeCommit(save: () => void): void {
    this.writer.onBeforeCommit(save);
  }

  /** The recorded spend of each budget line of a run (empty for a run that recorded none). */
  spendLines(runId: string): Map<string, Spend> {
    this.writer.flush();
    const rows = this.db
      .prepare<[string], { line: string; json: string }>('SELECT line, json FROM spend WHERE run = ?')
      .all(runId);
    return new Map(rows.map((r) => [r.line, spendFromJson(fromJson(r.json))]));
  }

  /** Deletes a run and everything recorded for it. Returns whether it existed. */
  deleteRun(id: string): boolean {
    this.writer.flush();
    this.knownRuns.delete(id);
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes === 1;
  }

  // ---- engine ports ----

  /** The engine's CompletionStore for a run; the shared part uses `cache` (none: `--no-cache`). */
  completions(runId: string, cache?: CallCache | undefined): CompletionStore {
    this.checkRun(runId);
    return new RunCompletionStore(this.log, runId, cache);
  }

  rolloutSink(runId: string): RolloutSink {
    this.checkRun(runId);
    return {
      record: (rollout, meta) =>
        this.writer.add(this.stmts.rollout, rolloutParams(runId, rollout, meta, this.now())),
      flush: () => this.writer.flush(),
    };
  }

  // ---- candidates ----

  /** Inserts the candidate, or replaces the stored one with the same id (keeping its position). */
  saveCandidate(runId: string, c: CandidateRecord): void {
    this.checkRun(runId);
    if (!Number.isSafeInteger(c.generation)) {
      throw new SepoError(`candidate ${c.id}: generation must be an integer, got ${c.generation}`);
    }
    const at = this.now();
    this.stmts.upsertCandidate.run(
      runId,
      c.id,
      c.parentId ?? null,
      c.generation,
      c.level,
      c.prompt,
      c.status,
      toJson(c.scores),
      toJson(c.meta ?? {}),
      at,
      at,
    );
  }

  /** In the order they were first saved. */
  candidates(runId: string): CandidateRecord[] {
    return this.db
      .prepare<[string], CandidateRow>(
        `SELECT id, parent_id, generation, level, prompt, status, scores, meta FROM candidates
         WHERE run = ? ORDER BY rowid`,
      )
      .all(runId)
      .map(candidateFromRow);
  }

  // ---- events ----

  /** Buffered like rollouts. `payload` must be JSON-serialisable (a SepoEvent is). */
  appendEvent(runId: string, type: string, payload: unknown): void {
    this.checkRun(runId);
    this.writer.add(this.stmts.event, [runId, type, toJson(payload), this.now()]);
  }

  events(runId: string): EventRecord[] {
    this.writer.flush();
    return this.db
      .prepare<[string], EventRow>(
        'SELECT seq, type, json, created_at FROM events WHERE run = ? ORDER BY seq',
      )
      .all(runId)
      .map(eventFromRow);
  }

  // ---- rollouts ----

  /** Streams the run's rollouts in recording order without loading them all. */
  rollouts(runId: string, filter: RolloutFilter = {}): IterableIterator<RolloutRecord> {
    this.writer.flush();
    const rows =
      filter.candidateId === undefined
        ? this.db
            .prepare<[string], RolloutRow>(
              `SELECT ${SELECT_ROLLOUT_COLUMNS} FROM rollouts WHERE run = ? ORDER BY seq`,
            )
            .iterate(runId)
        : this.db
            .prepare<[string, string], RolloutRow>(
              `SELECT ${SELECT_ROLLOUT_COLUMNS} FROM rollouts WHERE run = ? AND candidate_id = ? ORDER BY seq`,
            )
            .iterate(runId, filter.candidateId);
    return mapIterator(rows, rolloutFromRow);
  }

  countRollouts(runId: string, filter: RolloutFilter = {}): number {
    this.writer.flush();
    const row =
      filter.candidateId === undefined
        ? this.db
            .prepare<[string], { n: number }>('SELECT count(*) AS n FROM rollouts WHERE run = ?')
            .get(runId)
        : this.db
            .prepare<[string, string], { n: number }>(
              'SELECT count(*) AS n FROM rollouts WHERE run = ? AND candidate_id = ?',
            )
            .get(runId, filter.candidateId);
    return row?.n ?? 0;
  }

  // ---- artifacts ----

  /** Stores a JSON value under a name (reward tensor, analysis...), replacing any previous one. */
  putArtifact(runId: string, name: string, value: unknown): void {
    this.checkRun(runId);
    this.stmts.artifact.run(runId, name, toJson(value), this.now());
  }

  getArtifact(runId: string, name: string): unknown {
    const row = this.db
      .prepare<[string, string], { json: string }>('SELECT json FROM artifacts WHERE run = ? AND name = ?')
      .get(runId, name);
    return row === undefined ? undefined : fromJson(row.json);
  }

  artifactNames(runId: string): string[] {
    return this.db
      .prepare<[string], { name: string }>('SELECT name FROM artifacts WHERE run = ? ORDER BY name')
      .all(runId)
      .map((r) => r.name);
  }

  // ---- lifecycle ----

  /** Commits everything buffered. */
  flush(): void {
    this.writer.flush();
  }

  /** SQLite's own consistency check: `'ok'` for a sound database, otherwise the problems found. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('\n');
  }

  /** Flushes and closes. Idempotent. A CallCache passed to `completions` is the caller's to close. */
  close(): void {
    if (this.closed) return;
    this.writer.flush();
    this.closed = true;
    this.db.close();
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }

  /** Fails at the caller for an unknown run, instead of later inside a batch (foreign key). */
  private checkRun(runId: string): void {
    if (this.knownRuns.has(runId)) return;
    this.requireRun(runId);
    this.knownRuns.add(runId);
  }
}

function* mapIterator<A, B>(items: Iterable<A>, f: (a: A) => B): IterableIterator<B> {
  for (const item of items) yield f(item);
}
