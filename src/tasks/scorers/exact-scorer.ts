import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { extractFinalAnswer } from './final-answer.js';

function normalize(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.。]$/, '');
}

/** Exact match of the extracted final answer against the reference (whitespace-normalized). */
export const exactScorer: Scorer = {
  name: 'exact',
  score(example: Example, response: string): ScoreResult {
    const extracted = extractFinalAnswer(response);
    if (extracted === undefined) {
      return {
        score: 0,
        feedback: `No answer found in an empty response. Expected "${example.answer}". End with a line "Answer: <answer>".`,
        failure: 'unparsable: empty response',
      };
    }
    const ok = normalize(extracted) === normalize(example.answer);
    return {
      score: ok ? 1 : 0,
      extracted,
      feedback: ok ? `Correct: "${extracted}".` : `Expected "${example.answer}", extracted "${extracted}".`,
    };
  },
};
