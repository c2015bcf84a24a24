import { readFileSync } from 'node:fs';
import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import { parseCsv } from './parse-csv.js';
import { choiceLetters, formatChoices, shuffleChoices } from './shuffle-choices.js';

export const GPQA_FIELDS = [
  'Question',
  'Correct Answer',
  'Incorrect Answer 1',
  'Incorrect Answer 2',
  'Incorrect Answer 3',
] as const;

interface RawItem {
  readonly line: number;
  readonly id: string | undefined;
  readonly values: Readonly<Record<(typeof GPQA_FIELDS)[number], string>>;
}

function fromCsv(text: string, path: string): RawItem[] {
  const table = parseCsv(text, path);
  const column = (name: string): number =>
    table.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const indices = GPQA_FIELDS.map((name) => {
    const at = column(name);
    if (at < 0) {
      throw new DataError(
        path,
        `missing column "${name}" (GPQA columns: ${GPQA_FIELDS.join(', ')})`,
        1,
        name,
      );
    }
    return at;
  });
  const idColumn = column('Record ID');
  return table.rows.map((row, n) => {
    const values = Object.fromEntries(GPQA_FIELDS.map((name, k) => [name, row.cells[indices[k] ?? 0] ?? '']));
    const id = idColumn >= 0 ? row.cells[idColumn]?.trim() : undefined;
    return { line: row.line, id: id === '' || id === undefined ? `row-${n + 1}` : id, values } as RawItem;
  });
}

function fromJsonl(text: string, path: string): RawItem[] {
  const items: RawItem[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      throw new DataError(path, `invalid JSON (${(error as Error).message})`, line);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw new DataError(path, 'expected a JSON object', line);
    const record = row as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const name of GPQA_FIELDS) {
      const value = record[name];
      if (typeof value !== 'string') throw new DataError(path, 'missing or not a string', line, name);
      values[name] = value;
    }
    const rawId = record['Record ID'] ?? record.id;
    items.push({
      line,
      id: rawId === undefined || rawId === null || rawId === '' ? `line-${line}` : String(rawId),
      values: values as RawItem['values'],
    });
  });
  return items;
}

/**
 * Reads GPQA items from a user-supplied file: CSV with the columns Question, Correct Answer, Incorrect
 * Answer 1..3 (the official release; other columns ignored, "Record ID" used as the id when present) or
 * JSONL with the same fields. Options are shuffled per example by (seed, id); the answer is the letter.
 */
export function readGpqaExamples(path: string, seed: number): Example[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
  const jsonl = /\.jsonl?$/iu.test(path) || text.trimStart().startsWith('{');
  const items = jsonl ? fromJsonl(text, path) : fromCsv(text, path);
  if (items.length === 0) throw new DataError(path, 'no questions in the file');
  const seen = new Set<string>();
  return items.map(({ line, id, values }) => {
    const exampleId = id ?? `line-${line}`;
    if (seen.has(exampleId)) throw new DataError(path, `duplicate id "${exampleId}"`, line, 'Record ID');
    seen.add(exampleId);
    for (const name of GPQA_FIELDS) {
      if (values[name].trim() === '') throw new DataError(path, 'empty value', line, name);
    }
    const incorrect = [
      values['Incorrect Answer 1'],
      values['Incorrect Answer 2'],
      values['Incorrect Answer 3'],
    ].map((s) => s.trim());
    const { options, answerIndex } = shuffleChoices(
      values['Correct Answer'].trim(),
      incorrect,
      seed,
      exampleId,
    );
    return {
      id: exampleId,
      input: formatChoices(values.Question.trim(), options),
      answer: choiceLetters(options.length).charAt(answerIndex),
      meta: { options: [...options], question: values.Question.trim() },
    };
  });
}
