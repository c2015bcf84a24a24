import type { Spend, SpendLine } from '../spec/usage.js';

/* Arithmetic on spend records: the one place spends are added, subtracted and carried over. */

const ZERO_LINE: SpendLine = {
  rollouts: 0,
  calls: 0,
  cacheHits: 0,
  replayed: 0,
  failures: 0,
  inputTokens: 0,
  outputTokens: 0,
  usd: 0,
  wallMs: 0,
};

export const ZERO_SPEND: Spend = { task: ZERO_LINE, optimizer: ZERO_LINE };

/** Combines two spends line by line and field by field; USD is unknown when it is unknown on either side. */
function combine(a: Spend, b: Spend, op: (x: number, y: number) => number): Spend {
  const line = (x: SpendLine, y: SpendLine): SpendLine => ({
    rollouts: op(x.rollouts, y.rollouts),
    calls: op(x.calls, y.calls),
    cacheHits: op(x.cacheHits, y.cacheHits),
    replayed: op(x.replayed, y.replayed),
    failures: op(x.failures, y.failures),
    inputTokens: op(x.inputTokens, y.inputTokens),
    outputTokens: op(x.outputTokens, y.outputTokens),
    usd: x.usd === undefined || y.usd === undefined ? undefined : op(x.usd, y.usd),
    wallMs: op(x.wallMs, y.wallMs),
  });
  return { task: line(a.task, b.task), optimizer: line(a.optimizer, b.optimizer) };
}

/** Line-by-line sum (USD unknown when it is unknown on either side). */
export function sumSpend(a: Spend, b: Spend): Spend {
  return combine(a, b, (x, y) => x + y);
}

/** What was spent between two snapshots of one ledger: `after` minus `before`, line by line. */
export function subtractSpend(after: Spend, before: Spend): Spend {
  return combine(after, before, (x, y) => x - y);
}

/**
 * What a resumed run carries over from the spend earlier processes recorded: what was paid (calls,
 * cache hits, tokens, USD, wall time). Rollouts, replays and failures are not carried: a resumed run
 * re-executes its algorithm from the start, answering earlier calls from the run log, so these
 * describe the latest execution (replayed rollouts count again toward the algorithmic rollout budget,
 * exactly once) and failed calls are retried.
 */
export function carriedSpend(spend: Spend): Spend {
  const carry = (l: SpendLine): SpendLine => ({ ...l, rollouts: 0, replayed: 0, failures: 0 });
  return { task: carry(spend.task), optimizer: carry(spend.optimizer) };
}
