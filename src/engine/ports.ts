import type { ScoredRollout } from '../spec/rollout.js';
import type { Role, Usage } from '../spec/usage.js';

/** A model completion as stored: the text and the usage the provider reported for it. */
export interface StoredCompletion {
  readonly text: string;
  readonly usage: Usage;
}

/**
 * Where the engine keeps completions. Two scopes, both keyed by the call key (a hash of provider,
 * model, messages, sampling settings and sample index):
 * - the **run log**: completions this run already obtained. Replaying them is what makes a killed run
 *   resumable with no duplicated calls and the same final result, even with the shared cache off.
 * - the **shared cache**: completions any run obtained, reusable across runs (`--no-cache` bypasses it).
 * Errors are never stored in either.
 */
export interface CompletionStore {
  getFromRun(key: string): StoredCompletion | undefined;
  putInRun(key: string, role: Role, completion: StoredCompletion): void;
  getShared(key: string): StoredCompletion | undefined;
  putShared(key: string, completion: StoredCompletion): void;
}

/**
 * Receives every scored rollout (a failed call is not a rollout to store: it has no score and a resumed
 * run retries it). Implementations may buffer; `flush` makes everything durable.
 */
export interface RolloutSink {
  record(rollout: ScoredRollout, meta: { readonly systemPromptHash: string; readonly callKey: string }): void;
  flush(): void;
}

/** An in-memory CompletionStore for tests and library use without a run store. */
export class MemoryCompletionStore implements CompletionStore {
  readonly run = new Map<string, StoredCompletion>();
  readonly shared = new Map<string, StoredCompletion>();
  getFromRun(key: string): StoredCompletion | undefined {
    return this.run.get(key);
  }
  putInRun(key: string, _role: Role, completion: StoredCompletion): void {
    this.run.set(key, completion);
  }
  getShared(key: string): StoredCompletion | undefined {
    return this.shared.get(key);
  }
  putShared(key: string, completion: StoredCompletion): void {
    this.shared.set(key, completion);
  }
}
