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
  /** `bare`: a list written without braces ("1, 2", "3 and 5"), which a tuple compares in order. */
  | { readonly kind: 'set'; readonly items: readonly AnswerShape[]; readonly bare?: boolean }
  | { readonly kind: 'matrix'; readonly rows: readonly (readonly AnswerShape[])[] }
  | { readonly kind: 'equation'; readonly sides: readonly string[] }
  /** `x = 5`, `(p,q) = (3,2)`, `V_1:V_2 = 11:21`: a name (or names) given a value. */
  | {
      readonly kind: 'labelled';
      readonly label: string;
      readonly valueText: string;
      readonly value: AnswerShape;
    }
  /** An inequality or a chain of them (`x \le 5`, `-2 < x \le 7`); `ops[i]` sits between sides i and i+1. */
  | { readonly kind: 'relation'; readonly sides: readonly string[]; readonly ops: readonly RelationOp[] };

export type RelationOp = '<' | '>' | 'le' | 'ge' | 'ne';

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * Splits at `separator` where no bracket of any kind is open. `\{`/`\}` count as brackets. A RegExp
 * separator is tried at every top-level position (it should not be global).
 */
export function splitTopLevel(text: string, separator: string | RegExp): string[] {
  const parts: string[] = [];
  const sticky = typeof separator === 'string' ? undefined : new RegExp(separator.source, 'y');
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (depth === 0 && sticky !== undefined) {
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m !== null && m[0].length > 0) {
        parts.push(text.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
        continue;
      }
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '{') depth++;
      else if (next === '}') depth--;
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

/** A name an answer can be given to: `x`, `a_{37}`, `\theta`, `f(x)`, `(p, q)`, `V_1:V_2`. */
const NAME = String.raw`(?:[a-zA-Z](?:_\{?\w+\}?)?|\\[a-zA-Z]+(?:_\{?\w+\}?)?)`;
const LABEL = new RegExp(
  String.raw`^(?:${NAME}(?:\(\s*[a-zA-Z]\s*\))?|\(\s*${NAME}(?:\s*,\s*${NAME})+\s*\)|${NAME}(?:\s*:\s*${NAME})+)$`,
);

/** Whether `text` names what the answer is (`x`, `(p,q)`), rather than being a value. */
export function isLabel(text: string): boolean {
  const t = text.trim();
  return LABEL.test(t) && !/^\\(?:pi|infty|frac|sqrt)\b/.test(t);
}

const RELATION = /\s*(?:\\le|\\ge|\\ne|<|>)(?![a-zA-Z])\s*/;
const LIST_SEPARATOR = /\s*(?:,\s*(?:and|or)\s+|;|,|\s(?:and|or)\s)\s*/;

function relationOp(token: string): RelationOp {
  const t = token.trim();
  if (t === '\\le') return 'le';
  if (t === '\\ge') return 'ge';
  if (t === '\\ne') return 'ne';
  return t === '<' ? '<' : '>';
}

/** Sides and operators of a top-level relation chain, or undefined when there is none. */
function relationShape(s: string): AnswerShape | undefined {
  const ops: RelationOp[] = [];
  const sticky = new RegExp(RELATION.source, 'y');
  const sides: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (depth === 0) {
      sticky.lastIndex = i;
      const m = sticky.exec(s);
      if (m !== null && /[<>]|\\[lgn]e/.test(m[0])) {
        sides.push(s.slice(start, i).trim());
        ops.push(relationOp(m[0]));
        i += m[0].length - 1;
        start = i + 1;
        continue;
      }
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth--;
  }
  if (ops.length === 0) return undefined;
  sides.push(s.slice(start).trim());
  return sides.every((x) => x !== '') ? { kind: 'relation', sides, ops } : undefined;
}

/** `x = v` / `x = a = b = v` with a name on the left: the name and the last value. */
function labelledShape(sides: readonly string[]): AnswerShape | undefined {
  const first = sides[0] ?? '';
  const last = sides[sides.length - 1] ?? '';
  if (isLabel(first))
    return { kind: 'labelled', label: first, valueText: last, value: parseAnswerShape(last) };
  // A chain of equalities ("1 = y = x = 0") ends with its value.
  if (sides.length > 2) return parseAnswerShape(last);
  return undefined;
}

export function parseAnswerShape(text: string): AnswerShape {
  let s = text.trim();
  const matrix = matrixShape(s);
  if (matrix !== undefined) return matrix;
  // "[\begin{array}...\end{array}]": brackets drawn around a matrix.
  const wrapped = /^[[(](\\begin\{.*\\end\{[a-zA-Z]+\})[\])]$/s.exec(s)?.[1];
  if (wrapped !== undefined && matrixShape(wrapped) !== undefined) return parseAnswerShape(wrapped);
  // "x = 1/3 \approx 0.33": the exact value before the approximation; "x \approx 11" alone: 11.
  const approx = splitTopLevel(s, /\s*\\approx(?![a-zA-Z])\s*/);
  if (approx.length > 1) {
    s = splitTopLevel(approx[0] ?? '', '=').length > 1 ? (approx[0] ?? '') : approx.join(' = ');
  }
  const sides = splitTopLevel(s, '=');
  if (sides.length > 1 && sides.every((p) => p !== '')) {
    const firstRest = sides.slice(1).join('=');
    if (
      isLabel(sides[0] ?? '') &&
      splitTopLevel(firstRest, LIST_SEPARATOR).length > 1 &&
      sides.length === 2
    ) {
      return {
        kind: 'labelled',
        label: sides[0] ?? '',
        valueText: firstRest,
        value: parseAnswerShape(firstRest),
      };
    }
  }
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
  const list = splitTopLevel(s, LIST_SEPARATOR);
  if (list.length > 1 && list.every((p) => p !== ''))
    return { kind: 'set', items: list.map(parseAnswerShape), bare: true };
  if (sides.length > 1 && sides.every((p) => p !== '')) {
    return labelledShape(sides) ?? { kind: 'equation', sides };
  }
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
  const relation = relationShape(s);
  if (relation !== undefined) return relation;
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
    case 'labelled':
      return `${shape.label} = ${shapeToText(shape.value)}`;
    case 'relation':
      return shape.sides
        .map((side, i) => (i === 0 ? side : ` ${RELATION_TEXT[shape.ops[i - 1] ?? '<']} ${side}`))
        .join('');
  }
}

const RELATION_TEXT: Readonly<Record<RelationOp, string>> = {
  '<': '<',
  '>': '>',
  le: '\\le',
  ge: '\\ge',
  ne: '\\ne',
};
