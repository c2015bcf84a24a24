import type { Example } from '../../spec/example.js';
import type { SudokuPuzzle } from './sudoku-generator.js';
import type { SudokuMeta } from './sudoku-scorer.js';
import { boardToString, renderBoard } from './sudoku-shape.js';

export const SUDOKU_SYSTEM_PROMPT = [
  'You are an expert Sudoku solver.',
  'Think step by step: for each empty cell work out which digits its row, column and box (and any extra rule)',
  'still allow; fill the cells with a single candidate and the digits that fit in only one place of a row,',
  'column or box; repeat, checking every deduction, and never guess without verifying.',
  'When the grid is full, check that every row, column and box contains each digit exactly once and that every',
  'given digit is unchanged.',
  'End with the completed grid alone in a ``` code block: one row per line, digits separated by spaces.',
].join(' ');

/** The user message and scoring data of a generated classic puzzle. */
export function sudokuExample(id: string, puzzle: SudokuPuzzle): Example {
  const { size, boxRows, boxCols } = puzzle.shape;
  const input = [
    `Solve this ${size}x${size} Sudoku. Fill each empty cell (.) with a digit from 1 to ${size} so that every row, every column and every ${boxRows}x${boxCols} box (${boxRows} rows by ${boxCols} columns, marked by the lines) contains each digit exactly once. Keep the given digits.`,
    renderBoard(puzzle.puzzle, puzzle.shape),
  ].join('\n\n');
  const meta: SudokuMeta = { size, puzzle: boardToString(puzzle.puzzle), check: 'rules' };
  return { id, input, answer: puzzle.solution.join(''), meta };
}
