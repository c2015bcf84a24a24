import { type Board, boxOf, cellName, type SudokuShape } from './sudoku-shape.js';

export type SudokuRule = 'complete' | 'given' | 'row' | 'column' | 'box' | 'solution';

export interface SudokuViolation {
  readonly rule: SudokuRule;
  /** One sentence naming the rule and the cells, e.g. "Row 2 has two 7s (r2c1 and r2c6)." */
  readonly message: string;
}

function duplicate(
  shape: SudokuShape,
  grid: Board,
  groupOf: (row: number, col: number) => number,
): { group: number; digit: number; first: number; second: number } | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < grid.length; i++) {
    const group = groupOf(Math.floor(i / shape.size), i % shape.size);
    const key = `${group}:${grid[i]}`;
    const first = seen.get(key);
    if (first !== undefined) return { group, digit: grid[i] ?? 0, first, second: i };
    seen.set(key, i);
  }
  return undefined;
}

export interface FindViolationOptions {
  /** Largest digit allowed (default: the size; some variants use 1-9 on small grids). */
  readonly maxDigit?: number;
  /** Check rows, columns and boxes (default true); false checks completeness and givens only. */
  readonly groups?: boolean;
}

/**
 * The first broken rule of a filled-in classic Sudoku, checked in this order: every cell holds a
 * digit 1..size, the givens are kept, then rows, columns and boxes hold no digit twice. Undefined
 * when the grid is a valid solution. `grid` and `givens` are row-major, 0 = empty.
 */
export function findViolation(
  grid: Board,
  givens: Board,
  shape: SudokuShape,
  options: FindViolationOptions = {},
): SudokuViolation | undefined {
  const maxDigit = options.maxDigit ?? shape.size;
  const empty = grid.findIndex((d) => !Number.isInteger(d) || d < 1 || d > maxDigit);
  if (empty >= 0) {
    return {
      rule: 'complete',
      message: `The grid is not complete: ${cellName(shape, empty)} has no digit 1-${maxDigit}.`,
    };
  }
  const changed = givens.findIndex((g, i) => g !== 0 && grid[i] !== g);
  if (changed >= 0) {
    return {
      rule: 'given',
      message: `The given ${givens[changed]} at ${cellName(shape, changed)} was changed to ${grid[changed]}.`,
    };
  }
  if (options.groups === false) return undefined;
  const checks: Array<[SudokuRule, (r: number, c: number) => number, (g: number) => string]> = [
    ['row', (r) => r, (g) => `Row ${g + 1}`],
    ['column', (_, c) => c, (g) => `Column ${g + 1}`],
    [
      'box',
      (r, c) => boxOf(shape, r, c),
      (g) => `The ${shape.boxRows}x${shape.boxCols} box ${g + 1} (counted row by row)`,
    ],
  ];
  for (const [rule, groupOf, label] of checks) {
    const dup = duplicate(shape, grid, groupOf);
    if (dup !== undefined) {
      return {
        rule,
        message: `${label(dup.group)} has two ${dup.digit}s (${cellName(shape, dup.first)} and ${cellName(shape, dup.second)}).`,
      };
    }
  }
  return undefined;
}
