import type { Spend, SpendLine } from '../spec/usage.js';
import type { CandidateRecord, EventRecord, RunRecord, RunStatus } from './records.js';

/** Rows of the run store's tables as better-sqlite3 returns them, and their mapping to records. */

export interface RunRow {
  readonly id: string;
  readonly kind: string;
  readonly status: RunStatus;
  readonly config: string;
  readonly seed: number;
  readonly versions: string;
  readonly result: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface CandidateRow {
  readonly id: string;
  readonly parent_id: string | null;
  readonly generation: number;
  readonly level: CandidateRecord['level'];
  readonly prompt: string;
  readonly status: CandidateRecord['status'];
  readonly scores: string;
  readonly meta: string;
}

export interface EventRow {
  readonly seq: number;
  readonly type: string;
  readonly json: string;
  readonly created_at: string;
}

export function runFromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    config: fromJson(row.config),
    seed: row.seed,
    versions: fromJson(row.versions) as Record<string, string>,
    result: row.result === null ? undefined : fromJson(row.result),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function candidateFromRow(row: CandidateRow): CandidateRecord {
  return {
    id: row.id,
    parentId: row.parent_id ?? undefined,
    generation: row.generation,
    level: row.level,
    prompt: row.prompt,
    status: row.status,
    scores: fromJson(row.scores) as CandidateRecord['scores'],
    meta: fromJson(row.meta) as Record<string, unknown>,
  };
}

export function eventFromRow(row: EventRow): EventRecord {
  return { seq: row.seq, type: row.type, payload: fromJson(row.json), createdAt: row.created_at };
}

/** A JSON column value. `undefined` (and other values JSON cannot represent) is stored as `null`. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function fromJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** A stored spend; a field that is missing or not a number reads as 0 (USD: as unknown). */
export function spendFromJson(value: unknown): Spend {
  const record = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const line = (v: unknown): SpendLine => {
    const l = record(v);
    return {
      rollouts: count(l.rollouts),
      calls: count(l.calls),
      cacheHits: count(l.cacheHits),
      replayed: count(l.replayed),
      failures: count(l.failures),
      inputTokens: count(l.inputTokens),
      outputTokens: count(l.outputTokens),
      usd: typeof l.usd === 'number' && Number.isFinite(l.usd) ? l.usd : undefined,
      wallMs: count(l.wallMs),
    };
  };
  const s = record(value);
  return { task: line(s.task), optimizer: line(s.optimizer) };
}
