/**
 * Exact rational numbers over BigInt, with a float fallback: the value of a math expression is a
 * `Rational` while every step stays exact (integers, decimals, fractions, integer powers, perfect
 * roots, factorials) and a plain `number` once anything irrational enters (pi, sqrt 2, sin...).
 */
export interface Rational {
  readonly n: bigint;
  /** Always > 0; the fraction is in lowest terms. */
  readonly d: bigint;
}

export type MathValue = Rational | number;

/** Integers with more digits than this are not kept exact (a guard against 10^10^10). */
const MAX_DIGITS = 4000;

export function isRational(v: MathValue): v is Rational {
  return typeof v !== 'number';
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** Parses "12", "-3.25", ".5", "1e3" (exactly). Undefined for anything else. */
export function parseDecimal(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (m === null || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let n = BigInt(`${m[2] || '0'}${frac}`);
  let d = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? '0');
  if (Math.abs(exp) > MAX_DIGITS) return undefined;
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return rational(m[1] === '-' ? -n : n, d);
}

export function toNumber(v: MathValue): number {
  if (typeof v === 'number') return v;
  const n = Number(v.n);
  const d = Number(v.d);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Very large numerator/denominator: scale down through the decimal exponent.
  const shift = Math.max(v.n.toString().length, v.d.toString().length) - 300;
  const scale = 10n ** BigInt(Math.max(0, shift));
  return Number(v.n / scale) / Number(v.d / scale);
}

export function isInteger(v: MathValue): boolean {
  return isRational(v) ? v.d === 1n : Number.isInteger(v);
}

function tooBig(r: Rational): boolean {
  return r.n.toString().length > MAX_DIGITS || r.d.toString().length > MAX_DIGITS;
}

export function add(a: MathValue, b: MathValue): MathValue {
  if (isRational(a) && isRational(b)) return rational(a.n * b.d + b.n * a.d, a.d * b.d);
  return toNumber(a) + toNumber(b);
}

export function neg(a: MathValue): MathValue {
  return isRational(a) ? { n: -a.n, d: a.d } : -a;
}

export function sub(a: MathValue, b: MathValue): MathValue {
  return add(a, neg(b));
}

export function mul(a: MathValue, b: MathValue): MathValue {
  if (isRational(a) && isRational(b)) {
    const r = rational(a.n * b.n, a.d * b.d);
    return tooBig(r) ? toNumber(a) * toNumber(b) : r;
  }
  return toNumber(a) * toNumber(b);
}

export function div(a: MathValue, b: MathValue): MathValue {
  if (isRational(a) && isRational(b)) {
    if (b.n === 0n) return Number.NaN;
    return rational(a.n * b.d, a.d * b.n);
  }
  return toNumber(a) / toNumber(b);
}

/** Integer k-th root of a non-negative BigInt when exact, else undefined. */
function exactRoot(x: bigint, k: bigint): bigint | undefined {
  if (x < 0n) return undefined;
  if (x < 2n) return x;
  const approx = BigInt(Math.round(toNumber({ n: x, d: 1n }) ** (1 / Number(k))));
  for (const c of [approx - 1n, approx, approx + 1n]) if (c >= 0n && c ** k === x) return c;
  return undefined;
}

export function pow(a: MathValue, b: MathValue): MathValue {
  if (isRational(a) && isRational(b)) {
    const exp = b.n;
    const bits = a.n === 0n ? 0 : Math.max(a.n.toString().length, a.d.toString().length);
    if (b.d === 1n && (exp < 0n ? -exp : exp) * BigInt(bits) <= BigInt(MAX_DIGITS)) {
      if (exp >= 0n) return rational(a.n ** exp, a.d ** exp);
      if (a.n === 0n) return Number.NaN;
      return rational(a.d ** -exp, a.n ** -exp);
    }
    // Rational exponent p/q: exact when the q-th roots are exact (e.g. 8^(2/3), (9/4)^(1/2)).
    if (b.d > 1n && b.d <= 12n && a.n >= 0n) {
      const rn = exactRoot(a.n, b.d);
      const rd = exactRoot(a.d, b.d);
      if (rn !== undefined && rd !== undefined) return pow(rational(rn, rd), rational(b.n));
    }
  }
  return toNumber(a) ** toNumber(b);
}

export function sqrt(a: MathValue): MathValue {
  return pow(a, rational(1n, 2n));
}

export function factorial(a: MathValue): MathValue {
  if (!isRational(a) || a.d !== 1n || a.n < 0n) return Number.NaN;
  if (a.n > 1000n) return Number.POSITIVE_INFINITY;
  let r = 1n;
  for (let i = 2n; i <= a.n; i++) r *= i;
  return rational(r);
}

/** Relative tolerance for values that are not both exact: only float round-off, not approximations. */
export const FLOAT_TOLERANCE = 1e-9;

/** Exact comparison when both values are rational; otherwise within FLOAT_TOLERANCE (relative). */
export function valuesEqual(a: MathValue, b: MathValue, tolerance = FLOAT_TOLERANCE): boolean {
  if (isRational(a) && isRational(b)) return a.n === b.n && a.d === b.d;
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return false;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
  return Math.abs(x - y) <= tolerance * Math.max(1, Math.abs(x), Math.abs(y));
}

export function formatValue(v: MathValue): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
  return v.d === 1n ? v.n.toString() : `${v.n}/${v.d}`;
}
