import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import { functionScorer, type ScoreValue } from './function-scorer.js';

const example: Example = { id: 'q0', input: 'What is 10+0?', answer: '10' };
const scoreWith = (value: unknown) =>
  functionScorer(() => value as ScoreValue, 'task.scorer').score(example, 'Answer: 10');

describe('functionScorer', () => {
  it('calls the function with (response, example)', async () => {
    const seen: unknown[] = [];
    const scorer = functionScorer((response, e) => {
      seen.push(response, e.id);
      return 1;
    });
    await scorer.score(example, 'Answer: 10');
    expect(seen).toEqual(['Answer: 10', 'q0']);
  });

  it('turns numbers and booleans into verdicts with feedback', async () => {
    expect(await scoreWith(1)).toEqual({ score: 1, feedback: 'Correct.' });
    expect(await scoreWith(false)).toEqual({
      score: 0,
      feedback: 'Incorrect. The reference answer is "10".',
    });
    expect(await scoreWith(0.5)).toEqual({
      score: 0.5,
      feedback: 'Partly correct (score 0.5). The reference answer is "10".',
    });
    expect(await scoreWith(Promise.resolve(true))).toEqual({ score: 1, feedback: 'Correct.' });
  });

  it('keeps a verdict object, filling missing feedback', async () => {
    expect(await scoreWith({ score: 0, feedback: 'no', extracted: '9', failure: 'wrong' })).toEqual({
      score: 0,
      feedback: 'no',
      extracted: '9',
      failure: 'wrong',
    });
    expect(await scoreWith({ score: 1, extracted: '10' })).toEqual({
      score: 1,
      feedback: 'Correct.',
      extracted: '10',
    });
  });

  it('rejects a malformed return, naming the field, the example and the value', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [1.5, /returned 1.5 for example "q0"/],
      [Number.NaN, /returned NaN/],
      [undefined, /returned nothing \(a missing `return`\?\)/],
      ['yes', /returned "yes" \(a string\)/],
      [{ feedback: 'x' }, /returned an object without `score`/],
      [{ score: '1' }, /returned score "1" \(a string\)/],
      [{ score: 1, feedback: 3 }, /returned feedback 3, not a string/],
      [[1], /returned \[1\]/],
    ];
    for (const [value, message] of cases) {
      await expect(scoreWith(value)).rejects.toThrow(ConfigError);
      await expect(scoreWith(value)).rejects.toThrow(message);
      await expect(scoreWith(value)).rejects.toThrow(
        /^task\.scorer: .*must return a number in \[0, 1\], a boolean/,
      );
    }
  });

  it('passes an error the function throws on untouched', async () => {
    const boom = new Error('boom');
    const scorer = functionScorer(() => {
      throw boom;
    });
    await expect(scorer.score(example, '')).rejects.toBe(boom);
  });

  it('is named after a named function, else "custom"', () => {
    function containsAnswer(response: string, e: Example): boolean {
      return response.includes(e.answer);
    }
    expect(functionScorer(containsAnswer).name).toBe('containsAnswer');
    expect(functionScorer(() => 1).name).toBe('custom');
  });
});
