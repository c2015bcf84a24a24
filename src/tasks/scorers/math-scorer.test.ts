import { describe, expect, it } from 'vitest';
import type { Example } from '../../spec/example.js';
import type { ScoreResult } from '../../spec/score.js';
import { mathScorer } from './math-scorer.js';

const example = (answer: string): Example => ({ id: 'e1', input: 'problem', answer });
const score = (answer: string, response: string): ScoreResult =>
  mathScorer.score(example(answer), response) as ScoreResult;

describe('mathScorer', () => {
  it('accepts an equivalent boxed answer and says so', () => {
    const r = score('0.5', 'Half of one is \\boxed{\\frac{1}{2}}.');
    expect(r).toMatchObject({ score: 1, extracted: '\\frac{1}{2}' });
    expect(r.feedback).toMatch(/Correct.*\\boxed/);
  });

  it('traps: \\boxed{12} is not 1.2, and 1/3 is not 0.33', () => {
    expect(score('1.2', '\\boxed{12}').score).toBe(0);
    expect(score('0.33', 'Answer: 1/3').score).toBe(0);
    expect(score('\\frac{1}{3}', '\\boxed{0.33}').score).toBe(0);
  });

  it('does not accept the right number buried in the text when the final answer differs', () => {
    const r = score('42', 'At first I got 42, but that double counts. So the result is \\boxed{41}.');
    expect(r.score).toBe(0);
    expect(r.extracted).toBe('41');
    expect(r.feedback).toContain('"42"');
    expect(score('42', 'Candidates: 42 and 40. Final answer: 40').score).toBe(0);
    expect(score('42', 'It could be 42 or 43.').score).toBe(0);
    expect(score('42', 'Answer: 42 or 43').score).toBe(0);
  });

  it('falls back to the last number, and says to use \\boxed{}', () => {
    const r = score('18', 'She sells 9 eggs at $2, making 18 dollars');
    expect(r.score).toBe(1);
    const wrong = score('18', 'She makes 9 dollars');
    expect(wrong.feedback).toMatch(/last number.*Put the final answer in \\boxed/);
  });

  it('marks a response without any answer as a failure with a hint', () => {
    const r = score('7', 'I am not sure how to solve this.');
    expect(r.score).toBe(0);
    expect(r.failure).toMatch(/no final answer/);
    expect(r.feedback).toContain('"7"');
  });
});
