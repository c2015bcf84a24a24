import { isReadable } from './is-readable.js';
import { boxesOf, lastRun, mathSpansOf, type TextSpan } from './latex-spans.js';
import { reduceAnswerText } from './reduce-answer-text.js';

/** Where an answer was read: a box, an "Answer:" line, the last LaTeX math span, a number in prose. */
export type ExtractionMethod = 'boxed' | 'answer-line' | 'math-span' | 'bare-number';

export interface ExtractedAnswer {
  /** The answer as written (LaTeX kept; normalisation happens when comparing). */
  readonly answer: string;
  readonly method: ExtractionMethod;
  /** The passage of the response it was read from (at most 200 characters). */
  readonly source: string;
  /** When several boxes or spans in a row were read as one list: each of them. */
  readonly items?: readonly string[];
}

export interface ExtractOptions {
  /**
   * The reference is a list: several math spans in a row ("the roots are $1$ and $2$") are read
   * together as one list answer. Boxes in a row ("\boxed{-2} and \boxed{1}") always are.
   */
  readonly list?: boolean;
}

/** Content of the last \boxed{...} or \fbox{...} (nested braces honoured; also "\boxed 5"). */
export function lastBoxed(text: string): string | undefined {
  return boxesOf(text).at(-1)?.content;
}

const ANSWER_ANCHOR = /(?:final\s+answer|\banswer)\s*(?:is\b|:|：|=)\s*[:：]?\s*/gi;

interface AnswerLine {
  readonly answer: string;
  /** Index of the anchor ("Final Answer:") in the response. */
  readonly at: number;
  /** The anchor says "final answer" (it then outranks a box written before it). */
  readonly final: boolean;
  readonly source: string;
}

/**
 * The last "Final answer: ..." / "Answer: ..." / "The answer is ..." / "#### ..." statement, its
 * prose reduced to the math it states ("The final answer is $X$. I hope it is correct." gives X).
 */
function lastAnswerLine(text: string): AnswerLine | undefined {
  const lines = text.split(/\n/);
  let offset = text.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const raw = lines[i] ?? '';
    offset -= raw.length + (i < lines.length - 1 ? 1 : 0);
    const line = raw.replace(/\*\*|__/g, (m) => ' '.repeat(m.length));
    const anchors = [...line.matchAll(ANSWER_ANCHOR)];
    for (let k = anchors.length - 1; k >= 0; k--) {
      const m = anchors[k];
      if (m === undefined) continue;
      const answer = reduceAnswerText(line.slice(m.index + m[0].length));
      if (answer !== undefined) {
        const final = /^final/i.test(m[0]);
        return { answer, at: offset + m.index, final, source: clip(raw.slice(anchors[0]?.index ?? m.index)) };
      }
    }
    const hashes = /^\s*#{4}\s*(.+)$/.exec(line);
    const answer = hashes?.[1] === undefined ? undefined : reduceAnswerText(hashes[1]);
    if (answer !== undefined) return { answer, at: offset, final: true, source: clip(raw) };
  }
  return undefined;
}

/** The answer on the last answer line ("Answer: 13", "The answer is 42.", "#### 1,234"). */
export function answerLine(text: string): string | undefined {
  return lastAnswerLine(text)?.answer;
}

const NUMBER = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?|-?\.\d+/g;

/** The last number in the text ("1,234", "-3.5", "7/8"), wherever it stands (numeric scorer). */
export function lastNumber(text: string): string | undefined {
  const matches = text.match(NUMBER);
  const last = matches?.[matches.length - 1];
  return last?.replace(/\s+/g, '');
}

const NUM = String.raw`(?:\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const MIXED = String.raw`\d{1,3}(?: \d{3})*[ \t]+\d+\/\d+`;
const FRACTION = String.raw`\\[dt]?frac\{\d+\}\{\d+\}`;

/**
 * A number, or arithmetic on numbers ("2/3", "11 + 4/9"), standing on its own in prose: after a
 * space, the start, `=`, `(`, `:` or a currency sign, and not followed by a digit, `^`, `_` or `{`
 * (so never the base of a power or a piece of a decimal). "4 4/9" (a mixed number) and thousands
 * separators ("1,234", "1 234") are one number; a following %, "percent" or "pct" is kept.
 */
const BARE_NUMBER = new RegExp(
  String.raw`(?<=^|[\s=(:$€£¥]|\*\*)([-+]?(?:${FRACTION}|${MIXED}|${NUM})(?:\s*[-+*/×÷]\s*${NUM})*)(?![\d^_{]|[.,]\d)(\s*(?:%|percent(?:age)?\b|pct\b))?`,
  'g',
);

function lastBareNumber(text: string, after: number): (TextSpan & { readonly raw: string }) | undefined {
  let found: (TextSpan & { readonly raw: string }) | undefined;
  for (const m of blankSpans(text).matchAll(BARE_NUMBER)) {
    const value = m[1];
    if (value === undefined || m.index < after) continue;
    const content = `${value.trim()}${m[2] === undefined ? '' : '%'}`;
    found = { start: m.index, end: m.index + m[0].length, content, raw: m[0] };
  }
  return found;
}

/** The text with every math span and box replaced by spaces (so prose numbers keep their offsets). */
function blankSpans(text: string): string {
  let out = text;
  for (const span of [...mathSpansOf(text), ...boxesOf(text)]) {
    out = out.slice(0, span.start) + ' '.repeat(span.end - span.start) + out.slice(span.end);
  }
  return out;
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 200 ? `${t.slice(0, 197)}...` : t;
}

function fromRun(
  text: string,
  run: readonly TextSpan[],
  method: ExtractionMethod,
): ExtractedAnswer | undefined {
  const first = run[0];
  const last = run[run.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const items = [...new Set(run.map((s) => s.content))];
  const answer = items.join(', ');
  if (answer === '') return undefined;
  const source = clip(text.slice(first.start, last.end));
  return items.length > 1 ? { answer, method, source, items } : { answer, method, source };
}

/**
 * The final answer of a free-text math response, read as models write it:
 * 1. the last `\boxed{}` / `\fbox{}` (or the last run of boxes: a list), unless a "Final answer:"
 *    statement comes after it (boxed intermediate results, then "Final Answer: The final answer is X");
 * 2. the last "Final answer:" / "Answer:" / "The answer is" / "####" statement, reduced to its math;
 * 3. the last LaTeX math span as a whole expression, or a number standing alone in the prose after
 *    it. A number is never taken from inside a larger expression: `$\frac{1}{3}$` is 1/3, never 3.
 * An answer line or span that cannot be read as mathematics (`\sum_{k=0}^n k`) gives way to what
 * follows it, or to the span it is listed with ("$42$ and $\sum ...$"); an unreadable box does not.
 * Undefined when there is none of these.
 */
export function extractMathAnswer(
  response: string,
  options: ExtractOptions = {},
): ExtractedAnswer | undefined {
  const boxes = boxesOf(response).filter((b) => b.content !== '');
  const line = lastAnswerLine(response);
  const lastBox = boxes.at(-1);
  if (lastBox !== undefined && (line === undefined || !line.final || line.at < lastBox.start)) {
    const boxed = fromRun(response, lastRun(response, boxes), 'boxed');
    if (boxed !== undefined) return boxed;
  }
  const lineAnswer: ExtractedAnswer | undefined =
    line === undefined ? undefined : { answer: line.answer, method: 'answer-line', source: line.source };
  if (lineAnswer !== undefined && isReadable(lineAnswer.answer)) return lineAnswer;
  const from = line === undefined ? 0 : line.at;
  const later = fromSpansAndNumbers(response, from, options);
  return lineAnswer === undefined || (later !== undefined && isReadable(later.answer)) ? later : lineAnswer;
}

/** Step 3 of `extractMathAnswer`, on the part of the response from `from` on. */
function fromSpansAndNumbers(
  response: string,
  from: number,
  options: ExtractOptions,
): ExtractedAnswer | undefined {
  const spans = mathSpansOf(response).filter(
    (s) => s.start >= from && s.content.replace(/[\s.,;:]/g, '') !== '',
  );
  const lastSpan = spans.at(-1);
  const number = lastBareNumber(response, Math.max(from, lastSpan?.end ?? 0));
  if (number !== undefined)
    return { answer: number.content, method: 'bare-number', source: clip(number.raw) };
  if (lastSpan === undefined) return undefined;
  let run = options.list === true ? lastRun(response, spans) : [lastSpan];
  // An unreadable last span listed after readable ones ("$42$ and $\sum ...$"): the readable ones.
  const listed = lastRun(response, spans);
  if (!isReadable(lastSpan.content) && listed.length > 1) {
    const readable = listed.filter((s) => isReadable(s.content));
    if (readable.length > 0) run = options.list === true ? readable : readable.slice(-1);
  }
  const percent = /^\s*(?:\\?%|percent|pct)/.test(response.slice(lastSpan.end)) ? '%' : '';
  const span = fromRun(response, run, 'math-span');
  return span === undefined ? undefined : { ...span, answer: `${span.answer}${percent}` };
}

export function describeMethod(method: ExtractionMethod): string {
  switch (method) {
    case 'boxed':
      return 'the last \\boxed{}';
    case 'answer-line':
      return 'the "Answer:" line';
    case 'math-span':
      return 'the last LaTeX math in the response (no \\boxed{} or "Answer:" line)';
    case 'bare-number':
      return 'the last number standing alone in the text (no \\boxed{}, "Answer:" line or later LaTeX math)';
  }
}
