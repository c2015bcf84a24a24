import { extname } from 'node:path';
import { DataError } from '../../errors.js';
import type { Example, SplitName, Splits } from '../../spec/example.js';
import { parseCsv } from './parse-csv.js';
import { parseJsonlRecords, readTextFile } from './read-jsonl-records.js';

export interface ExampleFileOptions {
  /** Field holding the input (default "input"). */
  readonly inputField?: string;
  /** Field holding the reference answer (default "answer"). */
  readonly answerField?: string;
}

export interface ExampleFile {
  readonly examples: Example[];
  /** Present when every row names its split ("split": train/val/test). */
  readonly splits?: Splits;
}

/** A row of any format before it becomes an example: where it is (for errors) and its fields. */
interface RawRow {
  readonly where: { line?: number; label: string };
  readonly fields: Readonly<Record<string, unknown>>;
}

export type ExampleFileFormat = 'jsonl' | 'json' | 'csv';

export function exampleFileFormat(path: string): ExampleFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return 'jsonl';
}

function jsonRows(text: string, path: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DataError(path, `invalid JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { examples?: unknown } | null)?.examples;
  if (!Array.isArray(list)) {
    throw new DataError(path, 'expected an array of objects, or {"examples": [...]}');
  }
  return list.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new DataError(path, `item ${index}: expected an object`);
    }
    return { where: { label: `item-${index}` }, fields: item as Record<string, unknown> };
  });
}

/**
 * Reads a file of examples: JSONL (one object a line), JSON (an array of objects) or CSV (a header
 * row). Each row has an input and an answer field; optional "id" (else the line or item number) and
 * "split" (train/val/test; used when every row has one). Other fields become `meta`. Any malformed
 * row is a DataError naming the file, the line (or item) and the field.
 */
export function readExampleFile(path: string, options: ExampleFileOptions = {}): ExampleFile {
  const inputField = options.inputField ?? 'input';
  const answerField = options.answerField ?? 'answer';
  const text = readTextFile(path);
  const format = exampleFileFormat(path);
  const rows: RawRow[] =
    format === 'json'
      ? jsonRows(text, path)
      : format === 'csv'
        ? parseCsv(text, path).map((r) => ({
            where: { line: r.line, label: `line-${r.line}` },
            fields: r.cells,
          }))
        : parseJsonlRecords(text, path).map((r) => ({
            where: { line: r.line, label: `line-${r.line}` },
            fields: r.value,
          }));
  const examples: Example[] = [];
  const bySplit: Record<SplitName, Example[]> = { train: [], val: [], test: [] };
  let allHaveSplit = true;
  const seen = new Set<string>();
  for (const row of rows) {
    const fail = (detail: string, field?: string): never => {
      const at = row.where.line === undefined ? `${row.where.label}: ` : '';
      throw new DataError(path, `${at}${detail}`, row.where.line, field);
    };
    const input = row.fields[inputField];
    const answer = row.fields[answerField];
    if (typeof input !== 'string' || input.trim() === '') {
      fail('missing or not a non-empty string (set --input-field)', inputField);
    }
    if (answer === undefined || answer === null || answer === '') {
      fail('missing (set --answer-field)', answerField);
    }
    const rawId = row.fields.id;
    const id = rawId === undefined || rawId === '' ? row.where.label : String(rawId);
    if (seen.has(id)) fail(`duplicate id "${id}"`, 'id');
    seen.add(id);
    const meta: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row.fields)) {
      if (key !== inputField && key !== answerField && key !== 'id' && key !== 'split') meta[key] = value;
    }
    const example: Example = {
      id,
      input: input as string,
      answer: typeof answer === 'string' ? answer : JSON.stringify(answer),
      ...(Object.keys(meta).length > 0 ? { meta } : {}),
    };
    examples.push(example);
    const split = row.fields.split;
    if (split === 'train' || split === 'val' || split === 'test') bySplit[split].push(example);
    else if (split === undefined || split === '') allHaveSplit = false;
    else fail('expected "train", "val" or "test"', 'split');
  }
  if (examples.length === 0) throw new DataError(path, 'no examples (the file is empty)');
  return allHaveSplit ? { examples, splits: bySplit } : { examples };
}
