import { type AnswerShape, parseAnswerShape, shapeToText } from './answer-structure.js';
import { evaluateMath } from './math-evaluate.js';
import { type MathNode, parseMath, variablesOf } from './math-parser.js';
import { normalizeLatex } from './normalize-latex.js';
import {
  div,
  formatValue,
  isRational,
  type MathValue,
  rational,
  sub,
  toNumber,
  valuesEqual,
} from './rational.js';

/** Whether two answers are mathematically the same, and a short reason the prompt agent can read. */
export interface MathVerdict {
  readonly equal: boolean;
  readonly reason: string;
}

/**
 * Compares a predicted answer with the reference: after LaTeX noise is removed, as text; then as
 * numbers (exact for rationals, float round-off only otherwise); expressions with variables by
 * evaluation at several exact sample points; tuples, intervals, sets, matrices element-wise; an
 * equation `x = v` against a bare `v`. A number appearing inside a longer answer never matches.
 */
export function mathEquivalent(predicted: string, reference: string): MathVerdict {
  const p = normalizeLatex(predicted);
  const r = normalizeLatex(reference);
  if (p === '') return { equal: false, reason: 'the answer is empty' };
  if (canonical(p) === canonical(r)) return { equal: true, reason: 'same answer' };
  return shapesEqual(parseAnswerShape(p), parseAnswerShape(r));
}

function canonical(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/_\{(\w+)\}/g, '_$1')
    .replace(/\{(\w)\}/g, '$1');
}

/** A word answer ("Evelyn", "even", "east"), compared as text rather than as a product of variables. */
function isWord(s: string): boolean {
  return /^[a-zA-Z]{2,}(?:\s+[a-zA-Z]+)*$/.test(s) && !/^(?:pi|infty)$/.test(s);
}

function textKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/\\text\{([^}]*)\}/g, '$1')
    .replace(/[\s\\{}]/g, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/\.$/, '');
}

function shapesEqual(p: AnswerShape, r: AnswerShape): MathVerdict {
  // "x = 5" against "5" (either way round): compare the right-hand side.
  if (r.kind === 'equation' && p.kind !== 'equation') {
    const rhs = assignedValue(r);
    return rhs === undefined
      ? { equal: false, reason: `expected an equation (${shapeToText(r)})` }
      : shapesEqual(p, parseAnswerShape(rhs));
  }
  if (p.kind === 'equation' && r.kind !== 'equation') {
    const rhs = assignedValue(p);
    return rhs === undefined
      ? { equal: false, reason: `got an equation where a value was expected` }
      : shapesEqual(parseAnswerShape(rhs), r);
  }
  if (p.kind === 'set' && p.items.length === 1 && r.kind !== 'set') return shapesEqual(p.items[0] ?? p, r);
  if (r.kind === 'set' && r.items.length === 1 && p.kind !== 'set') return shapesEqual(p, r.items[0] ?? r);
  if (p.kind !== r.kind) return { equal: false, reason: `expected ${describe(r)}, got ${describe(p)}` };
  switch (r.kind) {
    case 'scalar':
      return scalarsEqual((p as typeof r).text, r.text);
    case 'seq': {
      const q = p as typeof r;
      if (q.open !== r.open || q.close !== r.close)
        return { equal: false, reason: `brackets differ: ${q.open}${q.close} vs ${r.open}${r.close}` };
      return itemsInOrder(q.items, r.items);
    }
    case 'set':
      return itemsAnyOrder((p as typeof r).items, r.items);
    case 'matrix': {
      const q = p as typeof r;
      if (q.rows.length !== r.rows.length) return { equal: false, reason: 'matrix sizes differ' };
      for (let i = 0; i < r.rows.length; i++) {
        const v = itemsInOrder(q.rows[i] ?? [], r.rows[i] ?? []);
        if (!v.equal) return { equal: false, reason: `row ${i + 1}: ${v.reason}` };
      }
      return { equal: true, reason: 'matrices equal element-wise' };
    }
    case 'equation':
      return equationsEqual((p as typeof r).sides, r.sides);
  }
}

function describe(shape: AnswerShape): string {
  switch (shape.kind) {
    case 'scalar':
      return 'a single value';
    case 'seq':
      return `a ${shape.items.length}-tuple/interval`;
    case 'set':
      return `${shape.items.length} values`;
    case 'matrix':
      return 'a matrix';
    case 'equation':
      return 'an equation';
  }
}

/** The right-hand side of `x = v` (a single variable on the left), else undefined. */
function assignedValue(eq: Extract<AnswerShape, { kind: 'equation' }>): string | undefined {
  if (eq.sides.length !== 2) return undefined;
  const lhs = eq.sides[0] ?? '';
  return /^(?:[a-zA-Z](?:_\w+)?|\\[a-zA-Z]+|[a-zA-Z]\([a-z]\))$/.test(lhs.replace(/\s+/g, ''))
    ? eq.sides[1]
    : undefined;
}

function itemsInOrder(p: readonly AnswerShape[], r: readonly AnswerShape[]): MathVerdict {
  if (p.length !== r.length) return { equal: false, reason: `expected ${r.length} items, got ${p.length}` };
  for (let i = 0; i < r.length; i++) {
    const v = shapesEqual(p[i] ?? { kind: 'scalar', text: '' }, r[i] ?? { kind: 'scalar', text: '' });
    if (!v.equal) return { equal: false, reason: `item ${i + 1}: ${v.reason}` };
  }
  return { equal: true, reason: 'equal element-wise' };
}

function itemsAnyOrder(p: readonly AnswerShape[], r: readonly AnswerShape[]): MathVerdict {
  if (p.length !== r.length) return { equal: false, reason: `expected ${r.length} values, got ${p.length}` };
  const used = new Array<boolean>(p.length).fill(false);
  for (const want of r) {
    const at = p.findIndex((got, i) => !used[i] && shapesEqual(got, want).equal);
    if (at < 0) return { equal: false, reason: `no match for ${shapeToText(want)}` };
    used[at] = true;
  }
  return { equal: true, reason: 'same values (any order)' };
}

function parse(text: string): MathNode | undefined {
  try {
    return parseMath(text);
  } catch {
    return undefined;
  }
}

function scalarsEqual(p: string, r: string): MathVerdict {
  if (canonical(p) === canonical(r)) return { equal: true, reason: 'same answer' };
  const pNode = isWord(p) || isWord(r) ? undefined : parse(p);
  const rNode = pNode === undefined ? undefined : parse(r);
  if (pNode === undefined || rNode === undefined) {
    const equal = textKey(p) === textKey(r) && textKey(r) !== '';
    return { equal, reason: equal ? 'same text' : `"${p}" is not "${r}"` };
  }
  // A percentage also matches its value with the sign dropped: "25%" ~ "25" ~ "0.25".
  const variants = (text: string, node: MathNode): MathNode[] =>
    /%\s*$/.test(text) ? [node, parse(text.replace(/%\s*$/, '')) ?? node] : [node];
  for (const a of variants(p, pNode)) {
    for (const b of variants(r, rNode)) {
      if (nodesEqual(a, b)) return { equal: true, reason: 'equal values' };
    }
  }
  return { equal: false, reason: differenceReason(pNode, rNode) };
}

function differenceReason(p: MathNode, r: MathNode): string {
  try {
    if (variablesOf(p).size === 0 && variablesOf(r).size === 0) {
      return `different values: ${formatValue(evaluateMath(p))} vs ${formatValue(evaluateMath(r))}`;
    }
  } catch {
    // fall through
  }
  return 'different expressions';
}

/** Exact sample values for variables: polynomials in them then compare exactly. */
const SAMPLES: readonly (readonly [bigint, bigint])[] = [
  [3n, 7n],
  [11n, 5n],
  [2n, 9n],
  [17n, 13n],
  [5n, 3n],
  [23n, 19n],
];

function sampleEnv(vars: readonly string[], k: number): Map<string, MathValue> {
  const env = new Map<string, MathValue>();
  vars.forEach((name, j) => {
    const [n, d] = SAMPLES[(k + 2 * j) % SAMPLES.length] ?? [1n, 1n];
    env.set(name, rational(n + BigInt(j), d));
  });
  return env;
}

function evaluateAt(node: MathNode, env: Map<string, MathValue>): MathValue | undefined {
  try {
    const v = evaluateMath(node, env);
    return isRational(v) || Number.isFinite(v) || Math.abs(v) === Number.POSITIVE_INFINITY ? v : undefined;
  } catch {
    return undefined;
  }
}

function nodesEqual(a: MathNode, b: MathNode): boolean {
  const vars = [...new Set([...variablesOf(a), ...variablesOf(b)])].sort();
  if (vars.length === 0) {
    const x = evaluateAt(a, new Map());
    const y = evaluateAt(b, new Map());
    return x !== undefined && y !== undefined && valuesEqual(x, y);
  }
  let checked = 0;
  for (let k = 0; k < SAMPLES.length; k++) {
    const env = sampleEnv(vars, k);
    const x = evaluateAt(a, env);
    const y = evaluateAt(b, env);
    if (x === undefined || y === undefined) continue;
    if (!valuesEqual(x, y, 1e-8)) return false;
    checked++;
  }
  return checked >= 3;
}

/** Two equations are equivalent when lhs - rhs of one is a non-zero constant multiple of the other's. */
function equationsEqual(p: readonly string[], r: readonly string[]): MathVerdict {
  if (p.length !== 2 || r.length !== 2) return itemsInOrder(p.map(scalar), r.map(scalar));
  const [pl, pr] = p.map(parse);
  const [rl, rr] = r.map(parse);
  if (pl === undefined || pr === undefined || rl === undefined || rr === undefined) {
    return { equal: false, reason: 'could not read the equation' };
  }
  const f: MathNode = { type: 'bin', op: '-', left: pl, right: pr };
  const g: MathNode = { type: 'bin', op: '-', left: rl, right: rr };
  const vars = [...new Set([...variablesOf(f), ...variablesOf(g)])].sort();
  let ratio: MathValue | undefined;
  let checked = 0;
  for (let k = 0; k < SAMPLES.length; k++) {
    const env = sampleEnv(vars, k);
    const x = evaluateAt(f, env);
    const y = evaluateAt(g, env);
    if (x === undefined || y === undefined) continue;
    const yZero = toNumber(y) === 0;
    if (yZero !== (toNumber(x) === 0)) return { equal: false, reason: 'different equations' };
    checked++;
    if (yZero) continue;
    const q = div(x, y);
    if (ratio === undefined) ratio = q;
    else if (!valuesEqual(q, ratio, 1e-8)) return { equal: false, reason: 'different equations' };
  }
  const ok = checked >= 3 && (ratio === undefined || toNumber(sub(ratio, rational(0n))) !== 0);
  return ok
    ? { equal: true, reason: 'equivalent equations' }
    : { equal: false, reason: 'different equations' };
}

function scalar(text: string): AnswerShape {
  return { kind: 'scalar', text };
}
