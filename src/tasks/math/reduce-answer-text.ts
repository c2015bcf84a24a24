import { boxesOf, mathSpansOf } from './latex-spans.js';

/** Index of the first sentence end (". ", "! ", "? " or a final ".") outside math, else -1. */
function sentenceEnd(text: string): number {
  const inside = new Array<boolean>(text.length).fill(false);
  for (const span of [...mathSpansOf(text), ...boxesOf(text)]) inside.fill(true, span.start, span.end);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (inside[i] || !'.!?'.includes(ch)) continue;
    const next = text[i + 1];
    if (next === undefined || /\s/.test(next)) {
      // "16386.16." ends at the last dot; "3." after a number ends the sentence too.
      return i;
    }
  }
  return -1;
}

/** Text with math spans blanked, to look for prose words at their own offsets. */
function prose(text: string): string {
  let out = text;
  for (const span of [...mathSpansOf(text), ...boxesOf(text)]) {
    out = out.slice(0, span.start) + ' '.repeat(span.end - span.start) + out.slice(span.end);
  }
  return out;
}

const STANDALONE_NUMBER =
  /(?<=^|[\s=(:$])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\/\d+)?)(?![\d^_{]|[.,/]\d)(?:\s*(?:%|percent\b|pct\b))?/g;

/**
 * The answer an "Answer:" statement gives, from the text after its anchor: the first sentence
 * (without "I hope it is correct."), what follows its last "is"/"are" outside math, then the math
 * span(s) it consists of, or the one number in its prose. Undefined when nothing is left.
 */
export function reduceAnswerText(raw: string): string | undefined {
  let text = raw.replace(/\bI hope\b[\s\S]*$/i, '');
  const end = sentenceEnd(text);
  if (end >= 0) text = text.slice(0, end);
  const outside = prose(text);
  const verbs = [...outside.matchAll(/\s(?:is|are|equals)\s/gi)];
  const verb = verbs.at(-1);
  if (verb !== undefined) text = text.slice(verb.index + verb[0].length);
  text = text
    .trim()
    .replace(/^["“'`]+|["”'`]+$/g, '')
    .replace(/[.,;:]\s*$/, '')
    .trim();
  if (text === '') return undefined;
  const spans = mathSpansOf(text);
  if (spans.length > 0) {
    const rest = prose(text)
      .replace(/\b(?:and|or)\b/g, '')
      .replace(/[\s,;.]/g, '');
    if (rest === '' || /^(?:\\?%|percent|pct)$/.test(rest)) {
      const joined = spans.map((s) => s.content).join(', ');
      return rest === '' ? joined : `${joined}%`;
    }
  }
  // Prose around one number ("Jane started growing Sphere 3 hours ago"): the number.
  const plain = prose(text);
  if (/[a-zA-Z]{3,}/.test(plain.replace(/\\[a-zA-Z]+/g, ''))) {
    const numbers = [...plain.matchAll(STANDALONE_NUMBER)];
    if (numbers.length === 1 && spans.length === 0) return numbers[0]?.[0].trim();
    if (spans.length > 0) return spans.at(-1)?.content;
  }
  return text;
}
