/**
 * Text primitives shared by the sim: behaviour matchers, word normalisation and fast 32-bit hashes.
 * Every regex here is compiled once (module level or per world), never per call.
 */

const REGEX_LITERAL = /^\/(.+)\/(i?)$/s;
const ESCAPE = /[.*+?^${}()|[\]\\/-]/g;
const SPACES = /\s+/g;
const TRAILING_PUNCT = /[\s.!?;:,]+$/;
const WORD_CHAR = /\w/;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** Whether a pattern string is written as a regex literal (`/.../` or `/.../i`). */
export function isRegexPattern(pattern: string): boolean {
  return REGEX_LITERAL.test(pattern);
}

/**
 * The regex source of one pattern. A phrase matches case-insensitively with flexible whitespace and on
 * word boundaries, ignoring trailing punctuation; a `/regex/` literal is used as written. Throws
 * SyntaxError when a regex literal does not compile.
 */
export function patternSource(pattern: string): string {
  const literal = REGEX_LITERAL.exec(pattern);
  if (literal !== null) {
    const source = literal[1] ?? '';
    new RegExp(source, 'i');
    return source;
  }
  const phrase = pattern.trim().replace(TRAILING_PUNCT, '');
  const body = phrase.replace(ESCAPE, '\\$&').replace(SPACES, '\\s+');
  const start = WORD_CHAR.test(phrase.charAt(0)) ? '\\b' : '';
  const end = WORD_CHAR.test(phrase.charAt(phrase.length - 1)) ? '\\b' : '';
  return `${start}${body}${end}`;
}

/** One case-insensitive regex matching the canonical phrase or any of the patterns. */
export function compileMatcher(phrase: string, patterns: readonly string[] = []): RegExp {
  const sources = [phrase, ...patterns].map((p) => `(?:${patternSource(p)})`);
  return new RegExp(sources.join('|'), 'i');
}

/** Lower-case words (letters and digits), for n-gram matching that ignores punctuation and layout. */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(NON_WORD)
    .filter((w) => w !== '');
}

/** FNV-1a over UTF-16 code units: a fast, stable 32-bit hash of a string. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into one (murmur3 finaliser over a combined value); order matters. */
export function mix32(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 32-bit seed of a sample: mixes any number of 32-bit parts. */
export function mixAll(...parts: readonly number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = mix32(h, p);
  return h;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Tokens as the sim counts them everywhere: ceil(characters / 4). */
export function simTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
