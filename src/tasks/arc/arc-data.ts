import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import { type Grid, gridShape, gridToText, isGrid } from './arc-grid.js';

/** ARC's own two sets: `training` (400 tasks) and `evaluation` (400 tasks). */
export type ArcSet = 'training' | 'evaluation';

export interface ArcPair {
  readonly input: Grid;
  readonly output: Grid;
}

export interface ArcTaskFile {
  /** The file name without `.json`, e.g. `007bbfb7`. */
  readonly id: string;
  readonly set: ArcSet;
  readonly train: readonly ArcPair[];
  readonly test: readonly ArcPair[];
}

/** What the ARC scorer and reports read from `Example.meta`. */
export type ArcMeta = {
  readonly arcTask: string;
  readonly arcSet: ArcSet;
  readonly testIndex: number;
};

function pairs(file: string, value: unknown, field: string): ArcPair[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new DataError(file, 'expected a non-empty list of pairs', undefined, field);
  return value.map((pair: unknown, index) => {
    const p = (pair ?? {}) as { input?: unknown; output?: unknown };
    if (!isGrid(p.input) || !isGrid(p.output)) {
      throw new DataError(
        file,
        `pair ${index}: input and output must be grids of digits 0-9`,
        undefined,
        field,
      );
    }
    return { input: p.input, output: p.output };
  });
}

/** Every task file of one ARC set directory (e.g. arc_agi_1/data/training), sorted by id. */
export function readArcDir(dir: string, set: ArcSet): ArcTaskFile[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (names.length === 0) throw new DataError(dir, 'no ARC task files (*.json) found');
  return names.map((name) => {
    const file = join(dir, name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DataError(file, `invalid JSON (${(error as Error).message})`);
    }
    const record = (value ?? {}) as { train?: unknown; test?: unknown };
    return {
      id: name.slice(0, -'.json'.length),
      set,
      train: pairs(file, record.train, 'train'),
      test: pairs(file, record.test, 'test'),
    };
  });
}

/** The user message: the demonstration pairs, then the test input, grids as rows of spaced digits. */
export function renderArcPrompt(train: readonly ArcPair[], testInput: Grid): string {
  const blocks = train.map(
    (pair, i) =>
      `Example ${i + 1}\nInput (${gridShape(pair.input)}):\n${gridToText(pair.input)}\n` +
      `Output (${gridShape(pair.output)}):\n${gridToText(pair.output)}`,
  );
  return [
    'Each example below maps an input grid to an output grid by the same hidden rule. Grids are rows of digits 0-9 (colours).',
    ...blocks,
    `Test input (${gridShape(testInput)}):\n${gridToText(testInput)}`,
    'What is the output grid for the test input?',
  ].join('\n\n');
}

/** One example per test input: id `arc-<set>-<task>` (suffixed `-<i>` for a task with several test inputs). */
export function arcExamples(task: ArcTaskFile): Example[] {
  return task.test.map((pair, testIndex) => {
    const meta: ArcMeta = { arcTask: task.id, arcSet: task.set, testIndex };
    const suffix = task.test.length > 1 ? `-${testIndex}` : '';
    return {
      id: `arc-${task.set}-${task.id}${suffix}`,
      input: renderArcPrompt(task.train, pair.input),
      answer: JSON.stringify(pair.output),
      meta,
    };
  });
}
