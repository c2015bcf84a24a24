import { ENGLISH_STOP_WORDS } from './english-stop-words.js';
import { splitSentences } from './punkt-sentences.js';
import {
  countWords,
  firstChar,
  PUNCTUATION,
  pyLen,
  pyLStrip,
  pySplit,
  pyStrip,
  removePunctuation,
  wholeWordRegex,
  wordTokens,
} from './python-text.js';
import { type InstructionVerifier, numArg, plural, strArg, verdict, verifier } from './verifier.js';

/** IFBench's `_split_words`: lowercase, drop punctuation, split on whitespace. */
export function splitWordsNoPunctuation(text: string): string[] {
  return pySplit(removePunctuation(text.toLowerCase()));
}

function endingCounts(sentences: readonly string[]): {
  period: number;
  question: number;
  exclamation: number;
} {
  return {
    period: sentences.filter((s) => s.endsWith('.')).length,
    question: sentences.filter((s) => s.endsWith('?')).length,
    exclamation: sentences.filter((s) => s.endsWith('!')).length,
  };
}

/** The distinct trigrams of Unicode characters (code points, as a Python str is indexed). */
function characterTrigrams(text: string): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return out;
}

/** IFBench's alliteration score of a sentence: the summed length of runs of words sharing a first letter. */
function alliterationScore(sentence: string): number {
  const words = pySplit(sentence.toLowerCase())
    .map((w) => pyLStrip(w, `${PUNCTUATION} `))
    .filter((w) => w !== '');
  let score = 0;
  let inRun = false;
  for (let i = 0; i + 1 < words.length; i++) {
    if (firstChar(words[i] ?? '') === firstChar(words[i + 1] ?? '')) {
      score += inRun ? 1 : 2;
      inRun = true;
    } else inRun = false;
  }
  return score;
}

/** IFBench `ratio:*` and `sentence:*`. Sentences are split as `nltk.sent_tokenize` splits them. */
export const IFBENCH_SENTENCE_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'ratio:overlap',
    (kw) =>
      `Keep a trigram overlap of ${numArg(kw, 'percentage')}% (±2%) with the reference text given in the request.`,
    (response, kw) => {
      // The reference computes `set(nltk.ngrams(value, 3))` on the raw string: character trigrams.
      const mine = characterTrigrams(response);
      if (mine.size === 0) return verdict(false, 'the response is shorter than three characters');
      const reference = characterTrigrams(strArg(kw, 'reference_text'));
      let shared = 0;
      for (const t of mine) if (reference.has(t)) shared++;
      const pct = (shared / mine.size) * 100;
      const target = numArg(kw, 'percentage');
      return verdict(
        pct >= target - 2 && pct <= target + 2,
        `character-trigram overlap is ${pct.toFixed(1)}%`,
      );
    },
  ),
  verifier(
    'ratio:sentence_balance',
    () => 'Use equally many declarative (.), interrogative (?) and exclamatory (!) sentences.',
    (response) => {
      const c = endingCounts(splitSentences(response));
      return verdict(
        c.period === c.question && c.question === c.exclamation,
        `found ${c.period} ending ".", ${c.question} ending "?", ${c.exclamation} ending "!"`,
      );
    },
  ),
  verifier(
    'ratio:sentence_type',
    () => 'Use exactly twice as many declarative sentences (ending ".") as interrogative ones (ending "?").',
    (response) => {
      const c = endingCounts(splitSentences(response));
      return verdict(
        c.period === 2 * c.question,
        `found ${c.period} ending "." and ${c.question} ending "?"`,
      );
    },
  ),
  verifier(
    'ratio:sentence_words',
    () => 'Respond with exactly three sentences of the same number of characters, with no word used twice.',
    (response) => {
      const sentences = splitSentences(response);
      if (sentences.length !== 3) return verdict(false, `found ${plural(sentences.length, 'sentence')}`);
      const lengths = sentences.map((s) => pyLen(pyStrip(s)));
      if (lengths.some((n) => n !== lengths[0]))
        return verdict(false, `sentence lengths are ${lengths.join(', ')} characters`);
      const words = splitWordsNoPunctuation(sentences.join(' '));
      const repeated = words.length !== new Set(words).size;
      return verdict(
        !repeated,
        repeated ? 'a word is used more than once' : 'three equal-length sentences, all words different',
      );
    },
  ),
  verifier(
    'ratio:stop_words',
    (kw) => `Keep stop words to at most ${numArg(kw, 'percentage')}% of all words.`,
    (response, kw) => {
      const total = countWords(response);
      if (total === 0) return verdict(false, 'no words');
      const stop = wordTokens(response).filter((t) => ENGLISH_STOP_WORDS.has(t.toLowerCase())).length;
      const pct = (stop / total) * 100;
      return verdict(
        pct <= numArg(kw, 'percentage'),
        `stop words are ${pct.toFixed(1)}% of ${plural(total, 'word')}`,
      );
    },
  ),
  verifier(
    'sentence:alliteration_increment',
    () => 'Each sentence must have a longer run of consecutive alliterative words than the previous one.',
    (response) => {
      let previous = -1;
      for (const [i, sentence] of splitSentences(response).entries()) {
        const score = alliterationScore(sentence);
        if (score <= previous)
          return verdict(false, `sentence ${i + 1} does not alliterate more than sentence ${i}`);
        previous = score;
      }
      return verdict(true, 'alliteration grows sentence by sentence');
    },
  ),
  verifier(
    'sentence:increment',
    (kw) =>
      `Each sentence must have exactly ${plural(numArg(kw, 'small_n'), 'word')} more than the previous one.`,
    (response, kw) => {
      const step = numArg(kw, 'small_n');
      const counts = splitSentences(response).map((s) => pySplit(removePunctuation(s)).length);
      for (let i = 1; i < counts.length; i++) {
        if ((counts[i] ?? 0) !== (counts[i - 1] ?? 0) + step) {
          return verdict(false, `sentence word counts are ${counts.join(', ')}`);
        }
      }
      return verdict(
        counts.length > 0,
        counts.length > 0 ? `sentence word counts are ${counts.join(', ')}` : 'no sentences',
      );
    },
  ),
  verifier(
    'sentence:keyword',
    (kw) => `Include the word "${strArg(kw, 'word')}" in sentence number ${numArg(kw, 'N')}.`,
    (response, kw) => {
      const sentences = splitSentences(response);
      const n = numArg(kw, 'N');
      if (sentences.length < n) return verdict(false, `found only ${plural(sentences.length, 'sentence')}`);
      const found = wholeWordRegex(strArg(kw, 'word'), 'iu').test(sentences[Math.trunc(n - 1)] ?? '');
      return verdict(found, found ? 'keyword in place' : `sentence ${n} lacks "${strArg(kw, 'word')}"`);
    },
  ),
];
