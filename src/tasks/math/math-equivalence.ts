import {
  type AnswerShape,
  isLabel,
  parseAnswerShape,
  type RelationOp,
  shapeToText,
} from './answer-structure.js';
import { evaluateMath } from './math-evaluate.js';
import { type MathNode, parseMath, variablesOf } from './math-parser.js';
import { normalizeLatex } from './normalize-latex.js';
import { div, formatValue, isRational, type MathValue, rational, toNumber, valuesEqual } from './rational.js';

/** Whether two answers are mathematically the same, and a short reason the prompt agent can read. */
export interface MathVerdict {
  readonly equal: boolean;
  readonly reason: string;
  /** The two answers after LaTeX normalisation: what was actually compared. */
  readonly forms?: { readonly predicted: string; readonly reference: string };
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
  const forms = { predicted: p, reference: r };
  if (p === '') return { equal: false, reason: 'the answer is empty', forms };
  if (canonical(p) === canonical(r)) return { equal: true, reason: 'same answer', forms };
  return { ...shapesEqual(parseAnswerShape(p), parseAnswerShape(r)), forms };
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
  // A named value ("x = 5", "(p,q) = (3,2)") against a bare value: the values are compared; against
  // another named value: the names must agree too, else both are read as equations.
  if (p.kind === 'labelled' || r.kind === 'labelled') return labelledEqual(p, r);
  if (p.kind === 'relation' || r.kind === 'relation') return relationsEqual(p, r);
  // "x = 5" against "5" (either way round): compare the right-hand side.
  if (r.kind === 'equation' && p.kind !== 'equation') {
    const rhs = assignedValue(r);
    return rhs === undefined
      ? { equal: false, reason: `expected an equation (${shapeToText(r)})` }
      : shapesEqual(p, parseAnswerShape(rhs));
  }
  if (p.kind === 'equation' && r.kind !== 'equation') {
    // "\frac12 = \frac{10}{9}" written as the last step of a computation states its last side.
    const constantLeft =
      p.sides.length === 2 && !/[a-zA-Z]/.test((p.sides[0] ?? '').replace(/\\[a-zA-Z]+/g, ''));
    const rhs = assignedValue(p) ?? (constantLeft ? p.sides[1] : undefined);
    return rhs === undefined
      ? { equal: false, reason: `got an equation where a value was expected` }
      : shapesEqual(parseAnswerShape(rhs), r);
  }
  if (p.kind === 'set' && p.items.length === 1 && r.kind !== 'set') return shapesEqual(p.items[0] ?? p, r);
  if (r.kind === 'set' && r.items.length === 1 && p.kind !== 'set') return shapesEqual(p, r.items[0] ?? r);
  // A tuple against a bare list ("(1, 3)" vs "1, 3"): the same values in the same order.
  if (p.kind === 'seq' && r.kind === 'set' && r.bare === true && p.open === '(')
    return itemsInOrder(p.items, r.items);
  if (r.kind === 'seq' && p.kind === 'set' && p.bare === true && r.open === '(')
    return itemsInOrder(p.items, r.items);
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

function labelledEqual(p: AnswerShape, r: AnswerShape): MathVerdict {
  if (p.kind === 'labelled' && r.kind === 'labelled') {
    if (canonical(p.label) === canonical(r.label)) return shapesEqual(p.value, r.value);
    return equationsEqual([p.label, p.valueText], [r.label, r.valueText]);
  }
  if (p.kind === 'labelled') {
    return r.kind === 'equation' ? equationsEqual([p.label, p.valueText], r.sides) : shapesEqual(p.value, r);
  }
  if (r.kind === 'labelled') {
    return p.kind === 'equation' ? equationsEqual(p.sides, [r.label, r.valueText]) : shapesEqual(p, r.value);
  }
  return shapesEqual(p, r);
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
    case 'labelled':
      return `a value of ${shape.label}`;
    case 'relation':
      return 'an inequality';
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
  if (roundedEqual(p, pNode, r, rNode)) return { equal: true, reason: 'equal to 6 decimal places' };
  return { equal: false, reason: differenceReason(pNode, rNode) };
}

/** A decimal written to 6 or more places ("0.0833333") for a value: equal when both round alike there. */
const LONG_DECIMAL = /^[-+]?\d*\.\d{6,}$/;

function roundedEqual(p: string, pNode: MathNode, r: string, rNode: MathNode): boolean {
  if (!LONG_DECIMAL.test(p.trim()) && !LONG_DECIMAL.test(r.trim())) return false;
  const x = evaluateAt(pNode, new Map());
  const y = evaluateAt(rNode, new Map());
  if (x === undefined || y === undefined) return false;
  const round = (v: MathValue) => Math.round(toNumber(v) * 1e6);
  return Number.isFinite(toNumber(x)) && round(x) === round(y);
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

/**
 * Whether f and g are constant multiples of each other (f = c·g at every sample point): 'positive' or
 * 'negative' for the sign of c, undefined when they are not (or cannot be evaluated).
 */
function proportionality(f: MathNode, g: MathNode): 'positive' | 'negative' | undefined {
  const vars = [...new Set([...variablesOf(f), ...variablesOf(g)])].sort();
  let ratio: MathValue | undefined;
  let checked = 0;
  for (let k = 0; k < SAMPLES.length; k++) {
    const env = sampleEnv(vars, k);
    const x = evaluateAt(f, env);
    const y = evaluateAt(g, env);
    if (x === undefined || y === undefined) continue;
    const yZero = toNumber(y) === 0;
    if (yZero !== (toNumber(x) === 0)) return undefined;
    checked++;
    if (yZero) continue;
    const q = div(x, y);
    if (ratio === undefined) ratio = q;
    else if (!valuesEqual(q, ratio, 1e-8)) return undefined;
  }
  if (checked < 3 || ratio === undefined) return undefined;
  const c = toNumber(ratio);
  return c > 0 ? 'positive' : c < 0 ? 'negative' : undefined;
}

function difference(lhs: string, rhs: string): MathNode | undefined {
  const l = parse(lhs);
  const r = parse(rhs);
  return l === undefined || r === undefined ? undefined : { type: 'bin', op: '-', left: l, right: r };
}

/** Two equations are equivalent when lhs - rhs of one is a non-zero constant multiple of the other's. */
function equationsEqual(p: readonly string[], r: readonly string[]): MathVerdict {
  if (p.length !== 2 || r.length !== 2) return itemsInOrder(p.map(scalar), r.map(scalar));
  const f = difference(p[0] ?? '', p[1] ?? '');
  const g = difference(r[0] ?? '', r[1] ?? '');
  if (f === undefined || g === undefined) return { equal: false, reason: 'could not read the equation' };
  return proportionality(f, g) !== undefined
    ? { equal: true, reason: 'equivalent equations' }
    : { equal: false, reason: 'different equations' };
}

type Relation = Extract<AnswerShape, { kind: 'relation' }>;

/** `a op b` as `f op' 0` with op' one of <, \le, \ne (a > b is b - a < 0). */
function oneSided(rel: Relation): { f: MathNode; op: '<' | 'le' | 'ne' } | undefined {
  const [a, b] = rel.sides;
  const op = rel.ops[0];
  if (a === undefined || b === undefined || op === undefined || rel.sides.length !== 2) return undefined;
  const flipped = op === '>' || op === 'ge';
  const f = flipped ? difference(b, a) : difference(a, b);
  if (f === undefined) return undefined;
  return { f, op: op === '>' ? '<' : op === 'ge' ? 'le' : op };
}

function isVariable(text: string): boolean {
  return isLabel(text) && !/[(:,]/.test(text);
}

/** An inequality in one variable as the interval it states ("x \le 5" is (-\infty, 5]), else undefined. */
function relationInterval(rel: Relation): AnswerShape | undefined {
  const { sides, ops } = rel;
  const seq = (lo: string, hi: string, closedLo: boolean, closedHi: boolean): AnswerShape => ({
    kind: 'seq',
    open: closedLo ? '[' : '(',
    close: closedHi ? ']' : ')',
    items: [parseAnswerShape(lo), parseAnswerShape(hi)],
  });
  if (ops.includes('ne')) return undefined;
  if (sides.length === 2) {
    let [a, b] = sides as [string, string];
    let op = ops[0] ?? '<';
    if (!isVariable(a) && isVariable(b)) {
      [a, b] = [b, a];
      op = op === '<' ? '>' : op === '>' ? '<' : op === 'le' ? 'ge' : 'le';
    }
    if (!isVariable(a) || isVariable(b)) return undefined;
    if (op === '<' || op === 'le') return seq('-\\infty', b, false, op === 'le');
    return seq(b, '\\infty', op === 'ge', false);
  }
  const [lo, x, hi] = sides;
  const [op1, op2] = ops;
  if (sides.length !== 3 || lo === undefined || x === undefined || hi === undefined || !isVariable(x))
    return undefined;
  const up = (o: RelationOp | undefined) => o === '<' || o === 'le';
  const down = (o: RelationOp | undefined) => o === '>' || o === 'ge';
  if (up(op1) && up(op2)) return seq(lo, hi, op1 === 'le', op2 === 'le');
  if (down(op1) && down(op2)) return seq(hi, lo, op2 === 'ge', op1 === 'ge');
  return undefined;
}

/**
 * Inequalities: the same relation after moving everything to one side and scaling by a positive
 * constant ("x \le 5" ~ "5 \ge x" ~ "-x \ge -5"); a one-variable inequality also equals the interval it
 * states ("-2 \le x \le 7" ~ "[-2, 7]"), whichever side writes which.
 */
function relationsEqual(p: AnswerShape, r: AnswerShape): MathVerdict {
  if (p.kind === 'relation' && r.kind === 'relation') {
    const a = oneSided(p);
    const b = oneSided(r);
    if (a !== undefined && b !== undefined) {
      const k = proportionality(a.f, b.f);
      if (a.op === b.op && (a.op === 'ne' ? k !== undefined : k === 'positive'))
        return { equal: true, reason: 'equivalent inequalities' };
    }
    const pi = relationInterval(p);
    const ri = relationInterval(r);
    if (pi !== undefined && ri !== undefined && shapesEqual(pi, ri).equal)
      return { equal: true, reason: 'the same interval' };
    return { equal: false, reason: 'different inequalities' };
  }
  const rel = p.kind === 'relation' ? p : r.kind === 'relation' ? r : undefined;
  const interval = rel === undefined ? undefined : relationInterval(rel);
  if (interval === undefined || rel === undefined) {
    return { equal: false, reason: p.kind === 'relation' ? 'got an inequality' : 'expected an inequality' };
  }
  const v = p.kind === 'relation' ? shapesEqual(interval, r) : shapesEqual(p, interval);
  return v.equal ? { equal: true, reason: 'the inequality states the same interval' } : v;
}

function scalar(text: string): AnswerShape {
  return { kind: 'scalar', text };
}
