import { SepoError } from '../errors.js';
import type { ScoredRollout } from '../spec/rollout.js';
import type { RolloutRecord } from './records.js';

/**
 * A rollout recorded again (resume, replay) keeps the first row: only that uniqueness conflict is
 * skipped. Any other constraint failure (NOT NULL, CHECK, type) throws, so no rollout vanishes.
 */
export const INSERT_ROLLOUT_SQL = `INSERT INTO rollouts (run, candidate_id, prompt_hash, example_id, sample,
  response, score, feedback, extracted, failure, input_tokens, output_tokens, latency_ms, source, call_key, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (run, candidate_id, example_id, sample) DO NOTHING`;

export const SELECT_ROLLOUT_COLUMNS = `candidate_id, prompt_hash, example_id, sample, response, score, feedback,
  extracted, failure, input_tokens, output_tokens, latency_ms, source, call_key, created_at`;

export interface RolloutRow {
  readonly candidate_id: string;
  readonly prompt_hash: string;
  readonly example_id: string;
  readonly sample: number;
  readonly response: string;
  readonly score: number;
  readonly feedback: string;
  readonly extracted: string | null;
  readonly failure: string | null;
  readonly input_tokens: number | null;
  readonly output_tokens: number | null;
  readonly latency_ms: number;
  readonly source: ScoredRollout['source'];
  readonly call_key: string;
  readonly created_at: string;
}

/**
 * The parameters of INSERT_ROLLOUT_SQL. Values the STRICT table would reject are refused here, at the
 * caller, rather than later when they would fail a whole batch.
 */
export function rolloutParams(
  runId: string,
  rollout: ScoredRollout,
  meta: { readonly systemPromptHash: string; readonly callKey: string },
  createdAt: string,
): unknown[] {
  if (!Number.isInteger(rollout.sample) || rollout.sample < 0) {
    throw new SepoError(`rollout sample must be a non-negative integer, got ${rollout.sample}`);
  }
  if (!Number.isFinite(rollout.score)) {
    throw new SepoError(
      `rollout score must be a finite number, got ${rollout.score} (candidate ${rollout.candidateId}, example ${rollout.exampleId})`,
    );
  }
  for (const [field, value, required] of [
    ['response', rollout.response, true],
    ['feedback', rollout.feedback, true],
    ['extracted', rollout.extracted, false],
    ['failure', rollout.failure, false],
  ] as const) {
    if (typeof value === 'string' || (!required && value === undefined)) continue;
    throw new SepoError(
      `rollout ${field} must be ${required ? 'a string' : 'a string or absent'}, got ${typeof value} (candidate ${rollout.candidateId}, example ${rollout.exampleId})`,
    );
  }
  return [
    runId,
    rollout.candidateId,
    meta.systemPromptHash,
    rollout.exampleId,
    rollout.sample,
    rollout.response,
    rollout.score,
    rollout.feedback,
    rollout.extracted ?? null,
    rollout.failure ?? null,
    tokenCount(rollout.usage.inputTokens),
    tokenCount(rollout.usage.outputTokens),
    Number.isFinite(rollout.latencyMs) ? rollout.latencyMs : 0,
    rollout.source,
    meta.callKey,
    createdAt,
  ];
}

export function rolloutFromRow(row: RolloutRow): RolloutRecord {
  return {
    candidateId: row.candidate_id,
    exampleId: row.example_id,
    sample: row.sample,
    response: row.response,
    score: row.score,
    feedback: row.feedback,
    ...(row.extracted === null ? {} : { extracted: row.extracted }),
    ...(row.failure === null ? {} : { failure: row.failure }),
    usage: { inputTokens: row.input_tokens ?? undefined, outputTokens: row.output_tokens ?? undefined },
    latencyMs: row.latency_ms,
    source: row.source,
    promptHash: row.prompt_hash,
    callKey: row.call_key,
    createdAt: row.created_at,
  };
}

/** Token counts are integers; an unreported (or nonsensical) count is stored as NULL. */
export function tokenCount(n: number | undefined): number | null {
  return n === undefined || !Number.isFinite(n) ? null : Math.round(n);
}
