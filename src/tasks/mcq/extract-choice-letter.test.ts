import { describe, expect, it } from 'vitest';
import { extractChoiceLetter } from './extract-choice-letter.js';

describe('extractChoiceLetter', () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    ['(B)', 'B'],
    ['B)', 'B'],
    ['Answer: B', 'B'],
    ['**B**', 'B'],
    ['The answer is B.', 'B'],
    ['Reasoning...\nFinal answer: (c)', 'C'],
    ['**Answer:** **D**', 'D'],
    ['The correct option is (A).', 'A'],
    ['I compared A and C.\nAnswer: D\nOption C looked tempting but is wrong.', 'D'],
    ['So the result is \\boxed{C}.', 'C'],
    ['Let me think.\nOption A fails, so\nC', 'C'],
    ['Both (A) and (B) fail; the remaining option, C, works.', 'C'],
    ['A careful reading shows the energy doubles, which matches D here.', 'D'],
    ['A good question with no letter at all.', undefined],
    ['I am not sure.', undefined],
    ['', undefined],
  ];
  for (const [response, expected] of cases) {
    it(`${JSON.stringify(response)} -> ${expected ?? 'none'}`, () => {
      expect(extractChoiceLetter(response)).toBe(expected);
    });
  }

  it('prefers an explicit answer over letters mentioned later', () => {
    expect(extractChoiceLetter('The answer is (B). Note that (C) is a common trap.')).toBe('B');
  });

  it('only accepts letters among the options', () => {
    expect(extractChoiceLetter('Answer: E', 'ABCD')).toBeUndefined();
    expect(extractChoiceLetter('Answer: E', 'ABCDE')).toBe('E');
  });

  it('ignores a lowercase letter unless it is marked', () => {
    expect(extractChoiceLetter('the answer is a tricky one')).toBeUndefined();
    expect(extractChoiceLetter('the answer is (a)')).toBe('A');
  });
});
