import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../spec/score.js';
import { isListAnswer, mathAnswerScorer, referenceAnswer, scoreMathResponse } from './score-math-response.js';

const score = (reference: string, response: string): number =>
  scoreMathResponse(response, reference).result.score;

describe('scoreMathResponse', () => {
  it('never accepts a wrong answer because the reference number appears inside it', () => {
    expect(score('2', 'So the ratio is $\\frac{1+\\sqrt{5}}{2}$.')).toBe(0);
    expect(score('3', 'So we get $\\frac{1}{3}$.')).toBe(0);
    expect(score('2', 'We find $2^{10}.$')).toBe(0);
    expect(score('12', 'It is between 12 and 13.')).toBe(0);
  });

  it('reads LaTeX answers as whole expressions', () => {
    expect(score('1/3', 'Thus the probability is $\\dfrac{1}{3}$.')).toBe(1);
    expect(score('(7,6)', 'So the ordered pair is $(7, 6)$.')).toBe(1);
  });

  it('reads the Minerva / lm-eval "Final Answer" format', () => {
    expect(score('14916', 'Final Answer: The final answer is $14{,}916$. I hope it is correct.')).toBe(1);
    expect(score('34', 'Final Answer: The largest $n$ is 34.')).toBe(1);
  });

  it('handles units, separators and named lists', () => {
    expect(score('125', 'The distance is $\\boxed{125\\textnormal{ miles}}.$')).toBe(1);
    expect(score('32349', 'is $\\boxed{32,\\! 349}$')).toBe(1);
    expect(score('a_{37} = 19, a_3 = 2', '\\boxed{a_3 = 2, a_{37} = 19}')).toBe(1);
    expect(score('(p,q) = (3,2)', '\\boxed{(3,2)}')).toBe(1);
    expect(score('-2 \\le x \\le 7', 'so $x \\in \\boxed{[-2,7]}$')).toBe(1);
    expect(score('E', 'The answer is $\\text{E}$.')).toBe(1);
  });

  it('reads several boxes as one answer when the reference is a list', () => {
    expect(score('1, -2', 'The integers are \\boxed{-2} and \\boxed{1}.')).toBe(1);
    expect(score('1', 'The integers are \\boxed{-2} and \\boxed{1}.')).toBe(0);
    expect(score('\\frac{639}{40}', 'so $\\boxed{15\\frac{39}{40}}$ or $\\boxed{\\frac{639}{40}}$')).toBe(1);
    expect(isListAnswer('1, -2')).toBe(true);
    expect(isListAnswer('x = 1, 2')).toBe(true);
    expect(isListAnswer('12')).toBe(false);
  });

  it('takes the boxed answer of a worked-solution reference', () => {
    expect(referenceAnswer('so $n = \\boxed{1,-2}.$')).toBe('1,-2');
    expect(referenceAnswer('\\boxed{1}\\boxed{2}')).toBe('1, 2');
    expect(referenceAnswer('\\frac{14}{3}')).toBe('\\frac{14}{3}');
    expect(
      referenceAnswer('The loss is 28%. Final Answer: The final answer is $28\\%$. I hope it is correct.'),
    ).toBe('28\\%');
  });

  it('explains what it read, from where, and the normalised forms compared', () => {
    const { result, explanation } = scoreMathResponse('So we get $\\dfrac{1}{3}$.', '3');
    expect(explanation).toMatchObject({
      extracted: '\\dfrac{1}{3}',
      method: 'math-span',
      source: '$\\dfrac{1}{3}$',
      reference: '3',
      normalized: { predicted: '\\frac{1}{3}', reference: '3' },
      equal: false,
    });
    expect(result.feedback).toContain('the last LaTeX math in the response');
    expect(result.feedback).toContain('Put the final answer in \\boxed{}');
    const none = scoreMathResponse('I do not know.', '3');
    expect(none.explanation).toMatchObject({ method: 'none', equal: false });
    expect(none.result.failure).toMatch(/no final answer/);
  });

  it('is the math tasks scorer', async () => {
    const r = (await mathAnswerScorer.score(
      { id: 'e', input: 'q', answer: '0.5' },
      'Half is \\boxed{\\frac12}',
    )) as ScoreResult;
    expect(r).toMatchObject({ score: 1, extracted: '\\frac12' });
  });
});
