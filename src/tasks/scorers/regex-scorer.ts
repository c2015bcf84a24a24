import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { extractFinalAnswer } from './final-answer.js';
import { normalizeText } from './reference-answers.js';

export interface RegexScorerOptions {
  /**
   * An extraction pattern shared by all examples: its first capture group (else the whole match) in
   * the last match in the response is the answer, compared with the reference ignoring case and
   * punctuation. Without it, each example's reference is itself the pattern.
   */
  readonly pattern?: string;
}

/** "/re/flags" or a plain pattern. Plain patterns must match the whole answer, ignoring case. */
export function compileReferencePattern(source: string): { re: RegExp; whole: boolean } {
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(source.trim());
  if (literal?.[1] !== undefined) return { re: new RegExp(literal[1], literal[2]), whole: false };
  return { re: new RegExp(`^(?:${source.trim()})$`, 'i'), whole: true };
}

function lastMatch(re: RegExp, text: string): RegExpExecArray | undefined {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let last: RegExpExecArray | undefined;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    last = m;
    if (m[0] === '') global.lastIndex++;
  }
  return last;
}

/**
 * Regular-expression scoring. With `pattern`: extract with the pattern, compare with the reference.
 * Without: the reference is a pattern ("/.../flags" searches the final answer with those flags; a
 * plain pattern must match the whole final answer, case-insensitively).
 */
export function createRegexScorer(options: RegexScorerOptions = {}): Scorer {
  let extractor: RegExp | undefined;
  if (options.pattern !== undefined) {
    try {
      const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(options.pattern.trim());
      extractor =
        literal?.[1] !== undefined ? new RegExp(literal[1], literal[2]) : new RegExp(options.pattern);
    } catch (error) {
      throw new ConfigError('--pattern', `invalid regular expression: ${(error as Error).message}`);
    }
  }
  return {
    name: 'regex',
    score(example: Example, response: string): ScoreResult {
      if (extractor !== undefined) {
        const m = lastMatch(extractor, response);
        const extracted = m === undefined ? undefined : (m[1] ?? m[0]).trim();
        if (extracted === undefined) {
          return {
            score: 0,
            feedback: `No answer matched the pattern ${extractor.source}. Expected "${example.answer}".`,
            failure: 'unparsable: pattern did not match',
          };
        }
        const ok = normalizeText(extracted) === normalizeText(example.answer);
        return {
          score: ok ? 1 : 0,
          extracted,
          feedback: ok
            ? `Correct: "${extracted}".`
            : `Expected "${example.answer}", extracted "${extracted}".`,
        };
      }
      let compiled: { re: RegExp; whole: boolean };
      try {
        compiled = compileReferencePattern(example.answer);
      } catch (error) {
        return {
          score: 0,
          feedback: `The reference pattern of this example is invalid: ${(error as Error).message}`,
          failure: 'bad reference pattern',
        };
      }
      const extracted = extractFinalAnswer(response);
      if (extracted === undefined) {
        return {
          score: 0,
          feedback: `Empty response; the answer must match ${example.answer}.`,
          failure: 'unparsable: empty response',
        };
      }
      const ok = compiled.re.test(extracted.trim());
      return {
        score: ok ? 1 : 0,
        extracted,
        feedback: ok
          ? `Correct: "${extracted}" matches ${example.answer}.`
          : `The final answer "${extracted}" does not match the pattern ${example.answer}${compiled.whole ? ' (whole answer, any case)' : ''}.`,
      };
    },
  };
}
