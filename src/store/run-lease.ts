import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { SepoError } from '../errors.js';
import type { Db } from './open-database.js';

/** A lease not renewed for this long is free: its holder is taken to be dead. */
export const LEASE_TTL_MS = 15_000;
/** How often a holder renews its lease (well under the TTL, so a busy event loop keeps it). */
export const LEASE_HEARTBEAT_MS = 3_000;

/** Who holds a lease: a process on a host. */
export interface LeaseHolder {
  readonly pid: number;
  readonly host: string;
}

export interface LeaseOptions {
  /** Epoch milliseconds. */
  readonly clock: () => number;
  /** This process (default: process.pid on os.hostname()). */
  readonly holder?: LeaseHolder;
  /** Whether a pid is alive on this host (default: `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean;
  readonly ttlMs?: number;
}

/** A lease this process holds; `token` tells it from another holder with the same pid. */
export interface Lease {
  readonly runId: string;
  readonly token: string;
}

interface LeaseRow {
  readonly token: string;
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  readonly heartbeat_ms: number;
}

/** Another process holds the run. Exit code 2, like other refusals of a command line. */
export class RunHeldError extends SepoError {
  constructor(
    readonly runId: string,
    readonly holder: LeaseHolder & { readonly since: string },
  ) {
    super(
      `run ${runId} is in use by pid ${holder.pid} on ${holder.host} since ${holder.since}; wait for that process to finish (or stop it) and resume again`,
    );
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time writes a run: the live process holds the run's lease in the store and renews it
 * (`heartbeat`) every few seconds. A lease is free when it was not renewed for `ttlMs`, or at once when
 * its holder is on this host and its pid is gone (a kill -9), so a killed run can be resumed straight
 * away. Acquisition is one IMMEDIATE transaction, so two processes cannot both take a free lease.
 */
export class RunLeases {
  private readonly holder: LeaseHolder;
  private readonly isAlive: (pid: number) => boolean;
  private readonly ttlMs: number;
  private readonly select: Database.Statement<[string], LeaseRow>;
  private readonly upsert: Database.Statement<unknown[]>;
  private readonly renew: Database.Statement<unknown[]>;
  private readonly remove: Database.Statement<unknown[]>;

  constructor(
    private readonly db: Db,
    private readonly options: LeaseOptions,
  ) {
    this.holder = options.holder ?? { pid: process.pid, host: hostname() };
    this.isAlive = options.isAlive ?? pidAlive;
    this.ttlMs = options.ttlMs ?? LEASE_TTL_MS;
    this.select = db.prepare<[string], LeaseRow>(
      'SELECT token, pid, host, since, heartbeat_ms FROM leases WHERE run = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO leases (run, token, pid, host, since, heartbeat_ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run) DO UPDATE SET token = excluded.token, pid = excluded.pid, host = excluded.host,
         since = excluded.since, heartbeat_ms = excluded.heartbeat_ms`,
    );
    this.renew = db.prepare('UPDATE leases SET heartbeat_ms = ? WHERE run = ? AND token = ?');
    this.remove = db.prepare('DELETE FROM leases WHERE run = ? AND token = ?');
  }

  /** Takes the run's lease, or throws RunHeldError naming the live holder. */
  acquire(runId: string): Lease {
    const token = randomBytes(8).toString('hex');
    this.db
      .transaction(() => {
        const current = this.select.get(runId);
        if (current !== undefined && this.live(current)) {
          throw new RunHeldError(runId, { pid: current.pid, host: current.host, since: current.since });
        }
        const now = this.options.clock();
        this.upsert.run(runId, token, this.holder.pid, this.holder.host, new Date(now).toISOString(), now);
      })
      .immediate();
    return { runId, token };
  }

  /** Renews the lease; false when it is no longer ours (it expired and another process took it). */
  heartbeat(lease: Lease): boolean {
    return this.renew.run(this.options.clock(), lease.runId, lease.token).changes === 1;
  }

  /** Gives the lease up (a no-op when it is no longer ours). */
  release(lease: Lease): void {
    this.remove.run(lease.runId, lease.token);
  }

  private live(row: LeaseRow): boolean {
    if (this.options.clock() - row.heartbeat_ms > this.ttlMs) return false;
    if (row.host === this.holder.host && !this.isAlive(row.pid)) return false;
    return true;
  }
}
