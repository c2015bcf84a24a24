import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { findGrids } from '../arc/parse-grid.js';
import { findViolation } from './sudoku-check.js';
import { type Board, cellName, parseBoard, type SudokuShape, sudokuShape } from './sudoku-shape.js';

/**
 * What the Sudoku scorer reads from `Example.meta`. `check: 'rules'` (classic puzzles) accepts any
 * grid that satisfies the rules and keeps the givens; `'solution'` (variant puzzles, whose extra rules
 * are given only as text) compares with the reference solution in `answer`.
 */
export type SudokuMeta = {
  readonly size: number;
  readonly puzzle: string;
  readonly check: 'rules' | 'solution';
  /** Largest digit used (default: the size). */
  readonly maxDigit?: number;
};

/** The last size x size grid of the response (digit rows, '.'/'_' or 0 as empty, or JSON; a single row of size^2 digits too). */
export function extractSudokuGrid(
  response: string,
  shape: SudokuShape,
  maxDigit = shape.size,
): number[] | undefined {
  const n = shape.size;
  const grids = findGrids(response, { maxCell: maxDigit, blanks: '._' });
  for (let i = grids.length - 1; i >= 0; i--) {
    const grid = grids[i]?.grid ?? [];
    if (grid.length === n && grid.every((row) => row.length === n)) return grid.flat();
    if (grid.length === 1 && grid[0]?.length === n * n) return [...grid[0]];
  }
  return undefined;
}

function rowsText(cells: Board, n: number): string {
  return Array.from({ length: n }, (_, r) =>
    cells
      .slice(r * n, r * n + n)
      .map((d) => (d === 0 ? '.' : String(d)))
      .join(' '),
  ).join('\n');
}

/** Scores one response to a Sudoku example: 1 for a valid completed grid, else 0 with the first broken rule. */
export const sudokuScorer: Scorer = {
  name: 'sudoku',
  score(example: Example, response: string): ScoreResult {
    const meta = example.meta as Partial<SudokuMeta> | undefined;
    if (typeof meta?.size !== 'number' || typeof meta.puzzle !== 'string') {
      throw new Error(`example ${example.id} lacks Sudoku meta (size, puzzle)`);
    }
    const shape = sudokuShape(meta.size);
    const maxDigit = meta.maxDigit ?? shape.size;
    const givens = parseBoard(meta.puzzle, shape, maxDigit);
    const grid = extractSudokuGrid(response, shape, maxDigit);
    if (grid === undefined) {
      return {
        score: 0,
        feedback: `No ${shape.size}x${shape.size} grid found in the response; end with the completed grid, one row per line.`,
        failure: 'unparsable: no grid found',
      };
    }
    const extracted = rowsText(grid, shape.size);
    const violation = findViolation(grid, givens, shape, { maxDigit, groups: meta.check !== 'solution' });
    if (violation !== undefined) return { score: 0, extracted, feedback: violation.message };
    if (meta.check === 'solution') {
      const solution = parseBoard(example.answer, shape, maxDigit);
      const wrong = solution.findIndex((d, i) => grid[i] !== d);
      if (wrong >= 0) {
        const count = solution.filter((d, i) => grid[i] !== d).length;
        return {
          score: 0,
          extracted,
          feedback: `The grid breaks the puzzle's rules: ${count} cells differ from the unique solution, the first at ${cellName(shape, wrong)} (${grid[wrong]} there is wrong).`,
        };
      }
    }
    return {
      score: 1,
      extracted,
      feedback: 'Correct: the grid is complete, keeps the givens and satisfies the rules.',
    };
  },
};
