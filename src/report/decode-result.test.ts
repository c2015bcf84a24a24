import { describe, expect, it } from 'vitest';
import { evaluate, optimize } from '../run/api.js';
import { tempDir } from '../run/test-support/library-example.js';
import { decodeRunResult } from './decode-result.js';
import { buildSummary } from './summary.js';
import { runRecord } from './test-support/report-fixtures.js';

/** A result as stored (a JSON round trip), and the same result as stored before results had a kind. */
const stored = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value));
const legacyOf = (value: Record<string, unknown>): Record<string, unknown> => {
  const { kind: _kind, schemaVersion: _version, ...rest } = value;
  return rest;
};

describe('decodeRunResult', () => {
  it('types a current result by its kind and leaves an unversioned or malformed one legacy', () => {
    expect(decodeRunResult({ kind: 'eval', schemaVersion: 2 }).kind).toBe('legacy');
    expect(decodeRunResult({ kind: 'optimize', schemaVersion: 1, task: 't' }).kind).toBe('legacy');
    expect(decodeRunResult({ task: 't' }).kind).toBe('legacy');
    expect(decodeRunResult(undefined).kind).toBe('legacy');
  });

  it('a legacy result (no kind) and a current one render the same summary numbers', async () => {
    const store = tempDir('sepo-decode-');
    const common = { model: 'sim:demo', store, noCache: true } as const;
    const optimized = stored(await optimize({ ...common, task: 'sim:demo', method: 'gepa', budget: 60 }));
    const evaluated = stored(await evaluate({ ...common, task: 'sim:demo', limit: 20 }));
    for (const [kind, result] of [
      ['optimize', optimized],
      ['eval', evaluated],
    ] as const) {
      expect(decodeRunResult(result).kind).toBe(kind);
      expect(decodeRunResult(legacyOf(result)).kind).toBe('legacy');
      const spend = result.spend;
      const current = buildSummary(runRecord(kind, { result, spend }), 't0');
      const legacy = buildSummary(runRecord(kind, { result: legacyOf(result), spend }), 't0');
      expect(current).toEqual(legacy);
      if (kind === 'optimize') {
        expect(current.scores.map((r) => r.split)).toEqual(['train', 'val', 'test']);
        expect(current.difference?.p).toBeTypeOf('number');
      } else {
        expect(current.accuracy?.mean).toBeTypeOf('number');
      }
    }
  }, 120_000);
});
