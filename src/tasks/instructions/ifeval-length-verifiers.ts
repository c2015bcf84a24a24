import { splitSentences } from './punkt-sentences.js';
import { countWords, PY_S, pyLStrip, pySplit, pyStrip } from './python-text.js';
import {
  compare,
  type InstructionVerifier,
  numArg,
  plural,
  quote,
  relationArg,
  relationText,
  strArg,
  verdict,
  verifier,
} from './verifier.js';

const PARAGRAPH_DIVIDER = new RegExp(`${PY_S}?\\*\\*\\*${PY_S}?`, 'u');

/** Paragraphs separated by `***`; an empty paragraph is allowed only first or last. */
function dividerParagraphCount(response: string): number | 'empty-middle' {
  const paragraphs = response.split(PARAGRAPH_DIVIDER);
  let n = paragraphs.length;
  for (let i = 0; i < paragraphs.length; i++) {
    if (pyStrip(paragraphs[i] ?? '') !== '') continue;
    if (i === 0 || i === paragraphs.length - 1) n--;
    else return 'empty-middle';
  }
  return n;
}

/** The lowercased first word of a paragraph, up to its first punctuation mark (IFEval's rule). */
function firstWordOf(paragraph: string): string {
  let word = pyStrip(pySplit(paragraph)[0] ?? '');
  word = pyLStrip(pyLStrip(word, "'"), '"');
  let out = '';
  for (const ch of word) {
    if ('.,?!\'"'.includes(ch)) break;
    out += ch.toLowerCase();
  }
  return out;
}

/** IFEval `length_constraints:*`. */
export const IFEVAL_LENGTH_VERIFIERS: readonly InstructionVerifier[] = [
  verifier(
    'length_constraints:number_sentences',
    (kw) => `Write ${relationText(relationArg(kw, 'relation'), numArg(kw, 'num_sentences'))} sentences.`,
    (response, kw) => {
      const n = splitSentences(response).length;
      return verdict(
        compare(n, relationArg(kw, 'relation'), numArg(kw, 'num_sentences')),
        `found ${plural(n, 'sentence')}`,
      );
    },
  ),
  verifier(
    'length_constraints:number_paragraphs',
    (kw) =>
      `Write exactly ${plural(numArg(kw, 'num_paragraphs'), 'paragraph')}, separated by the markdown divider ***.`,
    (response, kw) => {
      const n = dividerParagraphCount(response);
      if (n === 'empty-middle') return verdict(false, 'an empty paragraph sits between two *** dividers');
      return verdict(n === numArg(kw, 'num_paragraphs'), `found ${plural(n, 'paragraph')} separated by ***`);
    },
  ),
  verifier(
    'length_constraints:number_words',
    (kw) => `Write ${relationText(relationArg(kw, 'relation'), numArg(kw, 'num_words'))} words.`,
    (response, kw) => {
      const n = countWords(response);
      return verdict(
        compare(n, relationArg(kw, 'relation'), numArg(kw, 'num_words')),
        `found ${plural(n, 'word')}`,
      );
    },
  ),
  verifier(
    'length_constraints:nth_paragraph_first_word',
    (kw) =>
      `Write exactly ${plural(numArg(kw, 'num_paragraphs'), 'paragraph')} separated by blank lines (\\n\\n); paragraph ${numArg(kw, 'nth_paragraph')} must start with the word "${strArg(kw, 'first_word')}".`,
    (response, kw) => {
      const wanted = numArg(kw, 'num_paragraphs');
      const nth = numArg(kw, 'nth_paragraph');
      const firstWord = strArg(kw, 'first_word').toLowerCase();
      const paragraphs = response.split('\n\n');
      const count = paragraphs.filter((p) => pyStrip(p) !== '').length;
      if (nth > count) return verdict(false, `found only ${plural(count, 'paragraph')}`);
      const paragraph = pyStrip(paragraphs[nth - 1] ?? '');
      if (paragraph === '') return verdict(false, `paragraph ${nth} is empty (extra blank lines)`);
      const actual = firstWordOf(paragraph);
      const problems: string[] = [];
      if (count !== wanted) problems.push(`found ${plural(count, 'paragraph')}`);
      if (actual !== firstWord) problems.push(`paragraph ${nth} starts with ${quote(actual)}`);
      return verdict(problems.length === 0, problems.join('; ') || 'paragraphs and first word as required');
    },
  ),
];
