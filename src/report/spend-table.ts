import { count, duration, tokens, usd } from './format-numbers.js';
import type { SpendRow } from './report-model.js';

/** The spend-per-role table as plain text cells, shared by the HTML and Markdown renderers. */
export const SPEND_COLUMNS = [
  'role',
  'rollouts',
  'calls',
  'cached',
  'replayed',
  'failed',
  'tokens in',
  'tokens out',
  'USD',
  'wall time',
] as const;

export function spendCells(r: SpendRow): string[] {
  return [
    r.role,
    count(r.rollouts),
    count(r.calls),
    count(r.cacheHits),
    count(r.replayed),
    count(r.failures),
    tokens(r.inputTokens),
    tokens(r.outputTokens),
    usd(r.usd),
    duration(r.wallMs),
  ];
}
