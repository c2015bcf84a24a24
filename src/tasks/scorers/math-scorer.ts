import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { describeMethod, extractMathAnswer } from '../math/extract-math-answer.js';
import { mathEquivalent } from '../math/math-equivalence.js';

/**
 * Math answers: the final answer is extracted (last \boxed{}, else an "Answer:" line, else the last
 * number) and compared with the reference by mathematical equivalence (see `mathEquivalent`).
 * Feedback says where the answer was found, what it was, what was expected and why it differs.
 */
export const mathScorer: Scorer = {
  name: 'math',
  score(example: Example, response: string): ScoreResult {
    const found = extractMathAnswer(response);
    if (found === undefined) {
      return {
        score: 0,
        feedback: `No final answer found: the response has no \\boxed{}, no "Answer:" line and no number. The reference answer is "${example.answer}". End with the final answer in \\boxed{}.`,
        failure: 'unparsable: no final answer found',
      };
    }
    const verdict = mathEquivalent(found.answer, example.answer);
    const where = describeMethod(found.method);
    if (verdict.equal) {
      return {
        score: 1,
        extracted: found.answer,
        feedback: `Correct: the answer from ${where} is "${found.answer}", equal to the reference "${example.answer}".`,
      };
    }
    const hint = found.method === 'boxed' ? '' : ' Put the final answer in \\boxed{}.';
    return {
      score: 0,
      extracted: found.answer,
      feedback: `Incorrect: the answer from ${where} is "${found.answer}" but the reference answer is "${example.answer}" (${verdict.reason}).${hint}`,
    };
  },
};
