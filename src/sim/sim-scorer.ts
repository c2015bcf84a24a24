import type { ScoreResult, Scorer } from '../spec/score.js';
import { answersMatch, extractAnswer } from './synthetic/answers.js';
import type { SyntheticGenerator } from './synthetic/generator.js';

export const NO_ANSWER_FEEDBACK = "no final answer found: end with a line 'Answer: <value>'";

/**
 * Scores a synthetic task's response 0/1 by its final `Answer:` line (numeric tasks fall back to the
 * last number). Feedback is written for the prompt agent: "expected 42, extracted 41".
 */
export function simScorer(generator: SyntheticGenerator): Scorer {
  return {
    name: `sim-${generator.name}`,
    score(example, response): ScoreResult {
      const extracted = extractAnswer(response, generator.answerType);
      if (extracted === undefined) {
        return { score: 0, feedback: NO_ANSWER_FEEDBACK, failure: 'unparsable: no final answer found' };
      }
      const ok = answersMatch(example.answer, extracted, generator.answerType);
      const feedback = `${ok ? 'correct: ' : ''}expected ${example.answer}, extracted ${extracted}`;
      return { score: ok ? 1 : 0, feedback, extracted };
    },
  };
}
