import { ConfigError } from '../../errors.js';
import type { Task } from '../../spec/task.js';
import { DEFAULT_SPLIT, seededSplit } from '../seeded-split.js';
import { readSudokuBench, sudokuBenchExample } from '../sudoku/sudoku-bench.js';
import { SUDOKU_SYSTEM_PROMPT } from '../sudoku/sudoku-prompt.js';
import { sudokuScorer } from '../sudoku/sudoku-scorer.js';
import { registerBuiltinTask, type TaskLoadContext } from '../task-registry.js';

export const SUDOKU_BENCH_FILE = 'sudoku/sudoku_bench_challenge_100.jsonl';

/**
 * `sudoku-bench`: Sudoku-Bench challenge_100. Option `subset`: "classic" (default: the puzzles with
 * normal rules only, the 20 Nikoli 9x9), "variant" (the others: their rules and visual elements are
 * given to the model as text; a response is checked against the reference solution) or "all".
 * Seeded 50/20/30 split.
 */
export function loadSudokuBenchTask(context: TaskLoadContext): Task {
  const subset = context.options.subset ?? 'classic';
  if (subset !== 'classic' && subset !== 'variant' && subset !== 'all') {
    throw new ConfigError('subset', `expected "classic", "variant" or "all", got "${String(subset)}"`);
  }
  const puzzles = readSudokuBench(context.dataFile(SUDOKU_BENCH_FILE)).filter(
    (p) => subset === 'all' || p.classic === (subset === 'classic'),
  );
  return {
    ...SUDOKU_BENCH_INFO,
    splits: seededSplit(puzzles.map(sudokuBenchExample), DEFAULT_SPLIT, context.seed),
    defaultSystemPrompt: SUDOKU_SYSTEM_PROMPT,
    scorer: sudokuScorer,
    toUserMessage: (example) => example.input,
  };
}

const SUDOKU_BENCH_INFO = {
  id: 'sudoku-bench',
  description:
    'Solve Sudoku-Bench puzzles (classic Nikoli 9x9 by default; variants state extra rules as text): fill the grid so every rule holds.',
  kind: 'grid',
  domain: 'logic-puzzles',
} as const;

registerBuiltinTask({ info: SUDOKU_BENCH_INFO, files: [SUDOKU_BENCH_FILE], load: loadSudokuBenchTask });
