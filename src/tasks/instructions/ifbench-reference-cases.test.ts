import { describe, expect, it } from 'vitest';
import { IFBENCH_VERIFIERS } from './instruction-registry.js';
import type { Kwargs } from './verifier.js';

// Cases and expected verdicts from allenai/IFBench instructions_test.py (Apache-2.0), to check that the
// port agrees with the reference on its own tests.

function check(id: string, kwargs: Kwargs, response: string): boolean {
  const verifier = IFBENCH_VERIFIERS.get(id);
  if (verifier === undefined) throw new Error(`no verifier ${id}`);
  return verifier.check(response, kwargs, '').ok;
}

const CREASY =
  '"Here\'s the passage with each word on a new line, written in an informal tone using simple American language:\n\n\n' +
  "He's \na \nformer \nCIA \noperative \nwith \na \ncheckered \npast, \nhaving \nseen \nhis \nfair \nshare \nof \nhigh-stakes \nmissions.";

const CASES: ReadonlyArray<readonly [string, Kwargs, string, boolean]> = [
  ['count:word_count_range', { min_words: 5, max_words: 5 }, '\n    This message has five words.', true],
  [
    'count:word_count_range',
    { min_words: 10, max_words: 10 },
    '\n    This message has exactly ten words in the entire text.',
    true,
  ],
  [
    'count:word_count_range',
    { min_words: 20, max_words: 20 },
    '\n    This message has many more words than the previous messages because \n    we need to test the upper bounds of our word count range checker with \n    a sufficiently long piece of text.',
    false,
  ],
  ['count:unique_word_count', { N: 5 }, '\n    This message has five unique words.', true],
  ['ratio:stop_words', { percentage: 50 }, '\n    This message has a high stop word ratio.', true],
  [
    'ratio:sentence_type',
    {},
    '\n    This is a declarative sentence. Is this a question? I am not sure.',
    true,
  ],
  [
    'ratio:sentence_balance',
    {},
    '\n        This is a declarative sentence. Is this a question? I am not sure!',
    true,
  ],
  [
    'count:conjunctions',
    { small_n: 3 },
    "I don't like it but I will do it and I will do it well yet I will not like it.",
    true,
  ],
  ['count:person_names', { N: 3 }, 'Abigail, Gabriel, Nora', true],
  [
    'count:person_names',
    { N: 47 },
    'Certainly! Here’s a list of individuals: Audrey, Ben, Yanai, Ryan.',
    false,
  ],
  ['ratio:overlap', { reference_text: 'This is the test.', percentage: 100 }, 'This is the test.', true],
  ['count:numbers', { N: 3 }, 'This is 1 number. This is not 10 numbers. It is 3.', true],
  ['count:numbers', { N: 3 }, 'Decimals like 3.14 should only count as one number 2.', false],
  ['count:numbers', { N: 3 }, 'This is more than 3 numbers: 1 2 3.', false],
  ['count:numbers', { N: 3 }, '1 2 3', true],
  ['count:numbers', { N: 1 }, 'This is one number: 100,000', true],
  ['count:numbers', { N: 2 }, 'This is number 1. 2 comes next.', true],
  ['words:alphabet', {}, 'Be cause dandelions eat freedom.', true],
  ['words:alphabet', {}, 'Zooming around back.', true],
  ['words:alphabet', {}, 'A big cat. Dogs eat food. . . Good', true],
  ['words:alphabet', {}, 'Your zoo is very xeric.', false],
  ['words:alphabet', {}, 'Great finds enter dark caves.', false],
  ['words:vowel', {}, 'With I this is in.', true],
  ['words:vowel', {}, 'the eel eek eked.\nyeah.', false],
  ['words:vowel', {}, 'the eel eek eked out.', true],
  ['words:consonants', {}, 'This employs consonant clusters.', true],
  ['words:consonants', {}, 'This does not.', false],
  [
    'sentence:alliteration_increment',
    {},
    'No alliteration. Some semblance of alliteration. Alliterating across alphabet is interesting.',
    true,
  ],
  [
    'sentence:alliteration_increment',
    {},
    'No alliteration. Some semblance of alliteration. Alliterating across alphabet is interesting. But not here.',
    false,
  ],
  [
    'words:palindrome',
    {},
    'Racecar, radar, and level are palindromes. So are madam and civic. Three more include refer, tenet, and deified. The last two are repaper and reviver.',
    true,
  ],
  [
    'words:palindrome',
    {},
    "Palindromes needn't be real words. abcba, abcba, abcba, abcba, abcba, abcba, abcba, abcba, abcba, abcba.",
    true,
  ],
  [
    'words:palindrome',
    {},
    "Short palindromes don't count, though they make beautiful names. Ada, Eve, Bob, Nan, Otto, Ava, Pip, Elle, Ivi, Ana, and Asa.",
    false,
  ],
  [
    'words:palindrome',
    {},
    'Racecar, radar, and level are palindromes. So are madam and civic. Three more include refer, tenet, and deified. The last one is repaper. There are only nine.',
    false,
  ],
  ['count:punctuation', {}, 'Some punctuation.,?!', false],
  ['count:punctuation', {}, 'All the punctuation marks: . , ! ? ; : !?', true],
  ['format:parentheses', {}, 'This (is [nested {very (deeply [here], yay!)}]).', true],
  ['format:parentheses', {}, '((()))', false],
  ['format:parentheses', {}, 'Lots () of [] (parentheses()) but [not] (enough) [nesting]()()().', false],
  [
    'format:parentheses',
    {},
    "I (wouldn't [technically) call] (this [nested) parentheses]. (More like [mismatched)].",
    false,
  ],
  ['format:quotes', {}, `These "quotes 'are "nested," here' a lot."`, true],
  ['format:quotes', {}, `Let's hope it handles adjacent quotes well: "'""'".`, true],
  ['format:quotes', {}, `These quotes 'are "not nested," here' enough.`, false],
  ['format:quotes', {}, `Three levels but not three pairs: '"'"'.`, false],
  ['format:quotes', {}, `Lots of "quotes" but not 'enough' "nesting".`, false],
  ['words:prime_lengths', {}, 'Prime numbers are in.', true],
  ['words:prime_lengths', {}, 'Composite numbers are not.', false],
  ['words:prime_lengths', {}, "aren't hy-phens?", true],
  ['format:options', { options: '(A), (B), (C)' }, 'A', false],
  ['format:options', { options: "I know or I don't know" }, 'I know', true],
  ['format:options', { options: "I know or I don't know" }, "I don't know", true],
  ['format:options', { options: "I know or I don't know" }, 'Maybe', false],
  ['format:options', { options: "I know or I don't know" }, "I know or I don't know", false],
  ['format:options', { options: 'yes/no/maybe' }, 'maybe', true],
  ['format:options', { options: 'yes/no/maybe' }, 'yes/no', false],
  ['format:newline', {}, 'This\n is\non\na\nnew\nline.', true],
  ['format:newline', {}, 'Extra\n newlines \n are \n allowed. \n', true],
  ['format:newline', {}, 'hi . .\n                    new . .\n                    line ..', true],
  ['format:newline', {}, 'This \n is \n not \n obeying \n the \n rules, unfortunately.', false],
  [
    'format:newline',
    {},
    'Equal \n number \n \n of newlines \n to \n words \n but \n not \n \n obeying \n constraint.',
    false,
  ],
  ['format:newline', {}, CREASY, false],
  ['format:emoji', {}, 'This ends with emoji 😀.', true],
  ['format:emoji', {}, '😀 This starts with emoji.', false],
  ['ratio:sentence_words', {}, "This is one. Now it's 22. On to three.", true],
  ['ratio:sentence_words', {}, 'This. Is. Not. Correct.', false],
  ['words:repeats', { small_n: 2 }, 'This is one. This is two. This is three.', false],
  ['words:repeats', { small_n: 3 }, 'This is one. This is two. This is three.', true],
  [
    'sentence:keyword',
    { word: 'it', N: 5 },
    'I am it. It is me. I am not it. It is not me. I am not it.',
    true,
  ],
  ['sentence:keyword', { word: 'it', N: 5 }, 'I am not it. It is not me.', false],
  ['count:pronouns', { N: 5 }, 'I am a pronoun. It is a pronoun. He, she, and they are pronouns.', true],
  ['count:pronouns', { N: 5 }, 'She is his sister. They share their parents.', false],
  ['count:pronouns', { N: 4 }, 'My pronouns are she/her/hers.', true],
  ['count:pronouns', { N: 4 }, 'She is his sister. They share their parents.', true],
  ['words:last_first', {}, 'This feels unnatural. Unnatural is this test.', true],
  ['words:last_first', {}, 'This must also work.\n\nWork across paragraphs.', true],
  ['words:last_first', {}, 'This is not a success. This is a failure.', false],
  [
    'words:paragraph_last_first',
    {},
    'This paragraph started with this.\n\nAnother paragraph starts with another.',
    true,
  ],
  [
    'words:paragraph_last_first',
    {},
    'This paragraph started with this. Another paragraph starts with another.',
    false,
  ],
  [
    'sentence:increment',
    { small_n: 2 },
    'This has three. This sentence has 5 words. This sentence will have two more words.',
    true,
  ],
  [
    'sentence:increment',
    { small_n: 2 },
    'This has three. This sentence now has 6 words. This sentence has three more words, total is nine.',
    false,
  ],
  [
    'sentence:increment',
    { small_n: 3 },
    'This has three. This sentence now has 6 words. This sentence has three more words, total is nine.',
    true,
  ],
  ['words:no_consecutive', {}, "This shouldn't succeed.", false],
  ['words:no_consecutive', {}, 'This words, though. ', true],
  [
    'format:line_indent',
    {},
    '  Two spaces. \n   Three spaces.\n    Four spaces. \n     Five spaces. \n      Six spaces.',
    true,
  ],
  ['format:line_indent', {}, '  Two spaces. \n   Three spaces.\n     Five spaces. \n    Four spaces.', false],
  [
    'format:quote_unquote',
    {},
    `A phrase out of quotes. "A phrase in quotes."\n\nAnother phrase out of quotes with an extra '"'.`,
    true,
  ],
  ['format:quote_unquote', {}, ' "Just a quoted phrase with no explanation." ', false],
  [
    'format:list',
    { sep: '...' },
    'Some explanation.\n ... A bullet point.\n ... Another bullet point.',
    true,
  ],
  ['format:list', { sep: '...' }, '- Some explanation.\n - A bullet point.\n - Another bullet point', false],
  ['format:thesis', {}, '<i>\n  A thesis.\n</i>\nA paragraph', true],
  [
    'format:thesis',
    {},
    '<em>"Animal Farm" and "A Streetcar Named Desire" both explore power.</em>\nIn "Animal Farm," Orwell uses allegory.',
    true,
  ],
  [
    'format:sub-bullets',
    {},
    'Some sentence.\n  * A bullet.\n     - A sub-bullet.\n     - Another sub-bullet.',
    true,
  ],
  [
    'format:sub-bullets',
    {},
    'Some sentence.\n  * A bullet.\n  * Another bullet.\n    - Only one bullet has a sub bullet.\n    -There are two.',
    false,
  ],
  [
    'format:no_bullets_bullets',
    {},
    'This is a sentence. This is another sentence. This is a third sentence.\n  * A bullet.\n  * Another bullet.\n  * A third bullet.',
    true,
  ],
  [
    'format:no_bullets_bullets',
    {},
    'This is a sentence.\n  * A bullet.\n  * Another bullet.\n  * A third bullet.\n  * A fourth bullet.',
    false,
  ],
  ['format:no_bullets_bullets', {}, 'This is a sentence. This is another sentence.\n  * A bullet.\n', false],
  ['custom:multiples', {}, '14 21 28 35 42 49', true],
  ['custom:multiples', {}, 'Sure! Here it is: 14,21,28,35,42,49', true],
  ['custom:multiples', {}, '7 14 21 28 35 42 49', false],
];

describe('IFBench verifiers agree with the reference tests', () => {
  for (const [id, kwargs, response, expected] of CASES) {
    it(`${id}: ${JSON.stringify(response).slice(0, 60)} -> ${expected}`, () => {
      expect(check(id, kwargs, response)).toBe(expected);
    });
  }
});
