import { matchingBrace } from './normalize-latex.js';

/** A piece of a response: where it starts and ends (end exclusive) and what it holds. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly content: string;
}

/** Every `\boxed{...}` / `\fbox{...}` (nested braces honoured; also `\boxed 5`), in text order. */
export function boxesOf(text: string): TextSpan[] {
  const boxes: TextSpan[] = [];
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const after = m.index + m[0].length;
    if (text[after] === '{') {
      const end = matchingBrace(text, after);
      if (end > after) {
        boxes.push({ start: m.index, end: end + 1, content: text.slice(after + 1, end).trim() });
        re.lastIndex = end + 1;
      }
    } else {
      const bare = /^\s+([^\s$]+)/.exec(text.slice(after));
      if (bare?.[1] !== undefined) {
        boxes.push({ start: m.index, end: after + bare[0].length, content: bare[1] });
      }
    }
  }
  return boxes;
}

/**
 * Every LaTeX math span, in text order: `$$...$$` and `\[...\]` (may cross lines), `$...$` and
 * `\(...\)` (one line). `\$` is a dollar sign, not a delimiter.
 */
export function mathSpansOf(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const open = /^(\$\$|\\\[|\\\(|\$)/.exec(rest)?.[1];
    if (open === undefined || (i > 0 && text[i - 1] === '\\')) {
      i++;
      continue;
    }
    const close = open === '$$' ? '$$' : open === '\\[' ? '\\]' : open === '\\(' ? '\\)' : '$';
    const end = closingDelimiter(text, i + open.length, close, open === '$' || open === '\\(');
    if (end < 0) {
      i += open.length;
      continue;
    }
    spans.push({ start: i, end: end + close.length, content: text.slice(i + open.length, end).trim() });
    i = end + close.length;
  }
  return spans;
}

function closingDelimiter(text: string, from: number, close: string, oneLine: boolean): number {
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (oneLine && ch === '\n') return -1;
    if (ch === '\\' && close === '$') {
      j++;
      continue;
    }
    if (text.startsWith(close, j) && (close !== '$' || text[j - 1] !== '\\')) {
      return close === '$' && j === from ? -1 : j;
    }
  }
  return -1;
}

/**
 * The last run of spans that together make one list answer: consecutive spans separated only by
 * commas, "and"/"or", spacing, `\quad` or math delimiters ("\boxed{-2} and \boxed{1}").
 */
export function lastRun(text: string, spans: readonly TextSpan[]): TextSpan[] {
  const run: TextSpan[] = [];
  for (let k = spans.length - 1; k >= 0; k--) {
    const span = spans[k];
    if (span === undefined) break;
    const next = run[0];
    if (next !== undefined && !isListGap(text.slice(span.end, next.start))) break;
    run.unshift(span);
  }
  return run;
}

function isListGap(gap: string): boolean {
  const rest = gap
    .replace(/\\text\{\s*(?:and|or|,)?\s*\}/g, ' ')
    .replace(/\\q?quad(?![a-zA-Z])|\\[[\]()]|\$/g, ' ')
    .replace(/\b(?:and|or)\b/g, ' ')
    .replace(/[\s,;]/g, '');
  return rest === '';
}
