import { BudgetExhaustedError } from '../../errors.js';
import type { Spend } from '../../spec/usage.js';

/**
 * Why a run stopped, by kind. `sepo compare` shows it for a run that spent less than 90% of its budget,
 * and flags such a run whose kind is `budget` (a budget-sized schedule should have used the budget).
 * - budget: the rollout budget is spent, or what is left is below one step of the method
 * - cost: --max-cost was reached
 * - schedule: a fixed schedule finished (set by flags, or the method's fixed default such as SePO's G)
 * - converged: nothing left to improve (every minibatch perfect, no improvement for N generations)
 * - no-proposals: the prompt agent produced no new candidate (duplicates or failed calls)
 * - stopped: a stop file or a cancellation
 * - error: the method failed
 * - one-time: the method optimizes only in its one-time stage (MetaSPO applies its meta-trained prompt)
 * - none: nothing is optimized (manual)
 */
export type StopCategory =
  | 'budget'
  | 'cost'
  | 'schedule'
  | 'converged'
  | 'no-proposals'
  | 'stopped'
  | 'error'
  | 'one-time'
  | 'none';

/** A stop reason with its kind. */
export interface StopOutcome {
  readonly category: StopCategory;
  readonly reason: string;
}

/** What a stop condition may look at; `stopFileExists` is injected so optimizers stay free of I/O. */
export interface StopState {
  readonly generation: number;
  readonly spend: Spend;
  readonly remainingRollouts: number;
  readonly bestScore: number;
  /** Generations since the best score last improved. */
  readonly stale: number;
}

export interface StopCondition {
  readonly name: string;
  /** The kind of stop this condition causes. */
  readonly category: StopCategory;
  /** A reason to stop, or undefined to go on. */
  check(state: StopState): string | undefined;
}

export const maxGenerations = (g: number): StopCondition => ({
  name: 'generations',
  category: 'schedule',
  check: (s) => (s.generation >= g ? `reached ${g} generations` : undefined),
});

/** Stops when the next step's rollouts would not fit the remaining budget. */
export const rolloutBudget = (perStep: number): StopCondition => ({
  name: 'budget',
  category: 'budget',
  check: (s) =>
    s.remainingRollouts < perStep
      ? `rollout budget left (${s.remainingRollouts}) is below one step (${perStep})`
      : undefined,
});

export const maxCost = (usd: number): StopCondition => ({
  name: 'cost',
  category: 'cost',
  check: (s) => {
    const spent = (s.spend.task.usd ?? 0) + (s.spend.optimizer.usd ?? 0);
    return spent >= usd ? `spent $${spent.toFixed(4)} of $${usd}` : undefined;
  },
});

export const noImprovement = (patience: number): StopCondition => ({
  name: 'no-improvement',
  category: 'converged',
  check: (s) => (s.stale >= patience ? `no improvement for ${patience} generations` : undefined),
});

/** Stops when a file appears (the CLI injects the existence check): a gentle stop for long runs. */
export const stopFile = (exists: () => boolean, path: string): StopCondition => ({
  name: 'stop-file',
  category: 'stopped',
  check: () => (exists() ? `stop file ${path} found` : undefined),
});

/** The first condition that says stop, with its kind. */
export function firstStop(conditions: readonly StopCondition[], state: StopState): StopOutcome | undefined {
  for (const c of conditions) {
    const reason = c.check(state);
    if (reason !== undefined) return { category: c.category, reason };
  }
  return undefined;
}

export function firstStopReason(conditions: readonly StopCondition[], state: StopState): string | undefined {
  return firstStop(conditions, state)?.reason;
}

/**
 * A budget stop (the engine refused work that would cross --budget or --max-cost) as a stop outcome;
 * any other error propagates. The ledger names --max-cost in a cost stop's message.
 */
export function budgetStop(error: unknown): StopOutcome {
  if (!(error instanceof BudgetExhaustedError)) throw error;
  return { category: error.message.includes('--max-cost') ? 'cost' : 'budget', reason: error.message };
}

/** Kinds that explain a run spending under 90% of its budget: every kind but `budget`. */
export function explainsEarlyStop(category: StopCategory): boolean {
  return category !== 'budget';
}
