import { isEmoji } from './is-emoji.js';
import { splitSentences } from './punkt-sentences.js';
import {
  countMatches,
  DIGITS,
  escapeRegExp,
  isPySpace,
  lastChar,
  PUNCTUATION,
  pyIsAlpha,
  pyIsLower,
  pyIsUpper,
  pyLen,
  pyLStrip,
  pySplit,
  pyStrip,
  removePunctuation,
  removeWhitespace,
} from './python-text.js';
import {
  fixedVerifier,
  type InstructionVerifier,
  plural,
  quote,
  strArg,
  verdict,
  verifier,
} from './verifier.js';
import { wordTokenize } from './word-tokenize.js';

const PUNCT_SPACE = `${PUNCTUATION} `;

/** The first closed bracket group reaching depth 5 (IFBench's NestedParenthesesChecker). */
function nestedBrackets(value: string): boolean {
  let levels: string[] = [];
  let maxDepth = 0;
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const ch of value) {
    if ('([{'.includes(ch)) {
      levels.push(ch);
      maxDepth = Math.max(maxDepth, levels.length);
    } else if (ch in pairs) {
      if (levels.length > 0 && levels[levels.length - 1] === pairs[ch]) {
        levels.pop();
        if (maxDepth >= 5 && levels.length < maxDepth) return true;
      } else {
        levels = [];
        maxDepth = 0;
      }
    }
  }
  return false;
}

function nestedQuotes(value: string): boolean {
  const levels: string[] = [];
  let reached = 0;
  let depth = 0;
  for (const ch of value) {
    if (levels.length > 0 && ch === levels[levels.length - 1]) {
      levels.pop();
      depth--;
      if (reached - depth >= 3) return true;
    } else if (ch === '"' || ch === "'") {
      levels.push(ch);
      depth++;
      reached = Math.max(reached, depth);
    }
  }
  return false;
}

/** IFBench's OptionsResponseChecker: the options text split on "/", else "or", else ",". */
function optionsCheck(value: string, options: string): boolean {
  const strict = /^\W*[aA]\W*[bB]\W*[cC]\W*/u.test(options);
  const separator = options.includes('/') ? '/' : options.includes('or') ? 'or' : ',';
  const list = options.split(separator).map((o) => pyStrip(o));
  if (strict) return list.includes(value);
  const answer = pyStrip(value, PUNCT_SPACE).toLowerCase();
  return list.some((o) => pyStrip(o, PUNCT_SPACE).toLowerCase() === answer);
}

function emojiAtEnds(value: string): boolean {
  const sentences = splitSentences(value);
  for (let i = 0; i < sentences.length; i++) {
    const stripped = Array.from(pyStrip(removePunctuation(sentences[i] ?? '')));
    if (stripped.length === 0) return false;
    const last = stripped[stripped.length - 1] ?? '';
    const secondLast = stripped.length > 1 ? (stripped[stripped.length - 2] ?? '') : last;
    if (isEmoji(last) || isEmoji(secondLast)) continue;
    if (i === sentences.length - 1) return false;
    const next = pyStrip(removePunctuation(sentences[i + 1] ?? ''));
    if (next === '' || !isEmoji(Array.from(next)[0] ?? '')) return false;
  }
  return true;
}

/** IFBench's IndentStairsChecker, including its removal of blank lines while iterating. */
function indentStairs(value: string): boolean {
  const lines = value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (pyStrip(line) === '') lines.splice(lines.indexOf(line), 1);
  }
  const indent = (line: string): number => pyLen(line) - pyLen(pyLStrip(line, ' '));
  for (let i = 0; i + 1 < lines.length; i++)
    if (indent(lines[i + 1] ?? '') <= indent(lines[i] ?? '')) return false;
  return true;
}

function quoteExplained(value: string): boolean {
  let text = value.replaceAll('“', '"').replaceAll('”', '"');
  text = removeWhitespace(text.replaceAll(`'"'`, ''));
  if (text.includes('""')) return false;
  const stripped = pyStrip(text, DIGITS + PUNCTUATION.replace('"', ''));
  return !(stripped !== '' && lastChar(stripped) === '"');
}

function italicThesis(value: string): boolean {
  let index = value.indexOf('<i>');
  if (index === -1) index = value.indexOf('<em>');
  if (index === -1) return false;
  const rest = value.slice(index);
  let end = rest.indexOf('</i>');
  if (end === -1) end = rest.indexOf('</em>');
  if (end === -1) return false;
  if (pyStrip(rest.slice(3, end)) === '') return false;
  return pyStrip(rest.slice(end + 4)) !== '';
}

/** IFBench's SomeBulletPointsChecker, including its reuse of one variable for a flag and a list. */
function sentencesThenBullets(value: string): boolean {
  let sentences: boolean | string[] = true;
  let sentenceCount = 0;
  let bulletCount = 0;
  for (const line of value.split('\n')) {
    const truthy = Array.isArray(sentences) ? sentences.length > 0 : sentences;
    if (pyStrip(line).startsWith('*')) {
      sentences = false;
      if (sentenceCount < 2) return false;
      bulletCount++;
    } else if (truthy) {
      sentences = splitSentences(pyStrip(line));
      sentenceCount += sentences.length;
    } else return false;
  }
  return bulletCount >= 2;
}

function titleCase(value: string): boolean {
  for (const word of wordTokenize(value)) {
    const cps = Array.from(word);
    const first = cps[0] ?? '';
    if (!pyIsAlpha(first)) continue;
    const rest = cps.slice(1).join('');
    if (cps.length === 1) {
      if (pyIsLower(first)) return false;
      continue;
    }
    if (pyIsUpper(first) && pyIsLower(rest)) continue;
    if (pyIsLower(first) && (pyIsUpper(rest) || pyIsLower(rest))) return false;
  }
  return true;
}

/** IFBench `format:*`. */
export const IFBENCH_FORMAT_VERIFIERS: readonly InstructionVerifier[] = [
  fixedVerifier(
    'format:emoji',
    'End every sentence with an emoji.',
    emojiAtEnds,
    'a sentence does not end with an emoji',
  ),
  fixedVerifier(
    'format:line_indent',
    'Create stairs: indent each new line with more leading spaces than the line before.',
    indentStairs,
    'a line is not indented further than the previous one',
  ),
  verifier(
    'format:list',
    (kw) => `Answer with a list of items marked with "${strArg(kw, 'sep')}" instead of bullet points.`,
    (response, kw) => {
      const n = countMatches(response, new RegExp(escapeRegExp(strArg(kw, 'sep')), 'gu'));
      return verdict(n >= 2, `found ${plural(n, `"${strArg(kw, 'sep')}" marker`)}`);
    },
  ),
  verifier(
    'format:newline',
    () => 'Write each word on its own line.',
    (response) => {
      const value = removePunctuation(response);
      const lines = pyStrip(value)
        .split('\n')
        .filter((l) => l !== '');
      const words = pySplit(pyStrip(value)).length;
      return verdict(lines.length === words, `${plural(words, 'word')} on ${plural(lines.length, 'line')}`);
    },
  ),
  fixedVerifier(
    'format:no_bullets_bullets',
    'Write at least two sentences ending in a period, then at least two bullet points starting with *, and nothing after them.',
    sentencesThenBullets,
    'not two sentences followed only by two or more * bullet points',
  ),
  fixedVerifier(
    'format:no_whitespace',
    'Do not use any whitespace (no spaces or line breaks).',
    (v) => !Array.from(v).some(isPySpace),
    'the response contains whitespace',
  ),
  verifier(
    'format:options',
    (kw) => `Answer with exactly one of the options: ${strArg(kw, 'options')}, and nothing else.`,
    (response, kw) =>
      verdict(optionsCheck(response, strArg(kw, 'options')), `the answer is ${quote(response, 40)}`),
  ),
  fixedVerifier(
    'format:output_template',
    'Use exactly this template: My Answer: [answer] My Conclusion: [conclusion] Future Outlook: [outlook]',
    (v) => v.includes('My Answer:') && v.includes('My Conclusion:') && v.includes('Future Outlook:'),
    'missing "My Answer:", "My Conclusion:" or "Future Outlook:"',
  ),
  fixedVerifier(
    'format:parentheses',
    'Nest parentheses, brackets and braces at least 5 levels deep, e.g. ( [ { ( [ ] ) } ] ).',
    nestedBrackets,
    'no correctly closed group nested 5 levels deep',
  ),
  fixedVerifier(
    'format:quote_unquote',
    'Follow every quoted phrase with an unquoted explanation; never end with a quote or put two quotes together.',
    quoteExplained,
    'two quotes are adjacent or the response ends with a quote',
  ),
  fixedVerifier(
    'format:quotes',
    'Nest quotes at least 3 levels deep, alternating double and single quotes.',
    nestedQuotes,
    'no quotes nested 3 levels deep',
  ),
  fixedVerifier(
    'format:sub-bullets',
    'Use bullet points marked * and give each at least one sub-bullet marked -.',
    (v) =>
      v
        .split('*')
        .slice(1)
        .every((b) => b.includes('-')),
    'a * bullet has no - sub-bullet after it',
  ),
  fixedVerifier(
    'format:thesis',
    'Begin each section with a thesis statement in HTML italics (<i>...</i> or <em>...</em>), followed by text.',
    italicThesis,
    'no non-empty <i>/<em> thesis followed by more text',
  ),
  fixedVerifier(
    'format:title_case',
    'Write the entire response in title case (capitalise the first letter of every word).',
    titleCase,
    'a word is not capitalised',
  ),
];
