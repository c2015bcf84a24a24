import type { CandidateRecord } from '../store/records.js';
import { at, estimate, firstOf, isRecord, list, num, str } from './json-value.js';
import type { CompareRow, CompareView } from './report-model.js';

const ROW_LISTS = ['table', 'rows', 'methods', 'results', 'summary'] as const;

function tokensOf(value: unknown): number | undefined {
  const total = num(value);
  if (total !== undefined) return total;
  if (!isRecord(value)) return undefined;
  const input = num(value.input) ?? num(value.inputTokens);
  const output = num(value.output) ?? num(value.outputTokens);
  const sum =
    num(value.total) ??
    (input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0));
  return sum;
}

function wallMsOf(row: unknown): number | undefined {
  const ms = firstOf(row, ['wallMs', 'wallTimeMs', 'wall_ms'], num);
  if (ms !== undefined) return ms;
  const seconds = firstOf(row, ['wallSeconds', 'wallTimeSeconds', 'seconds'], num);
  return seconds === undefined ? undefined : seconds * 1000;
}

function compareRow(row: unknown): CompareRow | undefined {
  const method = firstOf(row, ['method', 'name', 'label'], str);
  if (method === undefined) return undefined;
  const seedsValue = at(row, 'seeds');
  return {
    method,
    seeds: Array.isArray(seedsValue) ? seedsValue.length : num(seedsValue),
    accuracy: firstOf(row, ['accuracy', 'test', 'testAccuracy', 'score'], estimate),
    difference: firstOf(row, ['difference', 'vsManual', 'diffVsManual', 'paired', 'delta'], estimate),
    rollouts: firstOf(row, ['rollouts', 'taskRollouts'], num),
    optimizerCalls: firstOf(row, ['optimizerCalls', 'proposalCalls', 'agentCalls'], num),
    tokens: firstOf(row, ['tokens', 'totalTokens'], tokensOf),
    usd: firstOf(row, ['usd', 'costUsd', 'cost'], num),
    wallMs: wallMsOf(row),
  };
}

/**
 * The comparison table of a `compare` run from its stored result: the first list of per-method rows
 * found (`table`, `rows`, `methods`, ...), each read through common field names; undefined when none.
 */
export function buildCompareView(inner: unknown): CompareView | undefined {
  for (const key of ROW_LISTS) {
    const rows = list(at(inner, key))
      .map(compareRow)
      .filter((r): r is CompareRow => r !== undefined);
    if (rows.length > 0) {
      return { rows, baseline: firstOf(inner, ['baseline', 'reference'], str) ?? 'manual' };
    }
  }
  return undefined;
}

/**
 * The run (method and seed) a compare candidate belongs to: `meta.method`/`meta.seed` when stored,
 * else parsed from an id prefixed by method and seed (`gepa/s1/t3`, `gepa:1:t3`, `gepa-s1-t3`).
 */
export function compareGroupOf(candidates: readonly CandidateRecord[]): (id: string) => string {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return (id) => {
    const meta = byId.get(id)?.meta;
    const method = str(meta?.method);
    if (method !== undefined) {
      const seed = num(meta?.seed) ?? str(meta?.seed);
      return seed === undefined ? method : `${method} s${seed}`;
    }
    const parsed = /^(.+?)[/:|]s?(\d+)[/:|-]/.exec(id) ?? /^(.+?)[-_.]s(\d+)[-_./:]/.exec(id);
    if (parsed !== null) return `${parsed[1]} s${parsed[2]}`;
    const cut = Math.max(id.lastIndexOf('/'), id.lastIndexOf(':'));
    return cut > 0 ? id.slice(0, cut) : '';
  };
}
