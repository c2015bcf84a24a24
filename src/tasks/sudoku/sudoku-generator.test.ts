import { describe, expect, it } from 'vitest';
import { createRng, rngFor } from '../../util/rng.js';
import { findViolation } from './sudoku-check.js';
import { GIVEN_FRACTION, generateSudoku, givensFor, type SudokuDifficulty } from './sudoku-generator.js';
import { parseBoard, renderBoard, sudokuShape } from './sudoku-shape.js';
import { countSolutions, solveSudoku } from './sudoku-solver.js';

describe('Sudoku solver', () => {
  it('counts 0, 1 or several solutions', () => {
    const shape = sudokuShape(4);
    expect(countSolutions(parseBoard('12..34..........', shape), shape, 10)).toBeGreaterThan(1);
    expect(countSolutions(parseBoard('11..............', shape), shape)).toBe(0);
    const unique = parseBoard('1234.4......4..1', shape);
    expect(countSolutions(unique, shape, 10)).toBe(1);
    expect(solveSudoku(unique, shape)).toEqual(parseBoard('1234341221434321', shape));
  });

  it('uses 2x3 boxes for 6x6 and 3x3 for 9x9', () => {
    expect(sudokuShape(6)).toEqual({ size: 6, boxRows: 2, boxCols: 3 });
    expect(sudokuShape(9)).toEqual({ size: 9, boxRows: 3, boxCols: 3 });
    expect(() => sudokuShape(3)).toThrow(RangeError);
    expect(renderBoard(parseBoard('123456456123'.repeat(3), sudokuShape(6)), sudokuShape(6))).toContain(
      '1 2 3 | 4 5 6\n4 5 6 | 1 2 3\n------+------',
    );
  });
});

describe('generateSudoku', () => {
  const levels: readonly SudokuDifficulty[] = ['easy', 'medium', 'hard'];
  for (const size of [4, 6, 9]) {
    it(`makes ${size}x${size} puzzles with a unique solution at every difficulty`, () => {
      const shape = sudokuShape(size);
      for (const difficulty of levels) {
        for (let i = 0; i < 15; i++) {
          const puzzle = generateSudoku(
            shape,
            givensFor(shape, difficulty),
            rngFor(i, `${size}-${difficulty}`),
          );
          expect(countSolutions(puzzle.puzzle, shape, 2)).toBe(1);
          expect(solveSudoku(puzzle.puzzle, shape)).toEqual(puzzle.solution);
          expect(findViolation(puzzle.solution, puzzle.puzzle, shape)).toBeUndefined();
          expect(puzzle.puzzle.filter((d) => d !== 0)).toHaveLength(puzzle.givens);
          expect(puzzle.givens).toBeGreaterThanOrEqual(givensFor(shape, difficulty));
          puzzle.puzzle.forEach((d, cell) => {
            if (d !== 0) expect(puzzle.solution[cell]).toBe(d);
          });
        }
      }
    });
  }

  it('reaches the target number of givens and is deterministic for a seed', () => {
    const shape = sudokuShape(9);
    const a = generateSudoku(shape, givensFor(shape, 'hard'), createRng(42));
    const b = generateSudoku(shape, givensFor(shape, 'hard'), createRng(42));
    expect(a).toEqual(b);
    expect(a.givens).toBe(Math.round(81 * GIVEN_FRACTION.hard));
    expect(generateSudoku(shape, 30, createRng(43)).puzzle).not.toEqual(a.puzzle);
  });
});
