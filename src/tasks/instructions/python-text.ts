/**
 * Python string semantics the IFEval/IFBench reference checkers rely on (`str.split()`, `str.strip(chars)`,
 * `str.isupper()`, `string.punctuation`, the Unicode-aware `\w` and `\b` of Python's `re`), so the
 * verifiers can be ported line for line. Strings are handled as code points where Python would.
 */

/** The characters Python's `str.isspace()` (and `re`'s `\s`) accept. */
const PY_SPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\s` as a regex source fragment. */
export const PY_S = `[${PY_SPACE_CLASS}]`;
/** Python's Unicode `\w` (letters, numbers, underscore) as a regex source fragment. */
export const PY_W = '[\\p{L}\\p{N}_]';

const SPACE_RE = new RegExp(`^${PY_S}$`, 'u');
const SPACE_RUN = new RegExp(`${PY_S}+`, 'u');
const WORD_RE = new RegExp(`${PY_W}+`, 'gu');

/** Python's `string.punctuation`. */
export const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Python's `string.digits`. */
export const DIGITS = '0123456789';

export function isPySpace(ch: string): boolean {
  return SPACE_RE.test(ch);
}

/** `str.split()` with no argument: split on runs of whitespace, dropping empty pieces. */
export function pySplit(text: string): string[] {
  return text.split(SPACE_RUN).filter((part) => part !== '');
}

function inSet(ch: string, chars: string | undefined): boolean {
  return chars === undefined ? isPySpace(ch) : chars.includes(ch);
}

/** `str.lstrip(chars)`; whitespace when `chars` is undefined. */
export function pyLStrip(text: string, chars?: string): string {
  let i = 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (!inSet(ch, chars)) break;
    i += ch.length;
  }
  return text.slice(i);
}

/** `str.rstrip(chars)`; whitespace when `chars` is undefined. */
export function pyRStrip(text: string, chars?: string): string {
  let end = text.length;
  while (end > 0) {
    const low = text.charCodeAt(end - 1);
    const pair =
      end > 1 &&
      low >= 0xdc00 &&
      low <= 0xdfff &&
      text.charCodeAt(end - 2) >= 0xd800 &&
      text.charCodeAt(end - 2) <= 0xdbff;
    const ch = text.slice(pair ? end - 2 : end - 1, end);
    if (!inSet(ch, chars)) break;
    end -= ch.length;
  }
  return text.slice(0, end);
}

/** `str.strip(chars)`; whitespace when `chars` is undefined. */
export function pyStrip(text: string, chars?: string): string {
  return pyRStrip(pyLStrip(text, chars), chars);
}

/** `str.translate(str.maketrans('', '', chars))`: delete every character in `chars`. */
export function deleteChars(text: string, chars: string): string {
  let out = '';
  for (const ch of text) if (!chars.includes(ch)) out += ch;
  return out;
}

export function removePunctuation(text: string): string {
  return deleteChars(text, PUNCTUATION);
}

/** `''.join(text.split())`: remove every whitespace character. */
export function removeWhitespace(text: string): string {
  return pySplit(text).join('');
}

/** Tokens of `nltk.tokenize.RegexpTokenizer(r"\w+")`. */
export function wordTokens(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** IFEval's `count_words`: the number of `\w+` tokens. */
export function countWords(text: string): number {
  return wordTokens(text).length;
}

/** The number of code points (Python's `len`). */
export function pyLen(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The first code point, or '' for an empty string. */
export function firstChar(text: string): string {
  for (const ch of text) return ch;
  return '';
}

/** The last code point, or '' for an empty string. */
export function lastChar(text: string): string {
  const cps = Array.from(text);
  return cps[cps.length - 1] ?? '';
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Python's `\b<literal>\b` with Unicode word characters, as a regex. */
export function wholeWordRegex(literal: string, flags = 'u'): RegExp {
  return new RegExp(
    `(?<!${PY_W})${escapeRegExp(literal)}(?!${PY_W})`,
    flags.includes('u') ? flags : `${flags}u`,
  );
}

/** Non-overlapping occurrences of a regex (Python's `len(re.findall(...))`). */
export function countMatches(text: string, re: RegExp): number {
  const global = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  let n = 0;
  for (const _ of text.matchAll(global)) n++;
  return n;
}

/** Non-overlapping occurrences of a literal substring, case-insensitively (IFEval keyword counting). */
export function countLiteralIgnoreCase(text: string, literal: string): number {
  if (literal === '') return pyLen(text) + 1;
  return countMatches(text, new RegExp(escapeRegExp(literal), 'giu'));
}

/** Python's `str.isupper()`: at least one cased character and no lowercase or titlecase one. */
export function pyIsUpper(text: string): boolean {
  return /\p{Uppercase}/u.test(text) && !/[\p{Lowercase}\p{Lt}]/u.test(text);
}

/** Python's `str.islower()`: at least one cased character and no uppercase or titlecase one. */
export function pyIsLower(text: string): boolean {
  return /\p{Lowercase}/u.test(text) && !/[\p{Uppercase}\p{Lt}]/u.test(text);
}

/** Python's `str.isalpha()` for a non-empty string. */
export function pyIsAlpha(text: string): boolean {
  return text !== '' && /^\p{L}+$/u.test(text);
}

/** Python's `str.isdigit()` (decimal digits and the superscript/subscript digits). */
export function pyIsDigit(text: string): boolean {
  return text !== '' && /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]+$/u.test(text);
}

/** Python's `str.isalnum()` for one character. */
export function pyIsAlnum(ch: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(ch);
}

/**
 * `unicodedata.normalize('NFKD', text).encode('ASCII', 'ignore').decode()`: strip diacritics and drop
 * any character without an ASCII decomposition.
 */
export function toAsciiFold(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKD')) if ((ch.codePointAt(0) ?? 128) < 128) out += ch;
  return out;
}

/** Python string ordering (by code point). */
export function pyCompare(a: string, b: string): number {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const x = ca[i]?.codePointAt(0) ?? 0;
    const y = cb[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}
