import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE_TTL_MS, RunHeldError } from './run-lease.js';
import { RunStore } from './run-store.js';
import { tempDir } from './test-support/fixtures.js';

/** One process at a time holds a run; a dead or silent holder's lease frees itself. Injected clock. */
let tmp: ReturnType<typeof tempDir>;
let now: number;
const alive = new Set<number>();
const opened: RunStore[] = [];
beforeEach(() => {
  tmp = tempDir();
  now = Date.UTC(2026, 0, 2, 3, 4, 5);
  alive.clear();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  tmp.remove();
});

/** The store as process `pid` on `host` sees it. */
function storeOf(pid: number, host = 'here'): RunStore {
  alive.add(pid);
  const store = RunStore.open(tmp.dir, {
    clock: () => now,
    lease: { holder: { pid, host }, isAlive: (p) => alive.has(p) },
  });
  opened.push(store);
  return store;
}

describe('run leases', () => {
  it('refuses a second holder with one line naming the holder and since when', () => {
    const a = storeOf(101);
    const b = storeOf(202);
    const run = a.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    a.acquireLease(run.id);
    now += 5_000;
    const refusal = (() => {
      try {
        b.acquireLease(run.id);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(RunHeldError);
    expect((refusal as Error).message).toBe(
      `run ${run.id} is in use by pid 101 on here since 2026-01-02T03:04:05.000Z; wait for that process to finish (or stop it) and resume again`,
    );
    expect((refusal as RunHeldError).exitCode).toBe(2);
  });

  it('stays held while the holder heart-beats, and expires after the TTL without one', () => {
    const a = storeOf(101, 'host-a');
    const b = storeOf(202, 'host-b');
    const run = a.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    const lease = a.acquireLease(run.id);
    for (let i = 0; i < 10; i++) {
      now += LEASE_TTL_MS - 1;
      expect(a.heartbeatLease(lease)).toBe(true);
      expect(() => b.acquireLease(run.id)).toThrow(RunHeldError);
    }
    now += LEASE_TTL_MS + 1;
    // Another host cannot see whether pid 101 lives: only the silence frees the lease.
    const taken = b.acquireLease(run.id);
    expect(a.heartbeatLease(lease)).toBe(false);
    expect(() => a.acquireLease(run.id)).toThrow(/in use by pid 202 on host-b/);
    b.releaseLease(taken);
    expect(() => a.acquireLease(run.id)).not.toThrow();
  });

  it('frees at once the lease of a holder whose pid is gone on this host (kill -9)', () => {
    const a = storeOf(101);
    const b = storeOf(202);
    const run = a.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    a.acquireLease(run.id);
    alive.delete(101);
    expect(() => b.acquireLease(run.id)).not.toThrow();
  });

  it('is released at the end, and deleted with its run', () => {
    const a = storeOf(101);
    const b = storeOf(202);
    const run = a.createRun({ kind: 'eval', config: {}, seed: 0, versions: {} });
    a.releaseLease(a.acquireLease(run.id));
    const lease = b.acquireLease(run.id);
    expect(b.deleteRun(run.id)).toBe(true);
    expect(b.heartbeatLease(lease)).toBe(false);
  });
});
