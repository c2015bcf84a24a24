import type { AnswerType } from './generator.js';

const ANSWER_LINE = /^[ \t]*(?:\*\*)?(?:final answer|answer)(?:\*\*)?[ \t]*[:：][ \t]*(.*?)[ \t]*$/gim;
const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;
const FIRST_NUMBER = /-?\d[\d,]*(?:\.\d+)?/;
const LIST_ITEM = /-?\d+(?:\.\d+)?/g;
const WRAPPING = /^[\s"'`*]+|[\s"'`*.]+$/g;

/**
 * The answer a response gives: the text of its last `Answer: <value>` line; for numeric answers,
 * else the last number anywhere in the response. Undefined when there is neither (unparsable).
 */
export function extractAnswer(response: string, type: AnswerType): string | undefined {
  let found: string | undefined;
  ANSWER_LINE.lastIndex = 0;
  for (let m = ANSWER_LINE.exec(response); m !== null; m = ANSWER_LINE.exec(response)) {
    const value = (m[1] ?? '').replace(WRAPPING, '');
    if (value !== '') found = value;
  }
  if (found !== undefined || type !== 'number') return found;
  NUMBER.lastIndex = 0;
  let last: string | undefined;
  for (let m = NUMBER.exec(response); m !== null; m = NUMBER.exec(response)) last = m[0];
  return last;
}

function toNumber(text: string): number | undefined {
  const m = FIRST_NUMBER.exec(text);
  if (m === null) return undefined;
  const n = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

function numbersIn(text: string): number[] {
  return [...text.matchAll(LIST_ITEM)].map((m) => Number(m[0]));
}

/** Whether an extracted answer equals the reference under the task's answer type. */
export function answersMatch(reference: string, extracted: string, type: AnswerType): boolean {
  switch (type) {
    case 'number': {
      const a = toNumber(reference);
      const b = toNumber(extracted);
      return a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
    }
    case 'list': {
      const a = numbersIn(reference);
      const b = numbersIn(extracted);
      return a.length === b.length && a.every((x, i) => x === b[i]);
    }
    case 'text':
      return reference.replace(WRAPPING, '') === extracted.replace(WRAPPING, '');
  }
}
