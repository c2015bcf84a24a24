import {
  countMatches,
  countWords,
  PUNCTUATION,
  pyIsDigit,
  pySplit,
  pyStrip,
  removePunctuation,
  wholeWordRegex,
} from './python-text.js';
import { type InstructionVerifier, numArg, plural, strArg, verdict, verifier } from './verifier.js';
import { wordTokenize } from './word-tokenize.js';

const CONJUNCTIONS = new Set(['and', 'but', 'for', 'nor', 'or', 'so', 'yet']);
const PERSON_NAMES = (
  'Emma Liam Sophia Jackson Olivia Noah Ava Lucas Isabella Mason Mia Ethan Charlotte Alexander Amelia Benjamin ' +
  'Harper Leo Zoe Daniel Chloe Samuel Lily Matthew Grace Owen Abigail Gabriel Ella Jacob Scarlett Nathan Victoria ' +
  'Elijah Layla Nicholas Audrey David Hannah Christopher Penelope Thomas Nora Andrew Aria Joseph Claire Ryan ' +
  'Stella Jonathan'
).split(' ');
const PRONOUNS = new Set(
  (
    'i me we us you he him she her it they them my mine our ours your yours his hers its their theirs myself ' +
    'ourselves yourself yourselves himself herself itself themselves this that these those who whom whose which ' +
    'what whoever whomever whatever whichever anybody anyone anything everybody everyone everything nobody ' +
    'nothing somebody someone something each either neither both all some any none'
  ).split(' '),
);
const MULTIPLE_COUNTS = [1, 2, 3, 5, 7] as const;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;
const PUNCT_SPACE = `${PUNCTUATION} `;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** IFBench `count:*` (allenai/IFBench semantics). */
export const IFBENCH_COUNT_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'count:conjunctions',
    (kw) =>
      `Use at least ${numArg(kw, 'small_n')} different coordinating conjunctions (and, but, for, nor, or, so, yet).`,
    (response, kw) => {
      const used = new Set(
        pySplit(response).filter((word) => CONJUNCTIONS.has(pyStrip(word, PUNCT_SPACE).toLowerCase())),
      );
      return verdict(
        used.size >= numArg(kw, 'small_n'),
        `found ${plural(used.size, 'distinct conjunction')}`,
      );
    },
  ),
  verifier(
    'count:keywords_multiple',
    (kw) =>
      `Use the keyword "${strArg(kw, 'keyword1')}" once, "${strArg(kw, 'keyword2')}" twice, "${strArg(kw, 'keyword3')}" three times, "${strArg(kw, 'keyword4')}" five times and "${strArg(kw, 'keyword5')}" seven times.`,
    (response, kw) => {
      const wrong: string[] = [];
      MULTIPLE_COUNTS.forEach((count, i) => {
        const keyword = pyStrip(strArg(kw, `keyword${i + 1}`));
        const n = countMatches(response, wholeWordRegex(keyword, 'giu'));
        if (n !== count) wrong.push(`"${keyword}" appears ${plural(n, 'time')} (needs ${count})`);
      });
      return verdict(wrong.length === 0, wrong.join('; ') || 'every keyword count exact');
    },
  ),
  verifier(
    'count:numbers',
    (kw) => `Include exactly ${plural(numArg(kw, 'N'), 'number')}.`,
    (response, kw) => {
      const n = countMatches(removePunctuation(response), /\p{Nd}+/gu);
      return verdict(
        n === numArg(kw, 'N'),
        `found ${plural(n, 'number')} (digits joined by punctuation count as one)`,
      );
    },
  ),
  verifier(
    'count:person_names',
    (kw) =>
      `Mention at least ${plural(numArg(kw, 'N'), 'different person name')} from the list in the request (Emma, Liam, Sophia, ...).`,
    (response, kw) => {
      const found = PERSON_NAMES.filter((name) => wholeWordRegex(name).test(response));
      return verdict(found.length >= numArg(kw, 'N'), `found ${plural(found.length, 'listed name')}`);
    },
  ),
  verifier(
    'count:pronouns',
    (kw) => `Use at least ${plural(numArg(kw, 'N'), 'pronoun')}.`,
    (response, kw) => {
      const n = wordTokenize(response.replaceAll('/', ' ').toLowerCase()).filter((w) =>
        PRONOUNS.has(w),
      ).length;
      return verdict(n >= numArg(kw, 'N'), `found ${plural(n, 'pronoun')}`);
    },
  ),
  verifier(
    'count:punctuation',
    () =>
      'Use every standard punctuation mark (. , ! ? ; :) at least once, plus the interrobang (?! or !? or ‽).',
    (response) => {
      if (!(response.includes('!?') || response.includes('?!') || response.includes('‽'))) {
        return verdict(false, 'no interrobang (?!, !? or ‽)');
      }
      let rest = response.replace('?!', '');
      if (rest.length === response.length) rest = response.replace('!?', '');
      const missing = ['.', ',', '!', '?', ';', ':'].filter((mark) => !rest.includes(mark));
      return verdict(
        missing.length === 0,
        missing.length === 0 ? 'all marks used' : `missing ${missing.join(' ')}`,
      );
    },
  ),
  verifier(
    'count:unique_word_count',
    (kw) => `Use at least ${plural(numArg(kw, 'N'), 'unique word')}.`,
    (response, kw) => {
      const unique = new Set(pySplit(response.toLowerCase()).map((w) => pyStrip(w, PUNCT_SPACE)));
      return verdict(unique.size >= numArg(kw, 'N'), `found ${plural(unique.size, 'unique word')}`);
    },
  ),
  verifier(
    'count:word_count_range',
    (kw) => `Write between ${numArg(kw, 'min_words')} and ${numArg(kw, 'max_words')} words.`,
    (response, kw) => {
      const n = countWords(response);
      return verdict(
        n >= numArg(kw, 'min_words') && n <= numArg(kw, 'max_words'),
        `found ${plural(n, 'word')}`,
      );
    },
  ),
  verifier(
    'count:words_japanese',
    (kw) => `Every ${ordinal(numArg(kw, 'N'))} word must be in Japanese.`,
    (response, kw) => {
      const every = numArg(kw, 'N');
      const words = pySplit(response);
      for (let i = 0; i < words.length; i++) {
        const word = pyStrip(words[i] ?? '', PUNCT_SPACE);
        if ((i + 1) % every === 0 && word !== '' && !pyIsDigit(word) && !JAPANESE.test(word)) {
          return verdict(false, `word ${i + 1} (${JSON.stringify(word)}) is not Japanese`);
        }
      }
      return verdict(true, 'every required word is Japanese');
    },
  ),
];
