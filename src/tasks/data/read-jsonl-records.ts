import { readFileSync } from 'node:fs';
import { DataError } from '../../errors.js';

/** One parsed line of a JSONL file, with its 1-based line number for error messages. */
export interface JsonRecord {
  readonly line: number;
  readonly value: Readonly<Record<string, unknown>>;
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
}

/** Parses JSONL text: one JSON object a line; blank lines are skipped. Errors name file and line. */
export function parseJsonlRecords(text: string, path: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new DataError(path, `invalid JSON (${(error as Error).message})`, line);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DataError(path, 'expected a JSON object', line);
    }
    records.push({ line, value: value as Record<string, unknown> });
  });
  return records;
}

export function readJsonlRecords(path: string): JsonRecord[] {
  const records = parseJsonlRecords(readTextFile(path), path);
  if (records.length === 0) throw new DataError(path, 'no records (the file is empty)');
  return records;
}

/** A required non-empty text field; numbers are accepted and written as text. */
export function requireText(record: JsonRecord, field: string, path: string): string {
  const v = record.value[field];
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new DataError(path, v === undefined ? 'missing' : 'expected non-empty text', record.line, field);
}

/** An optional text or number field, as text. */
export function optionalText(record: JsonRecord, field: string): string | undefined {
  const v = record.value[field];
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
