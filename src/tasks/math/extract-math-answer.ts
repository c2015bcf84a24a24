import { matchingBrace } from './normalize-latex.js';

export type ExtractionMethod = 'boxed' | 'answer-line' | 'last-number';

export interface ExtractedAnswer {
  readonly answer: string;
  readonly method: ExtractionMethod;
}

/** Content of the last \boxed{...} or \fbox{...} (nested braces honoured; also "\boxed 5"). */
export function lastBoxed(text: string): string | undefined {
  let best: { at: number; content: string } | undefined;
  for (const name of ['\\boxed', '\\fbox']) {
    let at = text.lastIndexOf(name);
    while (at >= 0) {
      const after = at + name.length;
      let content: string | undefined;
      if (text[after] === '{') {
        const end = matchingBrace(text, after);
        if (end > after) content = text.slice(after + 1, end);
      } else {
        content = /^\s+([^\s$]+)/.exec(text.slice(after))?.[1];
      }
      if (content !== undefined) {
        if (best === undefined || at > best.at) best = { at, content: content.trim() };
        break;
      }
      at = text.lastIndexOf(name, at - 1);
    }
  }
  return best?.content;
}

const ANSWER_LINE = /(?:final\s+answer|answer)\s*(?:is|:|：|=)\s*[:：]?\s*(.+)$|^\s*#{4}\s*(.+)$/i;

/** The answer on the last "Final answer: ..." / "Answer: ..." / "The answer is ..." / "#### ..." line. */
export function answerLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').replace(/\*\*/g, '').replace(/__/g, '');
    const m = ANSWER_LINE.exec(line);
    const raw = m?.[1] ?? m?.[2];
    if (raw === undefined) continue;
    const cleaned = raw
      .trim()
      .replace(/^[:：]\s*/, '')
      .replace(/[.。]\s*$/, '')
      .trim();
    if (cleaned !== '') return cleaned;
  }
  return undefined;
}

const NUMBER = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?|-?\.\d+/g;

/** The last number in the text ("1,234", "-3.5", "7/8"). */
export function lastNumber(text: string): string | undefined {
  const matches = text.match(NUMBER);
  const last = matches?.[matches.length - 1];
  return last?.replace(/\s+/g, '');
}

/**
 * The final answer of a free-text math response, in this order: the last \boxed{}, the last
 * "Final answer:"/"Answer:" line, the last number. Undefined when there is none of these.
 */
export function extractMathAnswer(response: string): ExtractedAnswer | undefined {
  const boxed = lastBoxed(response);
  if (boxed !== undefined && boxed !== '') return { answer: boxed, method: 'boxed' };
  const line = answerLine(response);
  if (line !== undefined) return { answer: line, method: 'answer-line' };
  const number = lastNumber(response);
  if (number !== undefined) return { answer: number, method: 'last-number' };
  return undefined;
}

export function describeMethod(method: ExtractionMethod): string {
  switch (method) {
    case 'boxed':
      return 'the last \\boxed{}';
    case 'answer-line':
      return 'the "Answer:" line';
    case 'last-number':
      return 'the last number in the response (no \\boxed{} or "Answer:" line)';
  }
}
