import { UnknownNameError } from '../errors.js';
import { csvRow } from './csv-row.js';
import type { RolloutRecord } from './records.js';
import type { RunStore } from './run-store.js';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

/** The exported columns, in order: the CSV header and the JSONL keys. Missing values are null / empty. */
export const EXPORT_COLUMNS = [
  'runId',
  'candidateId',
  'exampleId',
  'sample',
  'score',
  'response',
  'extracted',
  'feedback',
  'failure',
  'inputTokens',
  'outputTokens',
  'latencyMs',
  'source',
  'promptHash',
  'callKey',
  'createdAt',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** Chunks handed to `write` are about this size: few calls, bounded memory. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes one row per rollout of a run, in recording order: JSON Lines (one object per line, `\n`) or
 * CSV (a header, then RFC 4180 records with CRLF). Rows are streamed from the database; nothing but the
 * current chunk is held in memory. An unknown run is a SepoError.
 */
export function exportRun(
  store: RunStore,
  runId: string,
  format: ExportFormat,
  write: (chunk: string) => void,
): void {
  if (!EXPORT_FORMATS.includes(format)) throw new UnknownNameError('export format', format, EXPORT_FORMATS);
  store.requireRun(runId);
  let chunk = format === 'csv' ? csvRow(EXPORT_COLUMNS) : '';
  for (const rollout of store.rollouts(runId)) {
    const row = exportRow(runId, rollout);
    chunk += format === 'csv' ? csvRow(EXPORT_COLUMNS.map((c) => row[c])) : `${JSON.stringify(row)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      write(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) write(chunk);
}

function exportRow(runId: string, r: RolloutRecord): ExportRow {
  return {
    runId,
    candidateId: r.candidateId,
    exampleId: r.exampleId,
    sample: r.sample,
    score: r.score,
    response: r.response,
    extracted: r.extracted ?? null,
    feedback: r.feedback,
    failure: r.failure ?? null,
    inputTokens: r.usage.inputTokens ?? null,
    outputTokens: r.usage.outputTokens ?? null,
    latencyMs: r.latencyMs,
    source: r.source,
    promptHash: r.promptHash,
    callKey: r.callKey,
    createdAt: r.createdAt,
  };
}
