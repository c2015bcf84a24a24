import { readFileSync } from 'node:fs';
import { DataError } from '../errors.js';
import type { Example, Splits } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import { exactScorer } from './scorers/exact-scorer.js';
import { DEFAULT_SPLIT, seededSplit } from './seeded-split.js';

export interface JsonlTaskOptions {
  readonly inputField?: string;
  readonly answerField?: string;
  readonly seed?: number;
}

export const MANUAL_COT_PROMPT =
  "You are a careful assistant. Think step by step, then give your final answer on the last line as 'Answer: <answer>'.";

/**
 * Reads a JSONL file of examples. Each line is an object with an input and an answer field (default
 * "input" and "answer"); optional "id" (else "line-<n>") and "split" (train/val/test; otherwise a
 * seeded split). Any malformed line is reported with the file, line number and field.
 */
export function readJsonlExamples(
  path: string,
  options: JsonlTaskOptions = {},
): { examples: Example[]; splits?: Splits } {
  const inputField = options.inputField ?? 'input';
  const answerField = options.answerField ?? 'answer';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
  const examples: Example[] = [];
  const bySplit: Record<'train' | 'val' | 'test', Example[]> = { train: [], val: [], test: [] };
  let allHaveSplit = true;
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
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
    const input = record[inputField];
    const answer = record[answerField];
    if (typeof input !== 'string')
      throw new DataError(path, 'missing or not a string (set --input-field)', line, inputField);
    if (answer === undefined || answer === null)
      throw new DataError(path, 'missing (set --answer-field)', line, answerField);
    const id = record.id === undefined ? `line-${line}` : String(record.id);
    if (seen.has(id)) throw new DataError(path, `duplicate id "${id}"`, line, 'id');
    seen.add(id);
    const example: Example = {
      id,
      input,
      answer: typeof answer === 'string' ? answer : JSON.stringify(answer),
    };
    examples.push(example);
    const split = record.split;
    if (split === 'train' || split === 'val' || split === 'test') bySplit[split].push(example);
    else if (split === undefined) allHaveSplit = false;
    else throw new DataError(path, 'expected "train", "val" or "test"', line, 'split');
  });
  if (examples.length === 0) throw new DataError(path, 'no examples (the file is empty)');
  return allHaveSplit ? { examples, splits: bySplit } : { examples };
}

/** The `jsonl:<path>` task: inputs as user messages, scored by exact match of the final answer. */
export function loadJsonlTask(path: string, options: JsonlTaskOptions = {}): Task {
  const { examples, splits } = readJsonlExamples(path, options);
  return {
    id: `jsonl:${path}`,
    description: `Answer the question; the final answer is compared exactly with the reference (${path}).`,
    kind: 'qa',
    domain: 'custom',
    splits: splits ?? seededSplit(examples, DEFAULT_SPLIT, options.seed ?? 0),
    defaultSystemPrompt: MANUAL_COT_PROMPT,
    scorer: exactScorer,
    toUserMessage: (example) => example.input,
  };
}
