import { describe, expect, it } from 'vitest';
import { IFBENCH_COUNT_VERIFIERS } from './ifbench-count-verifiers.js';
import { IFBENCH_SENTENCE_VERIFIERS } from './ifbench-sentence-verifiers.js';
import { IFBENCH_WORDS_VERIFIERS } from './ifbench-words-verifiers.js';
import type { InstructionVerifier, Kwargs } from './verifier.js';

interface Case {
  readonly kwargs?: Kwargs;
  readonly pass: readonly string[];
  readonly fail: readonly string[];
}

const MULTIPLE = 'sun moon moon star star star sky sky sky sky sky sea sea sea sea sea sea sea';

const CASES: Record<string, Case> = {
  'count:conjunctions': {
    kwargs: { small_n: 3 },
    pass: ['I came and saw, but left, so what.'],
    fail: ['I came and saw and left.'],
  },
  'count:keywords_multiple': {
    kwargs: { keyword1: 'sun', keyword2: 'moon', keyword3: 'star', keyword4: 'sky', keyword5: 'sea' },
    pass: [MULTIPLE, `${MULTIPLE} sunny seas`],
    fail: ['sun moon', `${MULTIPLE} sun`],
  },
  'count:numbers': { kwargs: { N: 2 }, pass: ['I have 3 cats and 1,000.5 dogs'], fail: ['1 2 3'] },
  'count:person_names': { kwargs: { N: 2 }, pass: ['Emma met Liam.'], fail: ['Emma met Emmanuel and emma.'] },
  'count:pronouns': { kwargs: { N: 3 }, pass: ["I told her that you're fine."], fail: ['Cats run fast.'] },
  'count:punctuation': {
    pass: ['Wait?! Really? Yes. No, maybe; fine: ok!'],
    fail: ['Wait?! Yes.', 'No interrobang. , ; : ! ?'],
  },
  'count:unique_word_count': { kwargs: { N: 3 }, pass: ['a b c'], fail: ['a A a.'] },
  'count:word_count_range': {
    kwargs: { min_words: 2, max_words: 4 },
    pass: ['one two three'],
    fail: ['one', 'a b c d e'],
  },
  'count:words_japanese': {
    kwargs: { N: 2 },
    pass: ['hello 日本 world 東京 again 42'],
    fail: ['hello world'],
  },
  'ratio:overlap': {
    kwargs: { reference_text: 'the quick brown fox jumps', percentage: 70 },
    pass: ['the quick brown fox sits down'],
    fail: ['the quick brown cat sleeps', 'hi'],
  },
  'ratio:sentence_balance': { pass: ['It rains. Why? Wow!'], fail: ['It rains. Why?'] },
  'ratio:sentence_type': { pass: ['It rains. It pours. Why?'], fail: ['It rains. Why?'] },
  'ratio:sentence_words': {
    pass: ['Cat runs. Dog eats. Owl sees.'],
    fail: ['Cat runs. Dog runs. Owl sees.', 'Cat runs. Dog eats.', 'Cat runs. Dog eats. Owls seen.'],
  },
  'ratio:stop_words': {
    kwargs: { percentage: 50 },
    pass: ['Quantum physics explains particles.'],
    fail: ['It is the one and the only.'],
  },
  'sentence:alliteration_increment': {
    pass: ['Big dog. Silly snakes slither slowly.'],
    fail: ['Silly snakes slither. Big dog.'],
  },
  'sentence:increment': {
    kwargs: { small_n: 1 },
    pass: ['One. Two three. Four five six.'],
    fail: ['One. Two three. Four five.'],
  },
  'sentence:keyword': {
    kwargs: { word: 'alpha', N: 2 },
    pass: ['First sentence. Alpha is here.'],
    fail: ['Alpha first. Second here.', 'Only one alpha sentence.'],
  },
  'words:alphabet': { pass: ['Apple, banana cherry! Dates.'], fail: ['Apple cherry', '1 apple'] },
  'words:consonants': { pass: ['strong brown trucks'], fail: ['a strong truck'] },
  'words:keywords_specific_position': {
    kwargs: { keyword: 'blue', n: 2, m: 3 },
    pass: ['Hello there. The sky, blue today.'],
    fail: ['Hello there. The blue sky.', 'One sentence only.'],
  },
  'words:last_first': { pass: ['I like dogs. Dogs like me.'], fail: ['I like dogs. Cats like me.'] },
  'words:no_consecutive': { pass: ['alpha beta charlie'], fail: ['alpha apple beta'] },
  'words:palindrome': {
    pass: ['level radar civic kayak refer madam rotor stats tenet racecar'],
    fail: ['level radar noon'],
  },
  'words:paragraph_last_first': {
    pass: ['Alpha beta alpha.\n\nGamma delta gamma!'],
    fail: ['Alpha beta alpha.\nGamma delta wrong.'],
  },
  'words:prime_lengths': { pass: ['ab abc hello'], fail: ['abcd'] },
  'words:repeats': { kwargs: { small_n: 2 }, pass: ['cat cat dog'], fail: ['cat Cat cat. dog'] },
  'words:vowel': { pass: ['Cat bat hat, that mat.'], fail: ['Cat bit hot dust.', 'one line\nanother'] },
  'words:words_position': {
    kwargs: { keyword: 'is' },
    pass: ['This is what it is today.'],
    fail: ['This was what it is today.'],
  },
};

function checkCases(verifiers: readonly InstructionVerifier[]): void {
  for (const verifier of verifiers) {
    it(`${verifier.id}: satisfying and violating responses`, () => {
      const c = CASES[verifier.id];
      if (c === undefined) throw new Error(`no test case for ${verifier.id}`);
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
}

describe('IFBench count verifiers', () => checkCases(IFBENCH_COUNT_VERIFIERS));
describe('IFBench ratio and sentence verifiers', () => checkCases(IFBENCH_SENTENCE_VERIFIERS));
describe('IFBench words verifiers', () => checkCases(IFBENCH_WORDS_VERIFIERS));

describe('IFBench text verifier details', () => {
  it('has a case for every id of these families and no stray case', () => {
    const ids = [...IFBENCH_COUNT_VERIFIERS, ...IFBENCH_SENTENCE_VERIFIERS, ...IFBENCH_WORDS_VERIFIERS].map(
      (v) => v.id,
    );
    expect(ids.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('counts distinct conjunction spellings as IFBench does ("and" and "And," differ)', () => {
    const v = IFBENCH_COUNT_VERIFIERS.find((x) => x.id === 'count:conjunctions');
    expect(v?.check('and And, so', { small_n: 3 }, '').ok).toBe(true);
  });

  it('measures the overlap on character trigrams of the raw text, as the reference does', () => {
    const v = IFBENCH_SENTENCE_VERIFIERS.find((x) => x.id === 'ratio:overlap');
    const kwargs = { reference_text: 'the quick brown fox jumps', percentage: 50 };
    expect(v?.check('the quick brown cat sleeps', kwargs, '').detail).toBe(
      'character-trigram overlap is 58.3%',
    );
    // Word trigrams would give 50% here (1 of 2); 14 of the 15 character trigrams are shared.
    expect(v?.check('a quick brown fox', { ...kwargs, percentage: 93 }, '').ok).toBe(true);
    expect(v?.check('a quick brown fox', kwargs, '').ok).toBe(false);
    // Code points, not UTF-16 units: three emoji are one trigram.
    expect(v?.check('😀😀😀', { reference_text: 'x😀😀😀', percentage: 100 }, '').ok).toBe(true);
  });
});
