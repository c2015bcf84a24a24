import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSudokuBench, sudokuBenchExample } from './sudoku-bench.js';
import { sudokuScorer } from './sudoku-scorer.js';
import { parseBoard, sudokuShape } from './sudoku-shape.js';
import { countSolutions } from './sudoku-solver.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const puzzles = readSudokuBench(`${DATA_DIR}sudoku/sudoku_bench_challenge_100.jsonl`);
const score = (verdict: ReturnType<typeof sudokuScorer.score>): number => {
  if ('then' in verdict) throw new Error('sudoku scoring is synchronous');
  return verdict.score;
};

describe('Sudoku-Bench', () => {
  it('finds the 20 classic puzzles, which have unique solutions', () => {
    expect(puzzles).toHaveLength(100);
    const classic = puzzles.filter((p) => p.classic);
    expect(classic).toHaveLength(20);
    expect(classic.every((p) => p.author === 'Nikoli' && p.size === 9)).toBe(true);
    for (const p of classic) {
      const shape = sudokuShape(p.size);
      expect(countSolutions(parseBoard(p.initialBoard, shape), shape, 2)).toBe(1);
    }
  });

  it('scores the reference solution of every classic puzzle 1 and a wrong cell 0', () => {
    for (const p of puzzles.filter((q) => q.classic)) {
      const example = sudokuBenchExample(p);
      expect(example.input).toContain('Normal 9x9 sudoku rules apply.');
      const grid = (s: string): string => s.match(/.{9}/g)?.join('\n') ?? '';
      expect(score(sudokuScorer.score(example, `\`\`\`\n${grid(p.solution)}\n\`\`\``))).toBe(1);
      const blank = p.initialBoard.indexOf('.');
      const wrong =
        p.solution.slice(0, blank) + ((Number(p.solution[blank]) % 9) + 1) + p.solution.slice(blank + 1);
      expect(score(sudokuScorer.score(example, grid(wrong)))).toBe(0);
    }
  });

  it('passes variant rules and visual elements as text and checks variants against the solution', () => {
    const variants = puzzles.filter((p) => !p.classic);
    expect(variants).toHaveLength(80);
    for (const p of variants) {
      const example = sudokuBenchExample(p);
      expect(example.input).toContain(p.rules);
      expect(example.input).toContain('Visual elements of the puzzle');
      expect(example.meta?.check).toBe('solution');
      expect(score(sudokuScorer.score(example, p.solution))).toBe(1);
    }
    const killer = variants.find((p) => p.size === 9);
    if (killer === undefined) throw new Error('no 9x9 variant');
    const swapped = killer.solution.slice(0, 9).split('').reverse().join('') + killer.solution.slice(9);
    expect(score(sudokuScorer.score(sudokuBenchExample(killer), swapped))).toBe(0);
  });
});
