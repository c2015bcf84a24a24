/**
 * Removes LaTeX noise from an answer so that equal answers written differently compare equal:
 * math delimiters and `$`, \left/\right and sizing, spacing (\! \, \; ~), ^\circ, \text{} units,
 * \dfrac/\tfrac, thousands separators, trailing punctuation and unit words. Pure string rewriting.
 */

/** Unit words dropped after a number ("18 dollars", "5\text{ cm}"). Lower case, singular and plural. */
const UNIT_WORDS = [
  'degrees?',
  'deg',
  'radians?',
  'units?',
  'square units?',
  'sq units?',
  'cubic units?',
  'dollars?',
  'cents?',
  'cm\\^?2?',
  'mm',
  'km',
  'm\\^?2?',
  'meters?',
  'metres?',
  'centimeters?',
  'kilometers?',
  'inch(?:es)?',
  'in',
  'feet',
  'foot',
  'ft',
  'yards?',
  'miles?',
  'mph',
  'hours?',
  'hrs?',
  'minutes?',
  'mins?',
  'seconds?',
  'secs?',
  'days?',
  'weeks?',
  'months?',
  'years?',
  'pounds?',
  'lbs?',
  'ounces?',
  'oz',
  'grams?',
  'g',
  'kg',
  'liters?',
  'litres?',
  'ml',
  'gallons?',
  'people',
  'persons?',
  'students?',
  'points?',
  'ways?',
  'times',
  'items?',
  'pieces?',
];

const UNIT_PATTERN = new RegExp(`^(.*?[\\d}).]\\s*)(?:${UNIT_WORDS.join('|')})\\.?$`, 'i');

/** Replaces each `\name{...}` (balanced braces) by `wrap(content)`. */
export function replaceCommandArg(text: string, name: string, wrap: (content: string) => string): string {
  const needle = `\\${name}{`;
  let out = text;
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at)) {
    const start = at + needle.length;
    const end = matchingBrace(out, start - 1);
    if (end < 0) break;
    const replacement = wrap(out.slice(start, end));
    out = out.slice(0, at) + replacement + out.slice(end + 1);
    at += replacement.length;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function stripDelimiters(text: string): string {
  let s = text.trim();
  for (;;) {
    const before = s;
    s = s.replace(/^\\\[(.*)\\\]$/s, '$1').replace(/^\\\((.*)\\\)$/s, '$1');
    s = s.replace(/^\$+(.*?)\$+$/s, '$1').trim();
    if (s === before) return s;
  }
}

/** The whole answer is one \text{...}: it is a word answer ("\text{Evelyn}"), keep the words. */
function textOnly(s: string): string | undefined {
  const m = /^\\(?:text|textnormal|textbf|mathrm|mbox|textit)\{(.*)\}$/s.exec(s);
  if (m?.[1] === undefined || matchingBrace(s, s.indexOf('{')) !== s.length - 1) return undefined;
  return m[1].trim();
}

/**
 * Commands that appear with a doubled backslash when an answer was escaped twice (`\\frac` in a JSON or
 * Python literal): `\\` before one of these names is read as a single backslash. A real row break
 * (`\\`) is followed by a value or a space, not by these names.
 */
const DOUBLED_COMMAND =
  /(?<!\\)\\\\(?=(?:left|right|frac|dfrac|tfrac|cfrac|sqrt|text|textnormal|mathrm|boxed|pi|cdot|times|infty|leq?|geq?|in|cup|pm|mp)(?![a-zA-Z]))/g;

/** Relation symbols in one spelling each: `\le`, `\ge`, `\ne`, `<`, `>`. */
function normalizeRelations(s: string): string {
  return s
    .replace(/\\(?:leqslant|leq|le)(?![a-zA-Z])|≤|<=/g, ' \\le ')
    .replace(/\\(?:geqslant|geq|ge)(?![a-zA-Z])|≥|>=/g, ' \\ge ')
    .replace(/\\(?:neq|ne)(?![a-zA-Z])|≠|!=/g, ' \\ne ')
    .replace(/\\lt(?![a-zA-Z])/g, ' < ')
    .replace(/\\gt(?![a-zA-Z])/g, ' > ');
}

export function normalizeLatex(raw: string): string {
  let s = stripDelimiters(raw.replace(DOUBLED_COMMAND, '\\'));
  s = s.replace(/\\\$/g, '').replace(/\$/g, '');
  s = s.replace(/\\(?:displaystyle|textstyle|scriptstyle)\b/g, '');
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*/g, '');
  // Thousands written with a LaTeX separator ("14{,}916", "32,\! 349", "10,\!000"): joined here,
  // before spacing is dropped, because a plain ", " between digits separates list items ("32, 349").
  s = s.replace(/(\d)\s*(?:\{\s*,\s*\}|,\s*\\!)\s*(?=\d{3}(?!\d))/g, '$1');
  // Spacing commands, unless the backslash is itself escaped (`\\` is a matrix row break and stays).
  s = s
    .replace(/(?<!\\)\\!/g, '')
    .replace(/(?<!\\)\\(?:,|;|:|quad|qquad|\s)/g, ' ')
    .replace(/~/g, ' ');
  s = s.replace(/\{,\}/g, ',');
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree/g, '');
  s = s
    .replace(/\\[dtc]frac/g, '\\frac')
    .replace(/±/g, '\\pm ')
    .replace(/∪/g, '\\cup ');
  s = s.replace(/\\%/g, '%');
  // "28 percent", "28 pct", "28 percentage" are "28%".
  s = s.replace(/(\d|\})\s*(?:\\text\{\s*)?(?:percentage|percent|pct)\b\s*\}?/gi, '$1%');
  s = normalizeRelations(s);
  s = s.trim();
  const words = textOnly(s);
  if (words !== undefined) return words.replace(/\s+/g, ' ');
  // Trailing \text{...} is a unit ("5\text{ cm}"); a leading one is a label ("\text{(A)}").
  for (;;) {
    const m = /\\(?:text|textnormal|mbox|mathrm)\{[^{}]*\}(?:\^\{?\d\}?)?\s*$/.exec(s);
    if (m === null || m.index === 0) break;
    s = s.slice(0, m.index).trim();
  }
  for (const name of [
    'text',
    'textnormal',
    'textbf',
    'mathrm',
    'mathbf',
    'mbox',
    'textit',
    'boldsymbol',
    'operatorname',
  ]) {
    s = replaceCommandArg(s, name, (c) => c);
  }
  s = s.replace(/\s+/g, ' ').trim();
  // Sentence punctuation at the end goes; an ellipsis ("1, 2, 3, ...") is part of the answer.
  if (!/(?:\.\.\.|\\[lc]?dots)\s*$/.test(s)) s = s.replace(/[.。,;:\s]+$/, '');
  const unit = UNIT_PATTERN.exec(s);
  if (unit?.[1] !== undefined) s = unit[1].trim();
  // A number followed only by words ("18 eggs", "7 more apples"): the words are a unit. Words before
  // or between numbers ("12 or 13") are left alone, so such answers never reduce to one number.
  const counted = /^([-+]?\d[\d.,/]*)\s+[a-zA-Z]{3,}(?:\s+[a-zA-Z]{2,})*$/.exec(s);
  if (counted?.[1] !== undefined) s = counted[1];
  s = s.replace(/\b(?:infinity|inf)\b/gi, '\\infty');
  s = mixedNumber(s);
  // "x \in [-2, 7]" states the set the answer lies in: the set is the answer.
  s = s.replace(/^[a-zA-Z]\s*\\in(?![a-zA-Z])\s*(?=\S)/, '');
  // Thousands separators, only when the whole answer is one number ("10,080", "1 234 567.5"): in
  // "(1,234)" or "1,2" the comma separates items.
  if (/^[+-]?\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?%?$/.test(s)) s = s.replace(/[, ]/g, '');
  return s.trim();
}

/**
 * "4 4/9" (a whole number, a space, a proper fraction) is the mixed number 4\frac{4}{9}. "11 6/6" or
 * "4 4/0" are not mixed numbers and are left as written (they then equal nothing).
 */
function mixedNumber(s: string): string {
  const m = /^([+-]?)(\d{1,3}(?: \d{3})*|\d+) +(\d+)\/(\d+)(%?)$/.exec(s);
  if (m === null) return s;
  const [, sign = '', whole = '', num = '', den = '', percent = ''] = m;
  if (BigInt(den) === 0n || BigInt(num) >= BigInt(den)) return s;
  return `${sign}${whole.replace(/ /g, '')}\\frac{${num}}{${den}}${percent}`;
}
