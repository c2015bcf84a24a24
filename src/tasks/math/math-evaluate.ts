import type { MathNode } from './math-parser.js';
import { MathParseError } from './math-tokens.js';
import {
  add,
  div,
  factorial,
  isRational,
  type MathValue,
  mul,
  neg,
  pow,
  rational,
  sqrt,
  sub,
  toNumber,
} from './rational.js';

const FLOAT_FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  cot: (x) => 1 / Math.tan(x),
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  ln: Math.log,
  exp: Math.exp,
};

/**
 * Evaluates an expression tree. Exact (rational) while possible, a float otherwise. Variables take
 * their values from `env`; an unbound variable is a MathParseError.
 */
export function evaluateMath(node: MathNode, env: ReadonlyMap<string, MathValue> = new Map()): MathValue {
  switch (node.type) {
    case 'num':
      return node.value;
    case 'const':
      return node.name === 'pi' ? Math.PI : Number.POSITIVE_INFINITY;
    case 'var': {
      const v = env.get(node.name);
      if (v === undefined) throw new MathParseError(`unbound variable ${node.name}`);
      return v;
    }
    case 'neg':
      return neg(evaluateMath(node.arg, env));
    case 'bin': {
      const a = evaluateMath(node.left, env);
      const b = evaluateMath(node.right, env);
      switch (node.op) {
        case '+':
          return add(a, b);
        case '-':
          return sub(a, b);
        case '*':
          return mul(a, b);
        case '/':
          return div(a, b);
        case '^':
          return pow(a, b);
      }
      break;
    }
    case 'call':
      return call(
        node.fn,
        node.args.map((a) => evaluateMath(a, env)),
      );
  }
  throw new MathParseError('unreachable');
}

function call(fn: string, args: readonly MathValue[]): MathValue {
  const [x, y] = args;
  if (x === undefined) throw new MathParseError(`${fn}: missing argument`);
  switch (fn) {
    case 'sqrt':
      return sqrt(x);
    case 'root':
      return y === undefined ? sqrt(x) : pow(x, div(rational(1n), y));
    case 'abs':
      return isRational(x) ? (x.n < 0n ? neg(x) : x) : Math.abs(x);
    case 'factorial':
      return factorial(x);
    case 'percent':
      return div(x, rational(100n));
    case 'binom':
      return binom(x, y);
    case 'log': {
      const base = y === undefined ? 10 : toNumber(y);
      return exactLog(x, y) ?? Math.log(toNumber(x)) / Math.log(base);
    }
    default: {
      const f = FLOAT_FUNCTIONS[fn];
      if (f === undefined) throw new MathParseError(`unknown function ${fn}`);
      if (fn === 'exp' && isRational(x) && x.n === 0n) return rational(1n);
      if ((fn === 'sin' || fn === 'tan' || fn === 'arcsin' || fn === 'arctan') && isRational(x) && x.n === 0n)
        return rational(0n);
      if ((fn === 'cos' || fn === 'ln') && isRational(x) && x.n === (fn === 'cos' ? 0n : 1n))
        return rational(fn === 'cos' ? 1n : 0n);
      return f(toNumber(x));
    }
  }
}

/** log_b(x) exactly when x is an integer power of an integer base (log_2 8 = 3). */
function exactLog(x: MathValue, base: MathValue | undefined): MathValue | undefined {
  const b = base ?? rational(10n);
  if (!isRational(x) || !isRational(b) || x.d !== 1n || b.d !== 1n || b.n < 2n || x.n < 1n) return undefined;
  let k = 0n;
  let v = x.n;
  while (v % b.n === 0n) {
    v /= b.n;
    k++;
  }
  return v === 1n ? rational(k) : undefined;
}

function binom(n: MathValue, k: MathValue | undefined): MathValue {
  if (k === undefined || !isRational(n) || !isRational(k) || n.d !== 1n || k.d !== 1n) return Number.NaN;
  if (k.n < 0n || k.n > n.n) return rational(0n);
  let r = 1n;
  for (let i = 1n; i <= k.n; i++) r = (r * (n.n - k.n + i)) / i;
  return rational(r);
}
