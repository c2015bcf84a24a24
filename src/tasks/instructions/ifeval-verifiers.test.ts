import { describe, expect, it } from 'vitest';
import { IFEVAL_VERIFIERS } from './instruction-registry.js';
import type { Kwargs } from './verifier.js';

interface Case {
  readonly kwargs?: Kwargs;
  readonly pass: readonly string[];
  readonly fail: readonly string[];
}

const CASES: Record<string, Case> = {
  'keywords:existence': {
    kwargs: { keywords: ['dog', 'cat'] },
    pass: ['My Dog and a CAT.'],
    fail: ['Only a dog.'],
  },
  'keywords:frequency': {
    kwargs: { keyword: 'cat', frequency: 3, relation: 'at least' },
    pass: ['cat, Cat and concatenate'],
    fail: ['cat and dog'],
  },
  'keywords:forbidden_words': {
    kwargs: { forbidden_words: ['bad'] },
    pass: ['It went badly, not the word itself.'],
    fail: ['That was Bad.'],
  },
  'keywords:letter_frequency': {
    kwargs: { letter: 'a', let_frequency: 3, let_relation: 'less than' },
    pass: ['Bob and Ed'],
    fail: ['bAnana'],
  },
  'language:response_language': {
    kwargs: { language: 'de' },
    // No letters, or a few words with nothing to tell the language by: followed, as in IFEval.
    pass: ['Das ist ein schöner Tag und wir gehen heute in den Park.', '12345 67', 'Berlin, München'],
    fail: ['This is a lovely day and we are going to the park.'],
  },
  'length_constraints:number_sentences': {
    kwargs: { num_sentences: 3, relation: 'less than' },
    pass: ['One is here. Two is there.'],
    fail: ['One is here. Two is there. Three is everywhere.'],
  },
  'length_constraints:number_paragraphs': {
    kwargs: { num_paragraphs: 2 },
    pass: ['First paragraph.\n***\nSecond paragraph.', '***\nFirst.\n***\nSecond.'],
    fail: ['Only one paragraph.', 'First.\n***\n\n***\nSecond.'],
  },
  'length_constraints:number_words': {
    kwargs: { num_words: 5, relation: 'at least' },
    pass: ['one two three four five'],
    fail: ['one two'],
  },
  'length_constraints:nth_paragraph_first_word': {
    kwargs: { num_paragraphs: 2, nth_paragraph: 2, first_word: 'then' },
    pass: ['First part.\n\n"Then, more follows.'],
    fail: ['First part.\n\nNow more.', 'Only one paragraph.', 'One.\n\nThen two.\n\nThree.'],
  },
  'detectable_content:number_placeholders': {
    kwargs: { num_placeholders: 2 },
    pass: ['Dear [name], see you at [address].'],
    fail: ['Dear [name],\nsee you at [address\n].'],
  },
  'detectable_content:postscript': {
    kwargs: { postscript_marker: 'P.S.' },
    pass: ['Hello there.\n\nP.S. See you soon.'],
    fail: ['Hello there. PS see you.'],
  },
  'detectable_format:number_bullet_lists': {
    kwargs: { num_bullets: 2 },
    pass: ['Intro\n* first\n* second', '- first\n- second'],
    fail: ['* first\n* second\n- third', '**bold** line\n* one'],
  },
  'detectable_format:constrained_response': {
    pass: ['My answer is maybe.'],
    fail: ['Yes.'],
  },
  'detectable_format:number_highlighted_sections': {
    kwargs: { num_highlights: 2 },
    pass: ['*one* and **two**'],
    fail: ['*one* only', '** ** and * *'],
  },
  'detectable_format:multiple_sections': {
    kwargs: { section_spliter: 'Section', num_sections: 2 },
    pass: ['Section 1\nabc\nSection 2\ndef'],
    fail: ['Section 1\nonly one', 'Section A\nSection B'],
  },
  'detectable_format:json_format': {
    pass: ['```json\n{"a": 1}\n```', '{"a": NaN, "b": "NaN"}', '[1, 2]'],
    fail: ['{a: 1}', 'Here is JSON: {"a": 1}'],
  },
  'detectable_format:title': {
    pass: ['<<My Title>>\nBody.'],
    fail: ['<< >> Body.', 'No title here.'],
  },
  'combination:two_responses': {
    pass: ['Answer one.\n******\nAnswer two.'],
    fail: ['Same.\n******\nSame.', 'Only one answer.', 'A\n******\n\n******\nB'],
  },
  'combination:repeat_prompt': {
    kwargs: { prompt_to_repeat: 'Write a poem.' },
    pass: ['write a poem. Roses are red.'],
    fail: ['Sure! Write a poem.'],
  },
  'startend:end_checker': {
    kwargs: { end_phrase: 'Any other questions?' },
    pass: ['Done here. any other questions?"'],
    fail: ['Any other questions? Thanks.'],
  },
  'startend:quotation': { pass: ['"Hello there."'], fail: ['Hello there.', '"'] },
  'change_case:capital_word_frequency': {
    kwargs: { capital_frequency: 2, capital_relation: 'at least' },
    pass: ['This is VERY IMPORTANT.'],
    fail: ['This is Very important.'],
  },
  'change_case:english_capital': {
    pass: ['THIS IS THE ANSWER AND IT IS FINAL.'],
    fail: ['This is the answer.', 'DAS IST DIE ANTWORT UND SIE IST NICHT FALSCH.'],
  },
  'change_case:english_lowercase': {
    pass: ['this is the answer and it is final.'],
    fail: ['This is the answer.', 'das ist die antwort und sie ist nicht falsch.'],
  },
  'punctuation:no_comma': { pass: ['No commas at all here.'], fail: ['Yes, a comma.'] },
};

describe('IFEval verifiers', () => {
  it('cover every IFEval instruction id', () => {
    expect([...IFEVAL_VERIFIERS.keys()].sort()).toEqual(Object.keys(CASES).sort());
    expect(IFEVAL_VERIFIERS.size).toBe(25);
  });

  for (const [id, c] of Object.entries(CASES)) {
    it(`${id}: satisfying and violating responses`, () => {
      const verifier = IFEVAL_VERIFIERS.get(id);
      if (verifier === undefined) throw new Error(`no verifier for ${id}`);
      const kwargs = c.kwargs ?? {};
      expect(verifier.describe(kwargs)).not.toBe('');
      for (const response of c.pass)
        expect(verifier.check(response, kwargs, 'prompt'), response).toMatchObject({ ok: true });
      for (const response of c.fail) {
        const result = verifier.check(response, kwargs, 'prompt');
        expect(result.ok, response).toBe(false);
        expect(result.detail).not.toBe('');
      }
    });
  }

  it('uses "less than" and "at least" as IFEval does', () => {
    const words = IFEVAL_VERIFIERS.get('length_constraints:number_words');
    expect(words?.check('a b c', { num_words: 3, relation: 'less than' }, '').ok).toBe(false);
    expect(words?.check('a b', { num_words: 3, relation: 'less than' }, '').ok).toBe(true);
  });

  it('reports what was measured, in words', () => {
    const bullets = IFEVAL_VERIFIERS.get('detectable_format:number_bullet_lists');
    expect(bullets?.check('* a\n* b\n* c', { num_bullets: 2 }, '').detail).toBe('found 3 bullet points');
    expect(bullets?.describe({ num_bullets: 2 })).toContain('exactly 2 markdown bullet points');
  });

  it('rejects malformed arguments with the argument name', () => {
    const words = IFEVAL_VERIFIERS.get('length_constraints:number_words');
    expect(() => words?.describe({ num_words: 3, relation: 'at most' })).toThrow(/less than/);
  });
});
