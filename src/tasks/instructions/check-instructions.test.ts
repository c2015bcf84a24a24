import { describe, expect, it } from 'vitest';
import type { Example } from '../../spec/example.js';
import { checkInstructions, looseVariants } from './check-instructions.js';
import { IFEVAL_VERIFIERS } from './instruction-registry.js';
import { createInstructionScorer } from './instruction-scorer.js';

const example = (instructions: unknown[]): Example => ({
  id: 'x',
  input: 'Write something.',
  answer: '',
  meta: { instructions },
});

describe('checkInstructions', () => {
  it('builds the eight loose variants of IFEval', () => {
    const variants = looseVariants('Sure:\n*body*\nBye');
    expect(variants).toEqual([
      'Sure:\n*body*\nBye',
      'Sure:\nbody\nBye',
      '*body*\nBye',
      'Sure:\n*body*',
      '*body*',
      'body\nBye',
      'Sure:\nbody',
      'body',
    ]);
  });

  it('counts a constraint as followed in loose mode when any variant passes', () => {
    const constraints = [{ id: 'startend:quotation', kwargs: {} }];
    const response = 'Here you go:\n"All quoted."';
    expect(checkInstructions(response, constraints, IFEVAL_VERIFIERS, '', 'strict')[0]?.followed).toBe(false);
    expect(checkInstructions(response, constraints, IFEVAL_VERIFIERS, '', 'loose')[0]?.followed).toBe(true);
  });

  it('fails every constraint of an empty response and any id without a verifier', () => {
    const outcomes = checkInstructions(
      '  ',
      [
        { id: 'punctuation:no_comma', kwargs: {} },
        { id: 'x:y', kwargs: {} },
      ],
      IFEVAL_VERIFIERS,
      '',
    );
    expect(outcomes.map((o) => o.followed)).toEqual([false, false]);
    expect(outcomes[0]?.detail).toBe('the response is empty');
  });
});

describe('instruction scorer', () => {
  const scorer = createInstructionScorer('ifeval');

  it('gives 1 only when every constraint holds, with feedback naming each failed one', () => {
    const ex = example([
      { id: 'punctuation:no_comma', kwargs: {} },
      { id: 'length_constraints:number_words', kwargs: { num_words: 10, relation: 'at least' } },
      { id: 'detectable_format:title', kwargs: {} },
    ]);
    const result = scorer.score(ex, '<<Title>> Hello, world.');
    expect(result.score).toBe(0);
    expect(result.extracted).toBe('1/3 constraints followed');
    expect(result.feedback).toContain('Failed 2 of 3 constraints');
    expect(result.feedback).toContain(
      '- Do not use any commas. Not followed: found 1 comma. [punctuation:no_comma]',
    );
    expect(result.feedback).toContain('Write at least 10 words. Not followed: found 3 words.');
    expect(result.feedback).toContain('Followed: detectable_format:title.');
    const good = scorer.score(ex, '<<Title>> one two three four five six seven eight nine ten.');
    expect(good).toMatchObject({ score: 1 });
    expect(good.feedback).toBe(
      'All 3 constraints followed: punctuation:no_comma, length_constraints:number_words, detectable_format:title.',
    );
  });

  it('marks empty responses and examples without constraints as failures', () => {
    expect(scorer.score(example([{ id: 'punctuation:no_comma', kwargs: {} }]), '')).toMatchObject({
      score: 0,
      failure: 'empty response',
    });
    expect(scorer.score({ id: 'y', input: 'q', answer: '' }, 'text')).toMatchObject({
      score: 0,
      failure: 'no instruction metadata',
    });
  });
});
