import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

/**
 * A sentence splitter that follows NLTK's Punkt algorithm (`nltk.sent_tokenize`, English), which the
 * IFEval and IFBench checkers use to count and index sentences. It reproduces Punkt's candidate
 * detection (a `.`, `?` or `!` followed by whitespace or punctuation), its word tokenizer, its first-pass
 * annotation (abbreviations, ellipses, initials, numbers) and its boundary realignment (closing quotes and
 * brackets stay with the sentence they close). Punkt's trained English parameters are not shipped: the
 * abbreviation list below is a curated subset, and the orthographic statistics are approximated by
 * "a capitalised common function word starts a sentence". Ordinary prose splits as NLTK splits it; the
 * rare differences are after abbreviations missing from the list.
 */

const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms dr prof sr jr st mt ft vs etc e.g i.e u.s u.k u.n u.s.a a.m p.m ph.d inc ltd co corp bros jan ' +
    'feb apr jun jul aug sep sept oct nov dec gen gov sen rep rev lt col capt sgt messrs mme mlle ' +
    'fig figs approx dept vol pp cf al n.y calif conn ariz colo fla mich minn tenn okla nev'
  ).split(' '),
);

const NON_WORD = `[?!)";}\\]*:@'({\\[]`;
const MULTI_CHAR = '(?:-{2,}|\\.{2,}|(?:\\.\\s){2,}\\.)';
const WORD_START = '[^("`{\\[:;&#*@)}\\]\\-,]';
const WORD_TOKEN = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})\\S+?(?=\\s|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|\\s|${NON_WORD}|${MULTI_CHAR}))|\\S`,
  'gu',
);
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(${NON_WORD})|(\\s+)(\\S+))`, 'gu');
const REALIGN = /^["')\]}]+?(?:\s+|(?=--)|$)/u;
const NUMBER_TYPE = /^-?[.,]?\d[\d,.-]*\.?$/u;
const INITIAL = /^\p{L}\.$/u;
const ELLIPSIS = /^\.\.+$/u;

interface Token {
  readonly tok: string;
  sentbreak: boolean;
  abbr: boolean;
  ellipsis: boolean;
}

function punktWords(text: string): Token[] {
  return (text.match(WORD_TOKEN) ?? []).map((tok) => ({
    tok,
    sentbreak: false,
    abbr: false,
    ellipsis: false,
  }));
}

function typeOf(tok: string): string {
  const lower = tok.toLowerCase();
  return NUMBER_TYPE.test(lower) ? '##number##' : lower;
}

function typeNoPeriod(tok: string): string {
  const t = typeOf(tok);
  return t.length > 1 && t.endsWith('.') ? t.slice(0, -1) : t;
}

function firstPass(token: Token): void {
  const { tok } = token;
  if (tok === '.' || tok === '?' || tok === '!') token.sentbreak = true;
  else if (ELLIPSIS.test(tok)) token.ellipsis = true;
  else if (tok.endsWith('.') && !tok.endsWith('..')) {
    const stem = tok.slice(0, -1).toLowerCase();
    if (ABBREVIATIONS.has(stem) || ABBREVIATIONS.has(stem.split('-').pop() ?? '')) token.abbr = true;
    else token.sentbreak = true;
  }
}

/** Punkt's orthographic heuristic, with "seen in lowercase" approximated by the common-word list. */
function orthoHeuristic(next: Token): boolean | 'unknown' {
  const tok = next.tok;
  if (';:,.!?'.includes(tok)) return false;
  const first = tok.charAt(0);
  const upper = first !== first.toLowerCase();
  const lower = first !== first.toUpperCase();
  const word = typeNoPeriod(tok);
  const common = ENGLISH_STOP_WORDS.has(word) && word !== 'i';
  if (upper && common) return true;
  if (lower) return false;
  return 'unknown';
}

function secondPass(token: Token, next: Token | undefined): void {
  if (next === undefined || !token.tok.endsWith('.')) return;
  const isInitial = INITIAL.test(token.tok);
  if ((token.abbr || token.ellipsis) && !isInitial) {
    if (orthoHeuristic(next) === true) token.sentbreak = true;
    return;
  }
  if (isInitial || typeNoPeriod(token.tok) === '##number##') {
    const starter = orthoHeuristic(next);
    const nextFirst = next.tok.charAt(0);
    const nextUpper = nextFirst !== nextFirst.toLowerCase();
    if (starter === false || (starter === 'unknown' && isInitial && nextUpper)) {
      token.sentbreak = false;
      token.abbr = true;
    }
  }
}

function containsSentbreak(context: string): boolean {
  const tokens = punktWords(context);
  for (const token of tokens) firstPass(token);
  tokens.forEach((token, i) => {
    secondPass(token, tokens[i + 1]);
  });
  return tokens.slice(0, -1).some((token) => token.sentbreak);
}

interface Candidate {
  readonly end: number;
  readonly nextStart: number | undefined;
  readonly context: string;
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let chunkStart = -1;
  for (const match of text.matchAll(PERIOD_CONTEXT)) {
    const at = match.index ?? 0;
    let wordStart = at;
    while (wordStart > 0 && !/\s/u.test(text.charAt(wordStart - 1))) wordStart--;
    const after = match[1] ?? `${match[2] ?? ''}${match[3] ?? ''}`;
    const nextStart = match[3] === undefined ? undefined : at + 1 + (match[2] ?? '').length;
    // Several candidates in one whitespace-delimited chunk: Punkt keeps only the last, with the whole chunk as context.
    if (wordStart === chunkStart) out.pop();
    chunkStart = wordStart;
    out.push({ end: at + 1, nextStart, context: text.slice(wordStart, at + 1) + after });
  }
  return out;
}

/** The sentences of `text` as `nltk.sent_tokenize` would return them. */
export function splitSentences(text: string): string[] {
  const slices: Array<[number, number]> = [];
  let lastBreak = 0;
  for (const candidate of candidates(text)) {
    if (!containsSentbreak(candidate.context)) continue;
    slices.push([lastBreak, candidate.end]);
    lastBreak = candidate.nextStart ?? candidate.end;
  }
  slices.push([lastBreak, text.replace(/\s+$/u, '').length]);
  const sentences: string[] = [];
  let realign = 0;
  for (let i = 0; i < slices.length; i++) {
    const [start0, stop] = slices[i] as [number, number];
    const start = start0 + realign;
    const next = slices[i + 1];
    if (next === undefined) {
      if (stop > start) sentences.push(text.slice(start, stop));
      continue;
    }
    const m = REALIGN.exec(text.slice(next[0], next[1]));
    if (m) {
      sentences.push(text.slice(start, next[0] + m[0].replace(/\s+$/u, '').length));
      realign = m[0].length;
    } else {
      realign = 0;
      if (stop > start) sentences.push(text.slice(start, stop));
    }
  }
  return sentences;
}
