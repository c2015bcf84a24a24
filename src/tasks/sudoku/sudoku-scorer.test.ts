import { describe, expect, it } from 'vitest';
import { rngFor } from '../../util/rng.js';
import { generateSudoku, givensFor } from './sudoku-generator.js';
import { sudokuExample } from './sudoku-prompt.js';
import { sudokuScorer } from './sudoku-scorer.js';
import { sudokuShape } from './sudoku-shape.js';

const rows = (cells: readonly number[], n: number, sep = ' '): string =>
  Array.from({ length: n }, (_, r) => cells.slice(r * n, r * n + n).join(sep)).join('\n');

function scoreOf(verdict: ReturnType<typeof sudokuScorer.score>): { score: number; feedback: string } {
  if ('then' in verdict) throw new Error('sudoku scoring is synchronous');
  return verdict;
}

describe('sudokuScorer', () => {
  for (const size of [4, 6, 9]) {
    it(`scores ${size}x${size} solutions 1 in several formats and any single wrong cell 0`, () => {
      const shape = sudokuShape(size);
      for (let i = 0; i < 5; i++) {
        const puzzle = generateSudoku(shape, givensFor(shape, 'medium'), rngFor(i, `score-${size}`));
        const example = sudokuExample(`p${i}`, puzzle);
        const solution = [...puzzle.solution];
        const formats = [
          rows(solution, size),
          `Let me think.\n\`\`\`\n${rows(solution, size)}\n\`\`\``,
          `${example.input}\n\nSolved:\n${rows(solution, size, '')}`,
          JSON.stringify(Array.from({ length: size }, (_, r) => solution.slice(r * size, r * size + size))),
          `Answer: ${solution.join('')}`,
        ];
        for (const text of formats) expect(scoreOf(sudokuScorer.score(example, text)).score).toBe(1);
        for (let cell = 0; cell < size * size; cell++) {
          const wrong = [...solution];
          wrong[cell] = ((solution[cell] ?? 1) % size) + 1;
          const verdict = scoreOf(sudokuScorer.score(example, rows(wrong, size)));
          expect(verdict.score).toBe(0);
          const given = puzzle.puzzle[cell] !== 0;
          expect(verdict.feedback).toMatch(
            given ? /^The given \d at r\dc\d was changed/ : /^Row \d has two \ds/,
          );
        }
      }
    });
  }

  it('names the first violated rule: completeness, givens, rows, columns, boxes', () => {
    const shape = sudokuShape(4);
    const example = sudokuExample('t', {
      shape,
      puzzle: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      solution: [1, 2, 3, 4, 3, 4, 1, 2, 2, 1, 4, 3, 4, 3, 2, 1],
      givens: 1,
    });
    const feedback = (text: string): string => scoreOf(sudokuScorer.score(example, text)).feedback;
    expect(feedback('1 2 3 4\n3 4 1 2\n2 1 . 3\n4 3 2 1')).toBe(
      'The grid is not complete: r3c3 has no digit 1-4.',
    );
    expect(feedback('2 1 3 4\n3 4 1 2\n1 2 4 3\n4 3 2 1')).toBe('The given 1 at r1c1 was changed to 2.');
    expect(feedback('1 2 3 4\n2 1 4 3\n3 4 1 2\n4 3 2 1')).toBe(
      'The 2x2 box 1 (counted row by row) has two 2s (r1c2 and r2c1).',
    );
    expect(feedback('1 2 3 4\n1 2 3 4\n2 1 4 3\n4 3 2 1')).toMatch(/^Column 1 has two 1s \(r1c1 and r2c1\)/);
    expect(scoreOf(sudokuScorer.score(example, 'no idea'))).toMatchObject({ score: 0 });
  });
});
