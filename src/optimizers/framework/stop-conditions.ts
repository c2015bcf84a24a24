import type { Spend } from '../../spec/usage.js';

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
  /** A reason to stop, or undefined to go on. */
  check(state: StopState): string | undefined;
}

export const maxGenerations = (g: number): StopCondition => ({
  name: 'generations',
  check: (s) => (s.generation >= g ? `reached ${g} generations` : undefined),
});

/** Stops when the next step's rollouts would not fit the remaining budget. */
export const rolloutBudget = (perStep: number): StopCondition => ({
  name: 'budget',
  check: (s) =>
    s.remainingRollouts < perStep
      ? `rollout budget left (${s.remainingRollouts}) is below one step (${perStep})`
      : undefined,
});

export const maxCost = (usd: number): StopCondition => ({
  name: 'cost',
  check: (s) => {
    const spent = (s.spend.task.usd ?? 0) + (s.spend.optimizer.usd ?? 0);
    return spent >= usd ? `spent $${spent.toFixed(4)} of $${usd}` : undefined;
  },
});

export const noImprovement = (patience: number): StopCondition => ({
  name: 'no-improvement',
  check: (s) => (s.stale >= patience ? `no improvement for ${patience} generations` : undefined),
});

/** Stops when a file appears (the CLI injects the existence check): a gentle stop for long runs. */
export const stopFile = (exists: () => boolean, path: string): StopCondition => ({
  name: 'stop-file',
  check: () => (exists() ? `stop file ${path} found` : undefined),
});

export function firstStopReason(conditions: readonly StopCondition[], state: StopState): string | undefined {
  for (const c of conditions) {
    const reason = c.check(state);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
