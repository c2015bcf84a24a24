import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { extractChoiceLetter } from './extract-choice-letter.js';
import { choiceLetters } from './shuffle-choices.js';

function optionsOf(example: Example): readonly string[] {
  const options = example.meta?.options;
  return Array.isArray(options) && options.every((o) => typeof o === 'string') ? (options as string[]) : [];
}

function show(letter: string, options: readonly string[], letters: string): string {
  const text = options[letters.indexOf(letter)];
  return text === undefined
    ? `(${letter})`
    : `(${letter}) ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
}

/**
 * Multiple choice: the reference is the correct letter; `meta.options` holds the options in display
 * order. Score 1 when the extracted letter is the reference.
 */
export const choiceScorer: Scorer & { score(example: Example, response: string): ScoreResult } = {
  name: 'choice-letter',
  score(example: Example, response: string): ScoreResult {
    const options = optionsOf(example);
    const letters = choiceLetters(options.length > 0 ? options.length : 4);
    const extracted = extractChoiceLetter(response, letters);
    const expected = example.answer.trim().toUpperCase();
    if (extracted === undefined) {
      return {
        score: 0,
        feedback: `No option letter found in the response. Expected ${show(expected, options, letters)}. End with a line "Answer: <letter>".`,
        failure: response.trim() === '' ? 'unparsable: empty response' : 'unparsable: no option letter',
      };
    }
    const ok = extracted === expected;
    return {
      score: ok ? 1 : 0,
      extracted,
      feedback: ok
        ? `Correct: ${show(extracted, options, letters)}.`
        : `Expected ${show(expected, options, letters)}, answered ${show(extracted, options, letters)}.`,
    };
  },
};
