import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { loadTask } from '../load-task.js';
import { parseBoard, sudokuShape } from '../sudoku/sudoku-shape.js';
import { countSolutions } from '../sudoku/sudoku-solver.js';
import { dataDirContext } from '../task-registry.js';
import { loadSudokuTask } from './sudoku.js';
import { loadSudokuBenchTask } from './sudoku-bench.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));

describe('sudoku task', () => {
  it('generates a mixed set of unique puzzles by default, split by the run seed', () => {
    const task = loadSudokuTask(dataDirContext(DATA_DIR, 3, { count: 60 }));
    const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
    expect(all).toHaveLength(60);
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([30, 12, 18]);
    expect(new Set(all.map((e) => e.meta?.size))).toEqual(new Set([4, 6, 9]));
    for (const example of all) {
      const shape = sudokuShape(Number(example.meta?.size));
      expect(countSolutions(parseBoard(String(example.meta?.puzzle), shape), shape, 2)).toBe(1);
    }
    const other = loadSudokuTask(dataDirContext(DATA_DIR, 4, { count: 60 }));
    const ids = (t: typeof task): string[] =>
      [...t.splits.train, ...t.splits.val, ...t.splits.test].map((e) => e.id).sort();
    expect(ids(other)).toEqual(ids(task));
    expect(task.kind).toBe('grid');
  });

  it('honours size, difficulty and givens, and rejects bad values', () => {
    const task = loadSudokuTask(dataDirContext(DATA_DIR, 0, { size: 6, difficulty: 'hard', count: 10 }));
    const example = task.splits.train[0];
    expect(example?.id).toMatch(/^sudoku-6x6-hard-0-\d+$/);
    expect(task.toUserMessage(example ?? { id: '', input: '', answer: '' })).toContain('every 2x3 box');
    const byGivens = loadSudokuTask(dataDirContext(DATA_DIR, 0, { size: 9, givens: 30, count: 4 }));
    const puzzle = String(byGivens.splits.train[0]?.meta?.puzzle);
    expect([...puzzle].filter((ch) => ch !== '.')).toHaveLength(30);
    expect(() => loadSudokuTask(dataDirContext(DATA_DIR, 0, { size: 5 }))).toThrow(ConfigError);
    expect(() => loadSudokuTask(dataDirContext(DATA_DIR, 0, { difficulty: 'insane' }))).toThrow(ConfigError);
    expect(() => loadSudokuTask(dataDirContext(DATA_DIR, 0, { count: 0 }))).toThrow(ConfigError);
  });
});

describe('sudoku-bench task', () => {
  it('loads the classic subset by default and variants on request', () => {
    const classic = loadTask('sudoku-bench', { dataDir: DATA_DIR });
    const size = (t: typeof classic): number =>
      t.splits.train.length + t.splits.val.length + t.splits.test.length;
    expect(size(classic)).toBe(20);
    expect(classic.splits.train.every((e) => e.meta?.check === 'rules')).toBe(true);
    expect(size(loadSudokuBenchTask(dataDirContext(DATA_DIR, 0, { subset: 'variant' })))).toBe(80);
    expect(size(loadSudokuBenchTask(dataDirContext(DATA_DIR, 0, { subset: 'all' })))).toBe(100);
    expect(() => loadSudokuBenchTask(dataDirContext(DATA_DIR, 0, { subset: 'hard' }))).toThrow(ConfigError);
  });
});
