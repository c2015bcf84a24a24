import type { CompareResult, CompareRow as StoredCompareRow } from '../run/compare-table.js';
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

/**
 * The difference with the reference: the interval and p over seeds when there is one (the seed is the
 * replicated unit of `compare`); with fewer than 3 seeds, the mean difference alone.
 */
function differenceOf(row: unknown): CompareRow['difference'] {
  const overSeeds = at(row, 'vsManual', 'overSeeds');
  if (overSeeds !== undefined) {
    if (at(overSeeds, 'ok') === true) return estimate(overSeeds);
    return estimate(num(at(row, 'vsManual', 'mean')));
  }
  return firstOf(row, ['difference', 'vsManual', 'diffVsManual', 'paired', 'delta'], estimate);
}

function compareRow(row: unknown): CompareRow | undefined {
  const method = firstOf(row, ['method', 'name', 'label'], str);
  if (method === undefined) return undefined;
  const seedsValue = at(row, 'seeds') ?? at(row, 'test', 'perSeed');
  return {
    method,
    seeds: Array.isArray(seedsValue) ? seedsValue.length : num(seedsValue),
    accuracy: firstOf(row, ['accuracy', 'test', 'testAccuracy', 'score'], estimate),
    difference: differenceOf(row),
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

/** A current compare result's table row as shown (numbers read tolerantly: a stored NaN is null). */
function currentCompareRow(row: StoredCompareRow): CompareRow {
  const vs = row.vsManual;
  const wallSeconds = num(row.wallSeconds);
  return {
    method: row.method,
    seeds: row.test.perSeed.length,
    accuracy: estimate(row.test),
    difference:
      vs === undefined ? undefined : vs.overSeeds.ok ? estimate(vs.overSeeds) : estimate(num(vs.mean)),
    rollouts: num(row.rollouts),
    optimizerCalls: num(row.optimizerCalls),
    tokens: num(row.tokens),
    usd: num(row.usd),
    wallMs: wallSeconds === undefined ? undefined : wallSeconds * 1000,
  };
}

/** The comparison table of a current compare result (against Manual-CoT); undefined when it has no rows. */
export function compareViewOf(result: CompareResult): CompareView | undefined {
  const rows = result.rows.map(currentCompareRow);
  return rows.length === 0 ? undefined : { rows, baseline: 'manual' };
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

/** The method of a compare group (`gepa s1` → `gepa`). */
export function methodOfGroup(group: string): string {
  return group.replace(/ s\d+$/, '');
}

export interface CompareRunRef {
  readonly method: string;
  readonly seed: number | string;
}

/** The runs of a compare result, in execution order (`runs[].method`, `runs[].seed`). */
export function compareRuns(inner: unknown): CompareRunRef[] {
  return list(at(inner, 'runs'))
    .map((r): CompareRunRef | undefined => {
      const method = str(at(r, 'method'));
      const seed = num(at(r, 'seed')) ?? str(at(r, 'seed'));
      return method === undefined || seed === undefined ? undefined : { method, seed };
    })
    .filter((r): r is CompareRunRef => r !== undefined);
}

/** The runs of a current compare result, in execution order. */
export function compareRunsOf(result: CompareResult): CompareRunRef[] {
  return result.runs.map((r) => ({ method: r.method, seed: r.seed }));
}

/**
 * Maps a compare run's rollouts to stored candidates. The runs execute one after another, each ending
 * with a test evaluation under its prefixed ids (`<method>.s<seed>.<id>`), while the optimization
 * itself records raw ids; so a raw id belongs to the first run whose test evaluation has not been seen.
 */
export function compareRolloutResolver(
  runs: readonly CompareRunRef[],
): (rollout: { readonly candidateId: string }) => { readonly candidateId: string; readonly group: string } {
  const prefixes = runs.map((r) => `${r.method}.s${r.seed}.`);
  const groups = runs.map((r) => `${r.method} s${r.seed}`);
  let current = 0;
  return ({ candidateId }) => {
    const index = prefixes.findIndex((p) => candidateId.startsWith(p));
    if (index >= 0) {
      current = Math.max(current, index + 1);
      return { candidateId, group: groups[index] ?? '' };
    }
    const k = Math.min(current, prefixes.length - 1);
    if (k < 0) return { candidateId, group: '' };
    return { candidateId: `${prefixes[k] ?? ''}${candidateId}`, group: groups[k] ?? '' };
  };
}
