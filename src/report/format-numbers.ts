import type { Estimate } from './json-value.js';

/** Human formats for report tables; undefined shows as an en dash. */
export const DASH = '–';

export function pct(x: number | undefined, digits = 1): string {
  return x === undefined || !Number.isFinite(x) ? DASH : `${(x * 100).toFixed(digits)}%`;
}

/** "62.5% [49.2%, 68.1%]" (the interval when known). */
export function pctInterval(e: Estimate | undefined): string {
  if (e === undefined) return DASH;
  if (e.low === undefined || e.high === undefined) return pct(e.mean);
  return `${pct(e.mean)} [${pct(e.low)}, ${pct(e.high)}]`;
}

/** Signed percentage points: "+3.0". */
export function points(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const v = x * 100;
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}`;
}

/** "+3.0 pts [−1.2, +7.1], p=0.12". */
export function pointsInterval(e: Estimate | undefined): string {
  if (e === undefined) return DASH;
  const interval =
    e.low === undefined || e.high === undefined ? '' : ` [${points(e.low)}, ${points(e.high)}]`;
  const p = e.p === undefined ? '' : `, p=${pValue(e.p)}`;
  return `${points(e.mean)} pts${interval}${p}`;
}

export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toPrecision(2);
}

/** A number with a few significant digits ("0.000123", "12.3", "1.23e-5"). */
export function sig(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

export function count(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

export function tokens(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return DASH;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

export function usd(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return 'unknown';
  if (x === 0) return '$0';
  return x < 1 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`;
}

export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = s / 60;
  if (m < 120) return `${m.toFixed(1)} min`;
  return `${(m / 60).toFixed(1)} h`;
}
