import { randomBytes } from 'node:crypto';

/** Four random lowercase hex digits: the suffix that separates runs started in the same second. */
export function randomRunSuffix(): string {
  return randomBytes(2).toString('hex');
}

/**
 * A run id `r<yyyymmdd>-<hhmmss>-<suffix>` from a UTC time in epoch milliseconds, e.g.
 * `r20261122-021530-ab12`. Ids sort by start time (to the second) and are safe in file names.
 */
export function formatRunId(epochMs: number, suffix: string): string {
  const d = new Date(epochMs);
  const p = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return `r${date}-${time}-${suffix}`;
}

export const RUN_ID_PATTERN = /^r\d{8}-\d{6}-[0-9a-z]+$/;
