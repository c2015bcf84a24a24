import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { lastNumber } from '../math/extract-math-answer.js';
import { extractFinalAnswer } from './final-answer.js';

export interface NumericScorerOptions {
  /** Relative tolerance (default 1e-6); |a - b| <= tolerance * max(1, |a|, |b|). */
  readonly tolerance?: number;
}

/** The number a text states: "1,234.5", "$12", "-3", "7/8", "45%" (= 45). Undefined if none. */
export function parseNumber(text: string): number | undefined {
  const raw = lastNumber(text.replace(/\\frac\{(-?\d+)\}\{(\d+)\}/g, '$1/$2'));
  if (raw === undefined) return undefined;
  const clean = raw.replace(/,/g, '');
  const frac = /^(-?[\d.]+)\/(\d+)$/.exec(clean);
  const value = frac ? Number(frac[1]) / Number(frac[2]) : Number(clean);
  return Number.isFinite(value) ? value : undefined;
}

/** Numeric answers: the last number of the final answer against the reference, within a tolerance. */
export function createNumericScorer(options: NumericScorerOptions = {}): Scorer {
  const tolerance = options.tolerance ?? 1e-6;
  return {
    name: 'numeric',
    score(example: Example, response: string): ScoreResult {
      const expected = parseNumber(example.answer);
      if (expected === undefined) {
        return {
          score: 0,
          feedback: `The reference "${example.answer}" is not a number.`,
          failure: 'reference is not a number',
        };
      }
      const final = extractFinalAnswer(response) ?? '';
      const got = parseNumber(final) ?? parseNumber(response);
      if (got === undefined) {
        return {
          score: 0,
          feedback: `No number found in the response. Expected ${expected}. End with "Answer: <number>".`,
          failure: 'unparsable: no number',
        };
      }
      const ok = Math.abs(got - expected) <= tolerance * Math.max(1, Math.abs(got), Math.abs(expected));
      return {
        score: ok ? 1 : 0,
        extracted: String(got),
        feedback: ok
          ? `Correct: ${got}.`
          : `Expected ${expected}, got ${got} (relative tolerance ${tolerance}).`,
      };
    },
  };
}

export const numericScorer: Scorer = createNumericScorer();
