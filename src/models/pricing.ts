import { ConfigError } from '../errors.js';
import type { Usage } from '../spec/usage.js';

/** USD per one million tokens. */
export interface Price {
  readonly input: number;
  readonly output: number;
}

/**
 * Prices keyed by canonical model id (`openai:gpt-4.1-mini`) or by a glob over ids where `*` matches
 * any run of characters (`anthropic:claude-sonnet-4*`, `sim:*`). Build with `createPriceTable`.
 */
export interface PriceTable {
  readonly entries: ReadonlyMap<string, Price>;
}

export const DEFAULT_PRICES_NOTE = 'list prices, may be outdated; override in config';

/**
 * Default prices: list prices, may be outdated; override in config. Globs cover dated snapshots
 * (`gpt-4.1-mini-2025-04-14`). The simulated world is free.
 */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  'openai:gpt-5*': { input: 1.25, output: 10 },
  'openai:gpt-5-mini*': { input: 0.25, output: 2 },
  'openai:gpt-5-nano*': { input: 0.05, output: 0.4 },
  'openai:gpt-4.1*': { input: 2, output: 8 },
  'openai:gpt-4.1-mini*': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano*': { input: 0.1, output: 0.4 },
  'openai:gpt-4o*': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini*': { input: 0.15, output: 0.6 },
  'openai:o3*': { input: 2, output: 8 },
  'openai:o4-mini*': { input: 1.1, output: 4.4 },
  'anthropic:claude-opus-4*': { input: 15, output: 75 },
  'anthropic:claude-opus-4-5*': { input: 5, output: 25 },
  'anthropic:claude-sonnet-4*': { input: 3, output: 15 },
  'anthropic:claude-3-7-sonnet*': { input: 3, output: 15 },
  'anthropic:claude-haiku-4-5*': { input: 1, output: 5 },
  'anthropic:claude-3-5-haiku*': { input: 0.8, output: 4 },
  'sim:*': { input: 0, output: 0 },
};

function checkPrice(key: string, price: Price): Price {
  for (const side of ['input', 'output'] as const) {
    const value: unknown = price[side];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(
        `pricing."${key}".${side}`,
        `must be a non-negative number of USD per 1M tokens, got ${String(value)}`,
      );
    }
  }
  return { input: price.input, output: price.output };
}

/** Defaults with `overrides` merged over them (an override replaces the entry with the same key). */
export function createPriceTable(overrides?: Readonly<Record<string, Price>>): PriceTable {
  const entries = new Map<string, Price>(Object.entries(DEFAULT_PRICES));
  for (const [key, price] of Object.entries(overrides ?? {})) entries.set(key, checkPrice(key, price));
  return { entries };
}

function globMatches(pattern: string, id: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(id);
}

/**
 * The price of a model: an exact key first, else the matching glob with the most literal characters
 * (so `openai:gpt-4.1-mini*` beats `openai:gpt-4.1*`). Undefined when nothing matches.
 */
export function priceOf(table: PriceTable, modelId: string): Price | undefined {
  const exact = table.entries.get(modelId);
  if (exact !== undefined) return exact;
  let best: { price: Price; literal: number } | undefined;
  for (const [key, price] of table.entries) {
    if (!key.includes('*') || !globMatches(key, modelId)) continue;
    const literal = key.replaceAll('*', '').length;
    if (best === undefined || literal > best.literal) best = { price, literal };
  }
  return best?.price;
}

/**
 * USD cost of one call, or undefined when it is unknown: the model has no price, or a side with a
 * non-zero price has unreported tokens. Never 0 for unknown; 0 only for a known-free model or no tokens.
 */
export function costOf(table: PriceTable, modelId: string, usage: Usage): number | undefined {
  const price = priceOf(table, modelId);
  if (price === undefined) return undefined;
  const side = (tokens: number | undefined, perMillion: number): number | undefined => {
    if (perMillion === 0) return 0;
    return tokens === undefined ? undefined : (tokens * perMillion) / 1_000_000;
  };
  const input = side(usage.inputTokens, price.input);
  const output = side(usage.outputTokens, price.output);
  return input === undefined || output === undefined ? undefined : input + output;
}
