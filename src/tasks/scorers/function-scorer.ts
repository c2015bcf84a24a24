import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';

/** What a scorer function may return: a score in [0, 1], pass/fail, or a verdict with feedback. */
export type ScoreValue =
  | number
  | boolean
  | {
      readonly score: number;
      /** What the prompt agent reads about this response (default: the score and the reference). */
      readonly feedback?: string;
      /** The answer found in the response. */
      readonly extracted?: string;
      /** Why the response could not be scored normally (e.g. "unparsable: no JSON"). */
      readonly failure?: string;
    };

/** A scorer written as a function of the response and its example (note the order: response first). */
export type ScoreFunction = (response: string, example: Example) => ScoreValue | Promise<ScoreValue>;

/**
 * A Scorer around a user's function. Its return is checked here, at the boundary: a number must be
 * in [0, 1] (booleans count as 1 / 0), a verdict needs such a `score` and string `feedback`,
 * `extracted`, `failure` when present. Anything else throws a ConfigError naming `field` (e.g.
 * "task.scorer"), the example and the value. An error the function throws is passed on untouched:
 * the engine scores that example 0 with the reason.
 */
export function functionScorer(fn: ScoreFunction, field = 'scorer'): Scorer {
  // Arrow functions written inline take the property's name ("scorer"), which says nothing.
  const name = fn.name !== '' && fn.name !== 'scorer' ? fn.name : 'custom';
  return {
    name,
    async score(example: Example, response: string): Promise<ScoreResult> {
      return toScoreResult(await fn(response, example), example, field);
    },
  };
}

function toScoreResult(value: unknown, example: Example, field: string): ScoreResult {
  const bad = (what: string): ConfigError =>
    new ConfigError(
      field,
      `the scorer function ${what} for example "${example.id}"; it must return a number in [0, 1], a boolean, or { score, feedback?, extracted? }`,
    );
  if (typeof value === 'boolean') return numeric(value ? 1 : 0, example);
  if (typeof value === 'number') {
    if (!inUnitRange(value)) throw bad(`returned ${value}`);
    return numeric(value, example);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw bad(value === undefined ? 'returned nothing (a missing `return`?)' : `returned ${show(value)}`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v.score !== 'number' || !inUnitRange(v.score)) {
    throw bad(
      v.score === undefined ? 'returned an object without `score`' : `returned score ${show(v.score)}`,
    );
  }
  const text = (key: 'feedback' | 'extracted' | 'failure'): string | undefined => {
    const t = v[key];
    if (t === undefined) return undefined;
    if (typeof t !== 'string') throw bad(`returned ${key} ${show(t)}, not a string`);
    return t;
  };
  const feedback = text('feedback');
  const extracted = text('extracted');
  const failure = text('failure');
  return {
    score: v.score,
    feedback: feedback ?? defaultFeedback(v.score, example),
    ...(extracted === undefined ? {} : { extracted }),
    ...(failure === undefined ? {} : { failure }),
  };
}

function inUnitRange(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}

function numeric(score: number, example: Example): ScoreResult {
  return { score, feedback: defaultFeedback(score, example) };
}

/** Feedback for a bare score: what the prompt agent can learn without the function's words. */
function defaultFeedback(score: number, example: Example): string {
  if (score === 1) return 'Correct.';
  const reference = example.answer.trim() === '' ? '' : ` The reference answer is "${example.answer}".`;
  return `${score === 0 ? 'Incorrect' : `Partly correct (score ${score})`}.${reference}`;
}

function show(value: unknown): string {
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}" (a string)`;
  if (typeof value === 'number') return String(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 40 ? `${json.slice(0, 40)}...` : json;
  } catch {
    // Not serialisable: name its type instead.
  }
  return `a ${typeof value}`;
}
