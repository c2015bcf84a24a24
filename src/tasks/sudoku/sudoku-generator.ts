import type { Rng } from '../../util/rng.js';
import type { SudokuShape } from './sudoku-shape.js';
import { countSolutions, solveSudoku } from './sudoku-solver.js';

export type SudokuDifficulty = 'easy' | 'medium' | 'hard';

/** Share of the cells given, by difficulty (fewer givens is harder). */
export const GIVEN_FRACTION: Readonly<Record<SudokuDifficulty, number>> = {
  easy: 0.55,
  medium: 0.45,
  hard: 0.35,
};

export interface SudokuPuzzle {
  readonly shape: SudokuShape;
  /** 0 = empty. */
  readonly puzzle: readonly number[];
  readonly solution: readonly number[];
  /** Number of given cells (at least the target: removal stops where uniqueness would be lost). */
  readonly givens: number;
}

/** The target number of givens for a difficulty. */
export function givensFor(shape: SudokuShape, difficulty: SudokuDifficulty): number {
  return Math.round(shape.size * shape.size * GIVEN_FRACTION[difficulty]);
}

/**
 * A puzzle with exactly one solution: a random full grid, then cells removed in random order as
 * long as the solution stays unique (checked by counting solutions up to 2 after every removal),
 * until `givens` cells remain or no further cell can go. Deterministic for a given rng state.
 */
export function generateSudoku(shape: SudokuShape, givens: number, rng: Rng): SudokuPuzzle {
  const solution = solveSudoku(new Array<number>(shape.size * shape.size).fill(0), shape, rng);
  if (solution === undefined) throw new Error(`cannot fill a ${shape.size}x${shape.size} grid`);
  const puzzle = [...solution];
  let remaining = puzzle.length;
  for (const index of rng.shuffle(puzzle.map((_, i) => i))) {
    if (remaining <= givens) break;
    const digit = puzzle[index] ?? 0;
    puzzle[index] = 0;
    if (countSolutions(puzzle, shape, 2) === 1) remaining--;
    else puzzle[index] = digit;
  }
  return { shape, puzzle, solution, givens: remaining };
}
