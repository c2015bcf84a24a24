import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { lastBoxed } from '../math/extract-math-answer.js';

const LETTER = '([A-J])';

/**
 * Patterns for a stated choice, strongest first; the last occurrence of the first that matches wins.
 * Letters are upper case only: "the answer is a prime" states no option.
 */
const CHOICE_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `(?:[Ff]inal\\s+[Aa]nswer|[Aa]nswer|ANSWER)\\s*(?:is|:|：)?\\s*[:：]?\\s*(?:[Oo]ption\\s+|[Cc]hoice\\s+)?[*(\\[]*${LETTER}\\b`,
    'g',
  ),
  new RegExp(`(?:[Oo]ption|[Cc]hoice)\\s+[(\\[]?${LETTER}\\b`, 'g'),
  new RegExp(`^\\s*[(\\[]?${LETTER}[)\\].:]?\\s*$`, 'gm'),
  new RegExp(`\\(${LETTER}\\)`, 'g'),
];

/** The option letter a response chose: \boxed{B}, "Answer: (B)", "the answer is B", a lone "B". */
export function extractChoice(response: string): string | undefined {
  const boxed = lastBoxed(response);
  if (boxed !== undefined) {
    const m = /^\s*(?:\\text\{)?\(?([A-Ja-j])\)?\}?\s*$/.exec(boxed);
    if (m?.[1] !== undefined) return m[1].toUpperCase();
  }
  for (const pattern of CHOICE_PATTERNS) {
    const matches = [...response.matchAll(pattern)];
    const last = matches[matches.length - 1]?.[1];
    if (last !== undefined) return last.toUpperCase();
  }
  return undefined;
}

/** The correct letter: the reference when it is a letter, else its position in meta.choices/options. */
export function referenceLetter(example: Example): string | undefined {
  const ref = example.answer.trim().replace(/^\((.)\)$/, '$1');
  if (/^[A-Ja-j]$/.test(ref)) return ref.toUpperCase();
  const options = example.meta?.choices ?? example.meta?.options;
  if (Array.isArray(options)) {
    const at = options.findIndex((o) => typeof o === 'string' && o.trim() === example.answer.trim());
    if (at >= 0 && at < 10) return String.fromCharCode(65 + at);
  }
  return undefined;
}

/** Multiple choice: the chosen option letter against the correct one. */
export const choiceScorer: Scorer = {
  name: 'choice',
  score(example: Example, response: string): ScoreResult {
    const expected = referenceLetter(example);
    if (expected === undefined) {
      return {
        score: 0,
        feedback: `The reference "${example.answer}" is not an option letter (A-J) nor one of the example's choices.`,
        failure: 'reference is not a choice',
      };
    }
    const chosen = extractChoice(response);
    if (chosen === undefined) {
      return {
        score: 0,
        feedback: `No option letter found. The correct option is ${expected}. End with "Answer: <letter>".`,
        failure: 'unparsable: no option letter',
      };
    }
    const ok = chosen === expected;
    return {
      score: ok ? 1 : 0,
      extracted: chosen,
      feedback: ok
        ? `Correct: option ${chosen}.`
        : `Chose option ${chosen}; the correct option is ${expected}.`,
    };
  },
};
