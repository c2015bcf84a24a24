import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import { rngFor } from '../../util/rng.js';
import { DEFAULT_SPLIT, seededSplit } from '../seeded-split.js';
import { generateSudoku, givensFor, type SudokuDifficulty } from '../sudoku/sudoku-generator.js';
import { SUDOKU_SYSTEM_PROMPT, sudokuExample } from '../sudoku/sudoku-prompt.js';
import { sudokuScorer } from '../sudoku/sudoku-scorer.js';
import { sudokuShape } from '../sudoku/sudoku-shape.js';
import { registerBuiltinTask, type TaskLoadContext } from '../task-registry.js';

type Options = TaskLoadContext['options'];

function sizesOf(options: Options): number[] {
  const value = options.size ?? 'mixed';
  if (value === 'mixed') return [4, 6, 9];
  const size = Number(value);
  if (size !== 4 && size !== 6 && size !== 9)
    throw new ConfigError('size', `expected 4, 6, 9 or "mixed", got "${String(value)}"`);
  return [size];
}

function difficultyOf(options: Options): SudokuDifficulty {
  const value = options.difficulty ?? 'medium';
  if (value !== 'easy' && value !== 'medium' && value !== 'hard') {
    throw new ConfigError('difficulty', `expected "easy", "medium" or "hard", got "${String(value)}"`);
  }
  return value;
}

function integerOption(options: Options, name: string, fallback: number, min: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new ConfigError(name, `expected an integer >= ${min}, got "${String(value)}"`);
  return n;
}

/**
 * `sudoku`: generated classic puzzles, each with exactly one solution. Options: `size` (4, 6, 9 or
 * "mixed", default: sizes in turn), `difficulty` ("easy" | "medium" | "hard": 55% / 45% / 35% of the
 * cells given), `givens` (a number of givens, overrides difficulty; fewer is kept only while the
 * solution stays unique), `count` (default 300), `puzzleSeed` (default 0). Puzzle i depends only on
 * (puzzleSeed, size, givens, i), so the data set is stable across run seeds; the run seed picks the
 * seeded 50/20/30 split. Scored by the rules, not against one stored grid.
 */
export function loadSudokuTask(context: TaskLoadContext): Task {
  const sizes = sizesOf(context.options);
  const difficulty = difficultyOf(context.options);
  const count = integerOption(context.options, 'count', 300, 1);
  const puzzleSeed = integerOption(context.options, 'puzzleSeed', 0, 0);
  const fixedGivens =
    context.options.givens === undefined ? undefined : integerOption(context.options, 'givens', 0, 1);
  const examples: Example[] = Array.from({ length: count }, (_, i) => {
    const shape = sudokuShape(sizes[i % sizes.length] ?? 9);
    const givens = Math.min(fixedGivens ?? givensFor(shape, difficulty), shape.size * shape.size);
    const level = fixedGivens === undefined ? difficulty : `g${givens}`;
    const label = `${shape.size}x${shape.size}-${level}-${puzzleSeed}-${i}`;
    return sudokuExample(`sudoku-${label}`, generateSudoku(shape, givens, rngFor(puzzleSeed, label)));
  });
  return {
    ...SUDOKU_INFO,
    splits: seededSplit(examples, DEFAULT_SPLIT, context.seed),
    defaultSystemPrompt: SUDOKU_SYSTEM_PROMPT,
    scorer: sudokuScorer,
    toUserMessage: (example) => example.input,
  };
}

const SUDOKU_INFO = {
  id: 'sudoku',
  description:
    'Solve a classic Sudoku (4x4, 6x6 with 2x3 boxes, or 9x9): fill the grid so every row, column and box holds each digit once, keeping the givens.',
  kind: 'grid',
  domain: 'logic-puzzles',
} as const;

registerBuiltinTask({ info: SUDOKU_INFO, files: [], load: loadSudokuTask });
