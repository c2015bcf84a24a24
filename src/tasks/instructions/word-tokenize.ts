import { splitSentences } from './punkt-sentences.js';
import { PY_W, pyIsAlnum, pySplit } from './python-text.js';

/**
 * `nltk.word_tokenize` (English): Punkt sentences, then NLTK's improved Treebank word tokenizer on each,
 * ported rule by rule. Contractions split ("don't" -> "do", "n't"), punctuation becomes its own token,
 * hyphenated words stay whole, double quotes become `` and ''.
 */

type Rule = readonly [RegExp, string];

const STARTING_QUOTES: readonly Rule[] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${PY_W})(?!${PY_W})`, 'giu'), '$1 $2'],
];

const PUNCTUATION: readonly Rule[] = [
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2 $3 '],
  [/([:,])([^\d])/gu, ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
];

const PARENS_BRACKETS: Rule = [/[\][(){}<>]/gu, ' $& '];
const DOUBLE_DASHES: Rule = [/--/gu, ' -- '];

const ENDING_QUOTES: readonly Rule[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

const B = `(?<!${PY_W})`;
const E = `(?!${PY_W})`;
const CONTRACTIONS: readonly RegExp[] = [
  new RegExp(`${B}(can)(not)${E}`, 'giu'),
  new RegExp(`${B}(d)('ye)${E}`, 'giu'),
  new RegExp(`${B}(gim)(me)${E}`, 'giu'),
  new RegExp(`${B}(gon)(na)${E}`, 'giu'),
  new RegExp(`${B}(got)(ta)${E}`, 'giu'),
  new RegExp(`${B}(lem)(me)${E}`, 'giu'),
  new RegExp(`${B}(more)('n)${E}`, 'giu'),
  new RegExp(`${B}(wan)(na)(?=\\s)`, 'giu'),
  new RegExp(` ('t)(is)${E}`, 'giu'),
  new RegExp(` ('t)(was)${E}`, 'giu'),
];

function applyRules(text: string, rules: readonly Rule[]): string {
  return rules.reduce((acc, [re, sub]) => acc.replace(re, sub), text);
}

/** The Treebank tokens of one sentence. */
export function treebankTokens(sentence: string): string[] {
  let text = applyRules(sentence, STARTING_QUOTES);
  text = applyRules(text, PUNCTUATION);
  text = applyRules(text, [PARENS_BRACKETS, DOUBLE_DASHES]);
  text = applyRules(` ${text} `, ENDING_QUOTES);
  for (const re of CONTRACTIONS) text = text.replace(re, ' $1 $2 ');
  return pySplit(text);
}

/** `nltk.word_tokenize(text)`. */
export function wordTokenize(text: string): string[] {
  return splitSentences(text).flatMap(treebankTokens);
}

/** IFBench's `_word_tokens_without_punctuation`: word tokens with at least one letter or digit. */
export function wordTokensWithoutPunctuation(text: string): string[] {
  return wordTokenize(text).filter((token) => Array.from(token).some(pyIsAlnum));
}
