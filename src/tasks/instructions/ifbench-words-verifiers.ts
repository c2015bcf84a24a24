import { splitWordsNoPunctuation } from './ifbench-sentence-verifiers.js';
import { splitSentences } from './punkt-sentences.js';
import {
  firstChar,
  PUNCTUATION,
  pyLen,
  pyLStrip,
  pyRStrip,
  pySplit,
  pyStrip,
  removePunctuation,
} from './python-text.js';
import { type InstructionVerifier, numArg, plural, quote, strArg, verdict, verifier } from './verifier.js';
import { wordTokensWithoutPunctuation } from './word-tokenize.js';

const PUNCT_SPACE = `${PUNCTUATION} `;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const CONSONANTS = 'bcdfghjklmnpqrstvwxyz';
const PRIMES = new Set([
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
]);

function hasConsonantCluster(word: string): boolean {
  const cps = Array.from(word);
  for (let i = 0; i + 1 < cps.length; i++) {
    if (CONSONANTS.includes(cps[i] ?? '#') && CONSONANTS.includes(cps[i + 1] ?? '#')) return true;
  }
  return false;
}

/** IFBench `words:*` (except `words:start_verb` and `words:odd_even_syllables`; see docs/ifbench-coverage.md). */
export const IFBENCH_WORDS_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'words:alphabet',
    () => "Each word must start with the next letter of the alphabet, looping back to 'a' after 'z'.",
    (response) => {
      const words = pySplit(pyStrip(removePunctuation(response), PUNCT_SPACE));
      let letter = firstChar(words[0] ?? '').toLowerCase();
      if (!ALPHABET.includes(letter) || letter === '')
        return verdict(false, 'the first word does not start with a letter a-z');
      for (const raw of words.slice(1)) {
        const word = pyStrip(raw, PUNCT_SPACE).toLowerCase();
        if (word === '') continue;
        letter = ALPHABET.charAt((ALPHABET.indexOf(letter) + 1) % 26);
        if (firstChar(word) !== letter) return verdict(false, `${quote(word)} should start with "${letter}"`);
      }
      return verdict(true, 'every word follows the alphabet');
    },
  ),
  verifier(
    'words:consonants',
    () => 'Every word must contain a consonant cluster (two consonants in a row).',
    (response) => {
      const bad = pySplit(pyStrip(response.toLowerCase())).find((word) => !hasConsonantCluster(word));
      return verdict(
        bad === undefined,
        bad === undefined ? 'every word has a cluster' : `${quote(bad)} has no consonant cluster`,
      );
    },
  ),
  verifier(
    'words:keywords_specific_position',
    (kw) => `Use "${strArg(kw, 'keyword')}" as word ${numArg(kw, 'm')} of sentence ${numArg(kw, 'n')}.`,
    (response, kw) => {
      const n = numArg(kw, 'n');
      const m = numArg(kw, 'm');
      const sentences = splitSentences(response);
      if (sentences.length < n) return verdict(false, `found only ${plural(sentences.length, 'sentence')}`);
      const words = wordTokensWithoutPunctuation(sentences[n - 1] ?? '');
      if (words.length < m) return verdict(false, `sentence ${n} has only ${plural(words.length, 'word')}`);
      const actual = words[m - 1] ?? '';
      const ok = actual.toLowerCase() === pyStrip(strArg(kw, 'keyword')).toLowerCase();
      return verdict(ok, ok ? 'keyword in place' : `word ${m} of sentence ${n} is ${quote(actual)}`);
    },
  ),
  verifier(
    'words:last_first',
    () => 'The last word of each sentence must be the first word of the next sentence.',
    (response) => {
      const sentences = splitSentences(response);
      for (let i = 0; i + 1 < sentences.length; i++) {
        const last = pySplit(pyRStrip(sentences[i] ?? '', PUNCT_SPACE)).pop();
        const first = pySplit(pyLStrip(sentences[i + 1] ?? '', PUNCT_SPACE))[0];
        if (last === undefined || first === undefined)
          return verdict(false, `sentence ${i + 1} or ${i + 2} has no words`);
        if (last.toLowerCase() !== first.toLowerCase()) {
          return verdict(
            false,
            `sentence ${i + 1} ends with ${quote(last)} but sentence ${i + 2} starts with ${quote(first)}`,
          );
        }
      }
      return verdict(true, 'every sentence starts with the previous last word');
    },
  ),
  verifier(
    'words:no_consecutive',
    () => 'No two consecutive words may start with the same letter.',
    (response) => {
      const words = splitWordsNoPunctuation(response);
      for (let i = 0; i + 1 < words.length; i++) {
        if (firstChar(words[i] ?? '') === firstChar(words[i + 1] ?? '')) {
          return verdict(
            false,
            `${quote(words[i] ?? '')} and ${quote(words[i + 1] ?? '')} start with the same letter`,
          );
        }
      }
      return verdict(true, 'no consecutive words share a first letter');
    },
  ),
  verifier(
    'words:palindrome',
    () => 'Include at least 10 single-word palindromes of at least 5 letters each.',
    (response) => {
      const n = pySplit(removePunctuation(response).toLowerCase()).filter(
        (w) => pyLen(w) >= 5 && Array.from(w).reverse().join('') === w,
      ).length;
      return verdict(n >= 10, `found ${plural(n, 'palindrome')} of 5+ letters`);
    },
  ),
  verifier(
    'words:paragraph_last_first',
    () => 'Each paragraph (line) must end with the same word it starts with.',
    (response) => {
      for (const line of response.split('\n')) {
        const paragraph = pyStrip(line).toLowerCase();
        if (paragraph === '') continue;
        const words = pySplit(pyStrip(paragraph, PUNCT_SPACE));
        if (words.length === 0) continue;
        if (words[0] !== words[words.length - 1]) {
          return verdict(
            false,
            `${quote(paragraph, 40)} starts with ${quote(words[0] ?? '')} but ends with ${quote(words[words.length - 1] ?? '')}`,
          );
        }
      }
      return verdict(true, 'every paragraph ends with its first word');
    },
  ),
  verifier(
    'words:prime_lengths',
    () => 'Use only words whose length is a prime number (2, 3, 5, 7, 11, ...).',
    (response) => {
      const bad = pySplit(removePunctuation(response)).find((w) => !PRIMES.has(pyLen(w)));
      return verdict(
        bad === undefined,
        bad === undefined ? 'all word lengths prime' : `${quote(bad)} has ${pyLen(bad)} letters`,
      );
    },
  ),
  verifier(
    'words:repeats',
    (kw) => `Do not use any word more than ${plural(numArg(kw, 'small_n'), 'time')}.`,
    (response, kw) => {
      const counts = new Map<string, number>();
      for (const w of splitWordsNoPunctuation(response)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const limit = numArg(kw, 'small_n');
      const over = [...counts].filter(([, n]) => n > limit).map(([w, n]) => `${quote(w)} ×${n}`);
      return verdict(
        over.length === 0,
        over.length === 0 ? 'no word over the limit' : `repeated: ${over.slice(0, 5).join(', ')}`,
      );
    },
  ),
  verifier(
    'words:vowel',
    () => 'Write a single paragraph (one line) whose words use at most three different vowels.',
    (response) => {
      const lines = pyStrip(response).split('\n');
      if (lines.length !== 1)
        return verdict(false, `found ${plural(lines.length, 'line')}; write one paragraph`);
      const vowels = new Set(Array.from((lines[0] ?? '').toLowerCase()).filter((ch) => 'aeiou'.includes(ch)));
      return verdict(vowels.size <= 3, `uses the vowels ${[...vowels].sort().join(', ') || 'none'}`);
    },
  ),
  verifier(
    'words:words_position',
    (kw) => `The second word and the second-to-last word must both be "${strArg(kw, 'keyword')}".`,
    (response, kw) => {
      const words = wordTokensWithoutPunctuation(response);
      if (words.length < 2) return verdict(false, 'fewer than two words');
      const keyword = pyStrip(strArg(kw, 'keyword')).toLowerCase();
      const second = (words[1] ?? '').toLowerCase();
      const secondLast = (words[words.length - 2] ?? '').toLowerCase();
      return verdict(
        second === keyword && secondLast === keyword,
        `second word is ${quote(second)}, second-to-last is ${quote(secondLast)}`,
      );
    },
  ),
];
