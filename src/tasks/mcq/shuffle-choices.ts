import { rngFor } from '../../util/rng.js';

export interface ShuffledChoices {
  /** The options in display order (A, B, C, ...). */
  readonly options: readonly string[];
  /** Index of the correct option in `options`. */
  readonly answerIndex: number;
}

/** Option letters for `n` options: A, B, C, ... */
export function choiceLetters(n: number): string {
  return 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(0, n);
}

/**
 * Shuffles the correct answer among the distractors. The order depends only on (seed, exampleId): the
 * same example and seed always show the same order, independent of file order or other examples.
 */
export function shuffleChoices(
  correct: string,
  incorrect: readonly string[],
  seed: number,
  exampleId: string,
): ShuffledChoices {
  const order = rngFor(seed, `choices:${exampleId}`).shuffle(
    [0, 1, 2, 3, 4, 5, 6, 7].slice(0, incorrect.length + 1),
  );
  const all = [correct, ...incorrect];
  return { options: order.map((i) => all[i] as string), answerIndex: order.indexOf(0) };
}

/** The user message of a multiple-choice example: the question, a blank line, then "(A) option" lines. */
export function formatChoices(question: string, options: readonly string[]): string {
  const letters = choiceLetters(options.length);
  return [question, '', ...options.map((option, i) => `(${letters[i]}) ${option}`)].join('\n');
}
