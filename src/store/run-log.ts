import type Database from 'better-sqlite3';
import type { StoredCompletion } from '../engine/ports.js';
import type { Role } from '../spec/usage.js';
import type { BatchWriter } from './batch-writer.js';
import type { Db } from './open-database.js';
import { tokenCount } from './rollout-rows.js';

interface CompletionRow {
  readonly text: string;
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
}

/**
 * The `completions` table of a run store: each run's own record of the completions it obtained,
 * replayed on resume. Writes go through the store's BatchWriter; until they are committed, `get`
 * answers from an in-memory copy, so a completion is readable as soon as it is put.
 */
export class RunLog {
  private readonly pending = new Map<string, StoredCompletion>();
  private readonly insert: Database.Statement<unknown[]>;
  private readonly select: Database.Statement<[string, string], CompletionRow>;

  constructor(
    db: Db,
    private readonly writer: BatchWriter,
    private readonly now: () => string,
  ) {
    // The first completion stored under a key is the one the run used; keep it. Only that conflict is
    // skipped: any other constraint failure throws.
    this.insert = db.prepare(
      `INSERT INTO completions (run, key, role, text, input_tokens, output_tokens, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run, key) DO NOTHING`,
    );
    this.select = db.prepare<[string, string], CompletionRow>(
      'SELECT text, input_tokens, output_tokens FROM completions WHERE run = ? AND key = ?',
    );
    writer.onFlush(() => this.pending.clear());
  }

  get(runId: string, key: string): StoredCompletion | undefined {
    const buffered = this.pending.get(pendingKey(runId, key));
    if (buffered !== undefined) return buffered;
    const row = this.select.get(runId, key);
    return row === undefined ? undefined : completionFromRow(row);
  }

  put(runId: string, key: string, role: Role, completion: StoredCompletion): void {
    const k = pendingKey(runId, key);
    if (!this.pending.has(k)) this.pending.set(k, completion);
    // The add may flush (and clear `pending`) right away, hence the copy is taken first.
    this.writer.add(this.insert, [
      runId,
      key,
      role,
      completion.text,
      tokenCount(completion.usage.inputTokens),
      tokenCount(completion.usage.outputTokens),
      this.now(),
    ]);
  }
}

export function completionFromRow(row: CompletionRow): StoredCompletion {
  return {
    text: row.text,
    usage: { inputTokens: row.input_tokens ?? undefined, outputTokens: row.output_tokens ?? undefined },
  };
}

function pendingKey(runId: string, key: string): string {
  return `${runId}\u0000${key}`;
}
