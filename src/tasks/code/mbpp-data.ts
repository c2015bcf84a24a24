import { readFileSync } from 'node:fs';
import { DataError } from '../../errors.js';
import type { Example, Splits } from '../../spec/example.js';

/** `full`: mbpp.jsonl (974 problems); `sanitized`: the hand-verified sanitized-mbpp.json (427). */
export type MbppVariant = 'full' | 'sanitized';

export const MBPP_FILES: Readonly<Record<MbppVariant, string>> = {
  full: 'mbpp/mbpp.jsonl',
  sanitized: 'mbpp/sanitized-mbpp.json',
};

export interface MbppProblem {
  readonly taskId: number;
  readonly prompt: string;
  /** The reference solution. */
  readonly code: string;
  readonly tests: readonly string[];
  readonly testImports: readonly string[];
  readonly setupCode: string;
}

/** What the scorer reads from `Example.meta` (a type alias, so it is a JSON record). */
export type MbppMeta = {
  readonly taskId: number;
  readonly tests: readonly string[];
  /** Run after the program, before the tests: test_imports, then test_setup_code. */
  readonly setup: string;
  readonly reference: string;
};

/** MBPP's own split by task id: 1-10 few-shot prompts, 11-510 test, 511-600 validation, 601-974 train. */
export function mbppSplitOf(taskId: number): 'few-shot' | 'test' | 'val' | 'train' {
  if (taskId <= 10) return 'few-shot';
  if (taskId <= 510) return 'test';
  if (taskId <= 600) return 'val';
  return 'train';
}

export function readMbppProblems(path: string, variant: MbppVariant): MbppProblem[] {
  const text = readFileSync(path, 'utf8');
  const rows: Array<{ row: unknown; line?: number }> = [];
  if (variant === 'sanitized') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DataError(path, `invalid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new DataError(path, 'expected a JSON array of problems');
    rows.push(...parsed.map((row) => ({ row })));
  } else {
    text.split('\n').forEach((raw, index) => {
      if (raw.trim() === '') return;
      try {
        rows.push({ row: JSON.parse(raw), line: index + 1 });
      } catch (error) {
        throw new DataError(path, `invalid JSON (${(error as Error).message})`, index + 1);
      }
    });
  }
  return rows.map(({ row, line }) => toProblem(path, row, line));
}

function toProblem(path: string, row: unknown, line: number | undefined): MbppProblem {
  const record = (row ?? {}) as Record<string, unknown>;
  const strings = (field: string): string[] => {
    const value = record[field] ?? [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new DataError(path, 'expected a list of strings', line, field);
    }
    return value;
  };
  const text = (field: string): string => {
    const value = record[field];
    if (typeof value !== 'string') throw new DataError(path, 'missing or not a string', line, field);
    return value;
  };
  const taskId = record.task_id;
  if (typeof taskId !== 'number' || !Number.isInteger(taskId)) {
    throw new DataError(path, 'missing or not an integer', line, 'task_id');
  }
  const tests = strings('test_list');
  if (tests.length === 0) throw new DataError(path, 'no tests', line, 'test_list');
  return {
    taskId,
    prompt: typeof record.prompt === 'string' ? record.prompt : text('text'),
    code: text('code'),
    tests,
    testImports: strings('test_imports'),
    setupCode: typeof record.test_setup_code === 'string' ? record.test_setup_code : '',
  };
}

/** The user message shows the tests (as in the MBPP paper's prompt) and any setup code they rely on. */
export function mbppExample(problem: MbppProblem): Example {
  const setup = [...problem.testImports, problem.setupCode].filter((s) => s.trim() !== '').join('\n');
  const lines = [problem.prompt.trim(), 'Your code should pass these tests:', '', ...problem.tests];
  if (problem.setupCode.trim() !== '') {
    lines.push('', 'The tests run after this setup code:', problem.setupCode.replace(/\r\n/g, '\n'));
  }
  const meta: MbppMeta = { taskId: problem.taskId, tests: problem.tests, setup, reference: problem.code };
  return {
    id: `mbpp-${problem.taskId}`,
    input: lines.join('\n'),
    answer: JSON.stringify(problem.tests),
    meta,
  };
}

/** Examples in MBPP's own splits; the few-shot problems (ids 1-10) are returned apart. */
export function mbppSplits(
  problems: readonly MbppProblem[],
): Splits & { readonly fewShot: readonly Example[] } {
  const out = {
    train: [] as Example[],
    val: [] as Example[],
    test: [] as Example[],
    fewShot: [] as Example[],
  };
  for (const problem of [...problems].sort((a, b) => a.taskId - b.taskId)) {
    const split = mbppSplitOf(problem.taskId);
    out[split === 'few-shot' ? 'fewShot' : split].push(mbppExample(problem));
  }
  return out;
}
