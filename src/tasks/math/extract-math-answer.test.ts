import { describe, expect, it } from 'vitest';
import { answerLine, extractMathAnswer, lastBoxed, lastNumber } from './extract-math-answer.js';

describe('extractMathAnswer', () => {
  it('takes the last \\boxed{} first, honouring nested braces', () => {
    expect(extractMathAnswer('try \\boxed{1} then \\boxed{\\frac{1}{2}}. Answer: 7')).toEqual({
      answer: '\\frac{1}{2}',
      method: 'boxed',
    });
    expect(lastBoxed('\\boxed{\\left\\{ 1, \\sqrt{2} \\right\\}}')).toBe('\\left\\{ 1, \\sqrt{2} \\right\\}');
    expect(lastBoxed('so \\fbox{5}')).toBe('5');
    expect(lastBoxed('so \\boxed 5 done')).toBe('5');
    expect(lastBoxed('unclosed \\boxed{3')).toBeUndefined();
  });

  it('then the last "Final answer:" / "Answer:" line', () => {
    expect(extractMathAnswer('work... 12\nAnswer: 13\nmore text 14\nFinal answer: $15$.')).toEqual({
      answer: '$15$',
      method: 'answer-line',
    });
    expect(answerLine('**Final Answer:** 3/4')).toBe('3/4');
    expect(answerLine('The answer is 42.')).toBe('42');
    expect(answerLine('steps\n#### 1,234')).toBe('1,234');
  });

  it('then the last number', () => {
    expect(extractMathAnswer('3 apples and 4 pears make 7')).toEqual({ answer: '7', method: 'last-number' });
    expect(lastNumber('costs $1,234.50 in total')).toBe('1,234.50');
    expect(lastNumber('ratio 7 / 8')).toBe('7/8');
    expect(lastNumber('it is -3')).toBe('-3');
  });

  it('finds nothing in a response without an answer', () => {
    expect(extractMathAnswer('I do not know.')).toBeUndefined();
    expect(extractMathAnswer('')).toBeUndefined();
  });
});
