import { describe, expect, it } from 'vitest';
import { ConfigError, UnknownNameError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { ScoreResult } from '../../spec/score.js';
import { createScorer, registerScorer, type ScorerOptions, scorerNames } from './scorer-registry.js';

const ex = (answer: string, meta?: Record<string, unknown>): Example => ({
  id: 'e',
  input: 'What is it?',
  answer,
  ...(meta === undefined ? {} : { meta }),
});

async function score(
  name: string,
  answer: string,
  response: string,
  options: ScorerOptions = {},
  meta?: Record<string, unknown>,
) {
  return (await createScorer(name, options).score(ex(answer, meta), response)) as ScoreResult;
}

/** [scorer, reference, response, expected score, options?, meta?] — each scorer accepts and rejects. */
const CASES: ReadonlyArray<
  readonly [string, string, string, number, ScorerOptions?, Record<string, unknown>?]
> = [
  ['exact', 'Paris', 'Thinking...\nAnswer: Paris', 1],
  ['exact', 'Paris', 'Answer: paris', 0],
  ['normalized', 'Paris', 'Answer: the PARIS.', 1],
  ['normalized', '["Paris", "Paris, France"]', 'Answer: paris france', 1],
  ['normalized', 'Paris', 'Answer: Lyon', 0],
  ['regex', '4[0-9]', 'Answer: 42', 1],
  ['regex', '4[0-9]', 'Answer: 142', 0],
  ['regex', '/colou?r/i', 'Answer: the COLOR red', 1],
  ['regex', '/colou?r/', 'Answer: hue', 0],
  ['regex', 'blue', 'I pick <ans>blue</ans>', 1, { pattern: '<ans>(.*?)</ans>' }],
  ['regex', 'blue', 'I pick <ans>red</ans>', 0, { pattern: '<ans>(.*?)</ans>' }],
  ['numeric', '1234', 'The total is $1,234.00', 1],
  ['numeric', '0.5', 'Answer: 1/2', 1],
  ['numeric', '100', 'Answer: 100.00004', 1],
  ['numeric', '100', 'Answer: 100.1', 0],
  ['numeric', '100', 'Answer: 100.1', 1, { tolerance: 0.01 }],
  ['contains', 'Paris', 'The capital of France is Paris, of course.', 1],
  ['contains', 'cat', 'I concatenate strings.', 0],
  ['contains', '["New York", "NYC"]', 'Probably nyc.', 1],
  ['math', '\\frac{1}{2}', 'so \\boxed{0.5}', 1],
  ['math', '\\frac{1}{2}', 'so \\boxed{0.55}', 0],
  ['choice', 'B', 'The best option is (B).', 1],
  ['choice', 'B', 'Answer: C', 0],
  ['choice', 'A', 'The answer is a bit unclear to me.', 0],
  ['choice', 'D', '**Final Answer:** (D)', 1],
  ['choice', 'Mars', 'After thinking, \\boxed{C}', 1, {}, { choices: ['Venus', 'Earth', 'Mars', 'Jupiter'] }],
  ['choice', 'Mars', 'Answer: A', 0, {}, { choices: ['Venus', 'Earth', 'Mars', 'Jupiter'] }],
  [
    'json-schema',
    '{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}',
    '```json\n{"name": "Ada"}\n```',
    1,
  ],
  ['json-schema', '{"type":"object","required":["name"]}', 'Here: {"age": 3}', 0],
  [
    'json-schema',
    'ignored',
    'Result: [1, 2, 3] done',
    1,
    { schema: { type: 'array', items: { type: 'integer' } } },
  ],
  [
    'json-schema',
    'ignored',
    'Result: [1, "two"]',
    0,
    { schema: { type: 'array', items: { type: 'integer' } } },
  ],
];

describe('scorer registry', () => {
  it('knows every scorer name and lists them on an unknown one', () => {
    expect(scorerNames()).toEqual(
      expect.arrayContaining([
        'exact',
        'normalized',
        'regex',
        'numeric',
        'contains',
        'math',
        'choice',
        'json-schema',
        'llm-judge',
      ]),
    );
    expect(() => createScorer('fuzzy')).toThrow(UnknownNameError);
    expect(() => createScorer('fuzzy')).toThrow(/known: exact, normalized/);
  });

  const rows = CASES.map(([name, answer, response, expected, options, meta]) => ({
    name,
    answer,
    response,
    expected,
    options,
    meta,
  }));
  it.each(rows)(
    '$name: reference $answer, response $response -> $expected',
    async ({ name, answer, response, expected, options, meta }) => {
      const r = await score(name, answer, response, options ?? {}, meta);
      expect(r.score, r.feedback).toBe(expected);
      expect(r.feedback.length).toBeGreaterThan(0);
    },
  );

  it('every scorer both accepts and rejects in the table', () => {
    for (const name of scorerNames().filter((n) => n !== 'llm-judge')) {
      const scores = CASES.filter((c) => c[0] === name).map((c) => c[3]);
      expect(scores, name).toContain(1);
      expect(scores, name).toContain(0);
    }
  });

  it('feedback names what was expected and what was found', async () => {
    expect((await score('normalized', 'Paris', 'Answer: Lyon')).feedback).toBe(
      'Expected "Paris", extracted "Lyon" (compared ignoring case, punctuation and articles).',
    );
    expect((await score('choice', 'B', 'Answer: C')).feedback).toBe(
      'Chose option C; the correct option is B.',
    );
    expect((await score('json-schema', '{"type":"object","required":["name"]}', '{"age": 3}')).feedback).toBe(
      'The JSON does not match the schema: name missing required field.',
    );
    const none = await score('numeric', '3', 'no idea');
    expect(none.failure).toMatch(/unparsable/);
  });

  it('invalid settings are config errors naming the flag', () => {
    expect(() => createScorer('regex', { pattern: '(' })).toThrow(ConfigError);
    expect(() => createScorer('regex', { pattern: '(' })).toThrow(/--pattern/);
    expect(() => createScorer('llm-judge', { judge: async () => '' })).toThrow(/--rubric/);
    expect(() => createScorer('llm-judge', { rubric: 'be right' })).toThrow(/--judge-model/);
  });

  it('accepts new scorers by name', async () => {
    registerScorer('always', () => ({ name: 'always', score: () => ({ score: 1, feedback: 'ok' }) }));
    expect((await score('always', 'x', 'y')).score).toBe(1);
  });
});
