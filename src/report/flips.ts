import type { FlipRow, FlipTable } from './report-model.js';

/** Longest response text kept per flipped example. */
export const MAX_RESPONSE_CHARS = 2000;

export interface PerExampleScores {
  readonly ids: readonly string[];
  readonly seed: ReadonlyArray<number | undefined>;
  readonly best: ReadonlyArray<number | undefined>;
}

export type ResponseLookup = (candidate: 'seed' | 'best', exampleId: string) => string | undefined;

function clip(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= MAX_RESPONSE_CHARS) return text;
  return `${text.slice(0, MAX_RESPONSE_CHARS)}… (${text.length - MAX_RESPONSE_CHARS} more characters)`;
}

/**
 * Which test examples the best prompt fixed or broke against the seed. Rows: changed examples first
 * (regressions, then fixes, by size of the change), then the unchanged ones in test order.
 */
export function buildFlipTable(scores: PerExampleScores, responses?: ResponseLookup): FlipTable | undefined {
  const rows: FlipRow[] = [];
  scores.ids.forEach((id, i) => {
    const seed = scores.seed[i];
    const best = scores.best[i];
    if (seed === undefined || best === undefined) return;
    const changed = seed !== best;
    rows.push({
      id,
      position: i,
      seed,
      best,
      seedResponse: changed ? clip(responses?.('seed', id)) : undefined,
      bestResponse: changed ? clip(responses?.('best', id)) : undefined,
    });
  });
  if (rows.length === 0) return undefined;
  const binary = rows.every((r) => (r.seed === 0 || r.seed === 1) && (r.best === 0 || r.best === 1));
  const improved = rows.filter((r) => r.best > r.seed).length;
  const worsened = rows.filter((r) => r.best < r.seed).length;
  const same = rows.filter((r) => r.best === r.seed);
  const order = (r: FlipRow): number => (r.best < r.seed ? 0 : r.best > r.seed ? 1 : 2);
  const sorted = rows
    .map((r, index) => ({ r, index }))
    .sort(
      (a, b) =>
        order(a.r) - order(b.r) ||
        Math.abs(b.r.best - b.r.seed) - Math.abs(a.r.best - a.r.seed) ||
        a.index - b.index,
    )
    .map((x) => x.r);
  return {
    n: rows.length,
    binary,
    improved,
    worsened,
    bothRight: same.filter((r) => r.seed >= 1).length,
    bothWrong: same.filter((r) => r.seed <= 0).length,
    unchanged: same.length,
    rows: sorted,
  };
}
