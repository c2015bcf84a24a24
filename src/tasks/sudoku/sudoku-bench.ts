import { readFileSync } from 'node:fs';
import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { SudokuMeta } from './sudoku-scorer.js';
import { parseBoard, renderBoard, sudokuShape } from './sudoku-shape.js';

/** One row of Sudoku-Bench (challenge_100). */
export interface SudokuBenchPuzzle {
  readonly id: string;
  readonly title: string;
  readonly author: string;
  readonly rules: string;
  readonly size: number;
  /** `.` for empty cells, row by row. */
  readonly initialBoard: string;
  readonly solution: string;
  /** JSON list of the puzzle's visual elements (cages, lines, arrows...), "[]" for none. */
  readonly visualElements: string;
  /** Plain classic Sudoku: normal rules only, no visual elements. */
  readonly classic: boolean;
}

const CLASSIC_RULES = /^normal\s+(?:\d+\s*x\s*\d+\s+)?sudoku rules apply\.?$/i;

/** The rules field is JSON-encoded text in the file; decoded when it is. */
function decodeRules(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : raw;
  } catch {
    return raw;
  }
}

export function readSudokuBench(path: string): SudokuBenchPuzzle[] {
  const out: SudokuBenchPuzzle[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      const line = index + 1;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(raw) as Record<string, unknown>;
      } catch (error) {
        throw new DataError(path, `invalid JSON (${(error as Error).message})`, line);
      }
      const text = (field: string): string => {
        const value = row[field];
        if (typeof value !== 'string') throw new DataError(path, 'missing or not a string', line, field);
        return value;
      };
      const size = row.rows;
      if (typeof size !== 'number' || row.cols !== size || size < 4 || size > 9) {
        throw new DataError(path, 'expected a square grid of size 4..9', line, 'rows');
      }
      const rules = decodeRules(text('rules')).trim();
      const visualElements = typeof row.visual_elements === 'string' ? row.visual_elements : '[]';
      const puzzle: SudokuBenchPuzzle = {
        id: text('puzzle_id'),
        title: typeof row.title === 'string' ? row.title : '',
        author: typeof row.author === 'string' ? row.author : '',
        rules,
        size,
        initialBoard: text('initial_board'),
        solution: text('solution'),
        visualElements,
        classic: visualElements.trim() === '[]' && CLASSIC_RULES.test(rules),
      };
      try {
        parseBoard(puzzle.initialBoard, sudokuShape(size), 9);
        parseBoard(puzzle.solution, sudokuShape(size), 9);
      } catch (error) {
        throw new DataError(path, (error as Error).message, line, 'initial_board/solution');
      }
      out.push(puzzle);
    });
  return out;
}

/**
 * A Sudoku-Bench example. Classic puzzles are checked by the rules; variant puzzles pass their rules
 * and visual elements to the model as text and are checked against the reference solution.
 */
export function sudokuBenchExample(puzzle: SudokuBenchPuzzle): Example {
  const shape = sudokuShape(puzzle.size);
  const board = parseBoard(puzzle.initialBoard, shape, 9);
  const maxDigit = Math.max(puzzle.size, ...[...puzzle.solution].map(Number));
  const n = puzzle.size;
  const parts = [
    `Solve this ${n}x${n} Sudoku puzzle${puzzle.title ? ` ("${puzzle.title}" by ${puzzle.author})` : ''}. Fill every empty cell (.) with a digit so that all the rules hold; keep the given digits.`,
    `Rules:\n${puzzle.rules}`,
  ];
  if (!puzzle.classic) {
    parts.push(
      `Visual elements of the puzzle (cells are named rXcY: row X, column Y, from the top left):\n${puzzle.visualElements}`,
    );
  }
  parts.push(`Grid:\n${renderBoard(board, shape)}`);
  const meta: SudokuMeta = {
    size: n,
    puzzle: puzzle.initialBoard,
    check: puzzle.classic ? 'rules' : 'solution',
    ...(maxDigit > n ? { maxDigit } : {}),
  };
  return { id: `sudoku-bench-${puzzle.id}`, input: parts.join('\n\n'), answer: puzzle.solution, meta };
}
