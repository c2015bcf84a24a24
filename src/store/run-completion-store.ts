import type { CompletionStore, StoredCompletion } from '../engine/ports.js';
import type { Role } from '../spec/usage.js';
import type { CallCache } from './call-cache.js';
import type { RunLog } from './run-log.js';

/**
 * The engine's CompletionStore for one run: the run log lives in the run store, the shared part in a
 * CallCache. Without a cache (`--no-cache`) the shared part finds nothing and stores nothing.
 */
export class RunCompletionStore implements CompletionStore {
  constructor(
    private readonly log: RunLog,
    private readonly runId: string,
    private readonly cache: CallCache | undefined,
  ) {}

  getFromRun(key: string): StoredCompletion | undefined {
    return this.log.get(this.runId, key);
  }

  putInRun(key: string, role: Role, completion: StoredCompletion): void {
    this.log.put(this.runId, key, role, completion);
  }

  getShared(key: string): StoredCompletion | undefined {
    return this.cache?.get(key);
  }

  putShared(key: string, completion: StoredCompletion): void {
    this.cache?.put(key, completion);
  }
}
