import { matchingBrace } from './normalize-latex.js';

/**
 * The shape of a (normalized) answer: a scalar, a tuple or interval (ordered, brackets matter), a
 * set (unordered: "\{1,2\}", a bare list "1, -2", "a \pm b", a union of intervals), a matrix or an
 * equation. Element-wise comparison works on this shape.
 */
export type AnswerShape =
  | { readonly kind: 'scalar'; readonly text: string }
  | {
      readonly kind: 'seq';
      readonly open: string;
      readonly close: string;
      readonly items: readonly AnswerShape[];
    }
  | { readonly kind: 'set'; readonly items: readonly AnswerShape[] }
  | { readonly kind: 'matrix'; readonly rows: readonly (readonly AnswerShape[])[] }
  | { readonly kind: 'equation'; readonly sides: readonly string[] };

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Splits at `separator` where no bracket of any kind is open. `\{`/`\}` count as brackets. */
export function splitTopLevel(text: string, separator: string | RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '{') depth++;
      else if (next === '}') depth--;
      if (depth === 0 && typeof separator !== 'string') {
        const m = separator.exec(text.slice(i));
        if (m !== null && m.index === 0) {
          parts.push(text.slice(start, i));
          i += m[0].length - 1;
          start = i + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth--;
    else if (depth === 0 && typeof separator === 'string' && ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** The bracket that closes the one at 0, treating ( and [ alike (so "(3,4]" is one group). */
function outerClose(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\\') {
      i++;
      continue;
    }
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function matrixShape(text: string): AnswerShape | undefined {
  const m = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$/s.exec(text);
  if (m?.[2] === undefined) return undefined;
  const rows = m[2]
    .split(/\\\\/)
    .map((r) => r.trim())
    .filter((r) => r !== '')
    .map((r) => r.split('&').map((c) => parseAnswerShape(c.trim())));
  return { kind: 'matrix', rows };
}

export function parseAnswerShape(text: string): AnswerShape {
  const s = text.trim();
  const matrix = matrixShape(s);
  if (matrix !== undefined) return matrix;
  const union = splitTopLevel(s, /\\cup(?![a-zA-Z])/);
  if (union.length > 1) return { kind: 'set', items: union.map(parseAnswerShape) };
  if (s.startsWith('\\{') && s.endsWith('\\}')) {
    const inner = s.slice(2, -2).trim();
    return { kind: 'set', items: inner === '' ? [] : splitTopLevel(inner, ',').map(parseAnswerShape) };
  }
  const first = s[0] ?? '';
  const last = s[s.length - 1] ?? '';
  if ((first === '(' || first === '[') && (last === ')' || last === ']') && outerClose(s) === s.length - 1) {
    const items = splitTopLevel(s.slice(1, -1), ',');
    if (items.length > 1)
      return { kind: 'seq', open: first, close: last, items: items.map(parseAnswerShape) };
  }
  const list = splitTopLevel(s, s.includes(',') ? ',' : ';');
  if (list.length > 1 && list.every((p) => p !== ''))
    return { kind: 'set', items: list.map(parseAnswerShape) };
  const pm = splitTopLevel(s, /\\(?:pm|mp)(?![a-zA-Z])/);
  if (pm.length === 2 && pm[1] !== '') {
    const a = pm[0] === '' ? '0' : (pm[0] ?? '0');
    const b = pm[1] ?? '0';
    return {
      kind: 'set',
      items: [
        { kind: 'scalar', text: `${a}+(${b})` },
        { kind: 'scalar', text: `${a}-(${b})` },
      ],
    };
  }
  const sides = splitTopLevel(s, '=');
  if (sides.length > 1 && sides.every((p) => p !== '')) return { kind: 'equation', sides };
  if (s.startsWith('{') && matchingBrace(s, 0) === s.length - 1) return parseAnswerShape(s.slice(1, -1));
  return { kind: 'scalar', text: s };
}

export function shapeToText(shape: AnswerShape): string {
  switch (shape.kind) {
    case 'scalar':
      return shape.text;
    case 'seq':
      return `${shape.open}${shape.items.map(shapeToText).join(', ')}${shape.close}`;
    case 'set':
      return `{${shape.items.map(shapeToText).join(', ')}}`;
    case 'matrix':
      return `[${shape.rows.map((r) => r.map(shapeToText).join(', ')).join('; ')}]`;
    case 'equation':
      return shape.sides.join(' = ');
  }
}
