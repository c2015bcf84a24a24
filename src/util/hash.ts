import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal values always serialise to equal strings. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Hex SHA-256 of a string (or of the stable serialisation of a value). */
export function sha256(input: string): string {
  return createHash('sha256').update(input).digest('hex');
}

export function hashValue(value: unknown): string {
  return sha256(stableStringify(value));
}

/** A 32-bit unsigned integer derived from any values: for seeding per-call random streams. */
export function seed32(...parts: readonly unknown[]): number {
  const hex = sha256(stableStringify(parts));
  return Number.parseInt(hex.slice(0, 8), 16) >>> 0;
}
