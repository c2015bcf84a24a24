/**
 * Readers over stored JSON (`unknown`): run results and artifacts are written by other commands and may
 * come from older or newer versions, so every field is optional and checked at the point of use.
 */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of object keys, or undefined when any step is missing or not an object. */
export function at(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function rec(value: unknown): JsonRecord | undefined {
  return isRecord(value) ? value : undefined;
}

/** A finite number, else undefined (stored NaN/Infinity read back as null). */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return list(value).filter((x): x is string => typeof x === 'string');
}

/** Numbers of an array, keeping positions: a non-number becomes undefined. */
export function numbers(value: unknown): Array<number | undefined> {
  return list(value).map(num);
}

/** The first of several keys that holds a value accepted by `read`. */
export function firstOf<T>(
  value: unknown,
  keys: readonly string[],
  read: (v: unknown) => T | undefined,
): T | undefined {
  for (const key of keys) {
    const found = read(at(value, key));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A point estimate with an optional interval. */
export interface Estimate {
  readonly mean: number;
  readonly low?: number;
  readonly high?: number;
  readonly n?: number;
  /** Two-sided p-value, for differences. */
  readonly p?: number;
}

/** Reads `{mean, low, high, n, p}` (or `{estimate, ...}`, `{value, ...}`), or a bare number. */
export function estimate(value: unknown): Estimate | undefined {
  const bare = num(value);
  if (bare !== undefined) return { mean: bare };
  if (!isRecord(value)) return undefined;
  const mean = num(value.mean) ?? num(value.estimate) ?? num(value.value);
  if (mean === undefined) return undefined;
  const low = num(value.low) ?? num(value.lower);
  const high = num(value.high) ?? num(value.upper);
  const n = num(value.n);
  const p = num(value.p) ?? num(value.pValue);
  return {
    mean,
    ...(low === undefined ? {} : { low }),
    ...(high === undefined ? {} : { high }),
    ...(n === undefined ? {} : { n }),
    ...(p === undefined ? {} : { p }),
  };
}
