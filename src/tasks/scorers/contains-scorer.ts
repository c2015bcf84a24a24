import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { normalizeText, quoteList, referenceAnswers } from './reference-answers.js';

/**
 * The response contains the reference as a whole phrase (case, punctuation and spacing ignored;
 * "cat" is not found in "concatenate"). The reference may be a JSON array of acceptable phrases.
 */
export const containsScorer: Scorer = {
  name: 'contains',
  score(example: Example, response: string): ScoreResult {
    const answers = referenceAnswers(example.answer);
    const haystack = ` ${normalizeText(response)} `;
    const found = answers.find((a) => {
      const needle = normalizeText(a);
      return needle !== '' && haystack.includes(` ${needle} `);
    });
    if (response.trim() === '') {
      return {
        score: 0,
        feedback: `Empty response. Expected it to mention ${quoteList(answers)}.`,
        failure: 'unparsable: empty response',
      };
    }
    return found === undefined
      ? { score: 0, feedback: `The response does not mention ${quoteList(answers)}.` }
      : { score: 1, extracted: found, feedback: `Correct: the response mentions "${found}".` };
  },
};
