import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { extractFinalAnswer } from './final-answer.js';
import { normalizeText, quoteList, referenceAnswers } from './reference-answers.js';

/**
 * Match of the final answer ("Answer:" line, else \boxed{}, else the last line) after SQuAD-style
 * normalization: case, punctuation, articles and spacing are ignored. The reference may be a JSON
 * array of acceptable answers.
 */
export const normalizedScorer: Scorer = {
  name: 'normalized',
  score(example: Example, response: string): ScoreResult {
    const answers = referenceAnswers(example.answer);
    const extracted = extractFinalAnswer(response);
    if (extracted === undefined) {
      return {
        score: 0,
        feedback: `Empty response. Expected ${quoteList(answers)}. End with a line "Answer: <answer>".`,
        failure: 'unparsable: empty response',
      };
    }
    const got = normalizeText(extracted);
    const ok = got !== '' && answers.some((a) => normalizeText(a) === got);
    return {
      score: ok ? 1 : 0,
      extracted,
      feedback: ok
        ? `Correct: "${extracted}".`
        : `Expected ${quoteList(answers)}, extracted "${extracted}" (compared ignoring case, punctuation and articles).`,
    };
  },
};
