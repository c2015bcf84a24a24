import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { costOf, createPriceTable, DEFAULT_PRICES_NOTE, priceOf } from './pricing.js';

const usage = (inputTokens: number | undefined, outputTokens: number | undefined) => ({
  inputTokens,
  outputTokens,
});

describe('price table', () => {
  const table = createPriceTable();

  it('prices known models per million tokens', () => {
    expect(priceOf(table, 'openai:gpt-4.1-mini')).toEqual({ input: 0.4, output: 1.6 });
    expect(costOf(table, 'openai:gpt-4.1-mini', usage(1_000_000, 500_000))).toBeCloseTo(0.4 + 0.8, 10);
  });

  it('matches dated snapshots through the most specific glob', () => {
    expect(priceOf(table, 'openai:gpt-4.1-mini-2025-04-14')).toEqual({ input: 0.4, output: 1.6 });
    expect(priceOf(table, 'openai:gpt-4.1-2025-04-14')).toEqual({ input: 2, output: 8 });
    expect(priceOf(table, 'anthropic:claude-opus-4-5-20251101')).toEqual({ input: 5, output: 25 });
  });

  it('prices the simulated world at zero', () => {
    expect(costOf(table, 'sim:demo', usage(1234, 567))).toBe(0);
    expect(costOf(table, 'sim:demo', usage(undefined, undefined))).toBe(0);
  });

  it('returns undefined, never 0, for an unknown model', () => {
    expect(priceOf(table, 'ollama:qwen3:4b')).toBeUndefined();
    expect(costOf(table, 'ollama:qwen3:4b', usage(10, 10))).toBeUndefined();
    expect(costOf(table, 'openai-compatible:http://127.0.0.1:8000/v1#m', usage(10, 10))).toBeUndefined();
  });

  it('returns undefined when a priced side has unreported tokens', () => {
    expect(costOf(table, 'openai:gpt-4o', usage(undefined, 10))).toBeUndefined();
    expect(costOf(table, 'openai:gpt-4o', usage(10, undefined))).toBeUndefined();
  });

  it('says the defaults may be outdated', () => {
    expect(DEFAULT_PRICES_NOTE).toBe('list prices, may be outdated; override in config');
  });
});

describe('createPriceTable overrides', () => {
  it('merges user entries over the defaults', () => {
    const table = createPriceTable({
      'openai:gpt-4.1-mini': { input: 1, output: 2 },
      'ollama:*': { input: 0, output: 0 },
      'openai-compatible:*#my-model': { input: 0.5, output: 0.5 },
    });
    expect(priceOf(table, 'openai:gpt-4.1-mini')).toEqual({ input: 1, output: 2 });
    expect(priceOf(table, 'openai:gpt-4o')).toEqual({ input: 2.5, output: 10 });
    expect(costOf(table, 'ollama:qwen3:4b', usage(100, 100))).toBe(0);
    expect(costOf(table, 'openai-compatible:http://h:8000/v1#my-model', usage(2_000_000, 0))).toBe(1);
  });

  it('an exact key beats any glob', () => {
    const table = createPriceTable({ 'openai:gpt-4.1-mini-2025-04-14': { input: 9, output: 9 } });
    expect(priceOf(table, 'openai:gpt-4.1-mini-2025-04-14')).toEqual({ input: 9, output: 9 });
  });

  it('rejects negative or non-numeric prices naming the key', () => {
    expect(() => createPriceTable({ 'openai:x': { input: -1, output: 1 } })).toThrow(ConfigError);
    expect(() => createPriceTable({ 'openai:x': { input: 1, output: Number.NaN } })).toThrow(
      'pricing."openai:x".output',
    );
  });

  it('treats glob metacharacters other than * literally', () => {
    const table = createPriceTable({ 'x:a.b*': { input: 1, output: 1 } });
    expect(priceOf(table, 'x:a.b-1')).toBeDefined();
    expect(priceOf(table, 'x:aXb-1')).toBeUndefined();
  });
});
