import { BudgetExhaustedError } from '../errors.js';
import type { Role, Spend, SpendLine, Usage } from '../spec/usage.js';
import { carriedSpend, ZERO_SPEND } from './spend-arithmetic.js';

export interface BudgetLimits {
  /** Task-model rollouts this run may use (replayed and cached rollouts count: the budget is algorithmic). */
  readonly maxRollouts?: number;
  /** USD across both roles. Work stops before a call whose estimated cost would cross it. */
  readonly maxCostUsd?: number;
}

interface MutableLine {
  rollouts: number;
  calls: number;
  cacheHits: number;
  replayed: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  unknownPrice: boolean;
  wallMs: number;
}

export { carriedSpend, sumSpend, ZERO_SPEND } from './spend-arithmetic.js';

/**
 * Spend per role: rollouts, model calls actually made, cache hits and replays (which cost nothing),
 * tokens, USD (undefined once any priced call had an unknown price: unknown is never reported as 0).
 * `initial` is the spend earlier processes of the same run recorded: its paid part (`carriedSpend`)
 * is the starting point, so `--max-cost` and the reported spend cover the whole run.
 */
export class BudgetLedger {
  private readonly lines: Record<Role, MutableLine>;
  /** USD spent on other budget lines of the same run; counts toward the cost limit only. */
  private externalUsd = 0;
  /** The carried part of `initial` (zero for a new run). */
  private readonly carried: Spend;
  chargeExternal(usd: number): void {
    this.externalUsd += usd;
  }

  constructor(
    readonly limits: BudgetLimits = {},
    initial?: Spend,
  ) {
    this.carried = carriedSpend(initial ?? ZERO_SPEND);
    const line = (l: SpendLine): MutableLine => ({
      ...l,
      usd: l.usd ?? 0,
      unknownPrice: l.usd === undefined,
    });
    this.lines = { task: line(this.carried.task), optimizer: line(this.carried.optimizer) };
  }

  remainingRollouts(): number {
    return this.limits.maxRollouts === undefined
      ? Number.POSITIVE_INFINITY
      : this.limits.maxRollouts - this.lines.task.rollouts;
  }

  /** Throws before any work when `count` more rollouts would cross the rollout budget. */
  reserveRollouts(count: number): void {
    const remaining = this.remainingRollouts();
    if (count > remaining) {
      throw new BudgetExhaustedError(
        `${count} more rollouts requested, ${Math.max(0, remaining)} of ${this.limits.maxRollouts} left (raise --budget)`,
      );
    }
    this.lines.task.rollouts += count;
  }

  /** Counts rollouts with no budget check (evaluations the caller chose to exempt, e.g. the final test). */
  countRollouts(count: number): void {
    this.lines.task.rollouts += count;
  }

  /** Mean USD of a fresh call so far on any role: the estimate used to stop before crossing --max-cost. */
  private meanCallCost(): number {
    const calls = this.lines.task.calls + this.lines.optimizer.calls;
    return calls === 0 ? 0 : this.totalUsd() / calls;
  }

  totalUsd(): number {
    return this.lines.task.usd + this.lines.optimizer.usd + this.externalUsd;
  }

  /** True when one more fresh call is expected to cross the cost limit. */
  wouldExceedCost(): boolean {
    const max = this.limits.maxCostUsd;
    if (max === undefined) return false;
    return this.totalUsd() + this.meanCallCost() > max;
  }

  assertCostAvailable(): void {
    if (this.wouldExceedCost()) {
      throw new BudgetExhaustedError(
        `spent $${this.totalUsd().toFixed(4)} of --max-cost $${this.limits.maxCostUsd}; the next call would cross it`,
      );
    }
  }

  recordCall(role: Role, usage: Usage, usd: number | undefined, wallMs: number): void {
    const line = this.lines[role];
    line.calls++;
    line.inputTokens += usage.inputTokens ?? 0;
    line.outputTokens += usage.outputTokens ?? 0;
    if (usd === undefined) line.unknownPrice = true;
    else line.usd += usd;
    line.wallMs += wallMs;
  }

  recordReuse(role: Role, source: 'cache' | 'replay'): void {
    if (source === 'cache') this.lines[role].cacheHits++;
    else this.lines[role].replayed++;
  }

  recordFailure(role: Role): void {
    this.lines[role].failures++;
  }

  /** Optimizer calls are counted as "rollouts" of the optimizer line too (one per completion). */
  countOptimizerCompletion(): void {
    this.lines.optimizer.rollouts++;
  }

  snapshot(): Spend {
    const freeze = (l: MutableLine): SpendLine => ({
      rollouts: l.rollouts,
      calls: l.calls,
      cacheHits: l.cacheHits,
      replayed: l.replayed,
      failures: l.failures,
      inputTokens: l.inputTokens,
      outputTokens: l.outputTokens,
      usd: l.unknownPrice ? undefined : l.usd,
      wallMs: l.wallMs,
    });
    return { task: freeze(this.lines.task), optimizer: freeze(this.lines.optimizer) };
  }

  /** What this process added to the run's spend: `snapshot()` less the carried start. */
  sinceStart(): Spend {
    const now = this.snapshot();
    const less = (l: SpendLine, c: SpendLine): SpendLine => ({
      ...l,
      calls: l.calls - c.calls,
      cacheHits: l.cacheHits - c.cacheHits,
      inputTokens: l.inputTokens - c.inputTokens,
      outputTokens: l.outputTokens - c.outputTokens,
      usd: l.usd === undefined || c.usd === undefined ? undefined : l.usd - c.usd,
      wallMs: l.wallMs - c.wallMs,
    });
    return {
      task: less(now.task, this.carried.task),
      optimizer: less(now.optimizer, this.carried.optimizer),
    };
  }
}
