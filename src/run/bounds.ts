import { ConfigError } from '../errors.js';

/**
 * Upper bounds of the CLI's numbers, checked while the flags are parsed, before anything is allocated.
 * Each keeps a value that is plausible for a real run well inside the range, and stops values that
 * would exhaust memory, overflow a timer or never finish.
 */
export const LIMITS = {
  /**
   * Rollouts one command may plan (eval: examples × samples; diagnose: N × K × M). Every rollout is an
   * object in memory and a row in the store (about 1 KB with its response), so a million is already
   * gigabytes; larger studies are split into several runs.
   */
  plannedRollouts: 1_000_000,
  /** Examples per split or --limit: larger than any benchmark dataset sepo knows. */
  examples: 1_000_000,
  /** Responses per example or per cell (--samples, --m): pass@k and p1 use tens. */
  samples: 10_000,
  /** System prompts sampled for a diagnosis (--n): each is a generator call and a tensor row. */
  prompts: 1_000,
  /** Model calls in flight: more sockets than any provider accepts from one client. */
  concurrency: 1_024,
  /**
   * Per-call timeout in seconds (one day): node's timers overflow past 2^31 ms (about 24.8 days) and then
   * fire at once, and no completion takes a day.
   */
  timeoutSeconds: 86_400,
  /** Retries per call: with exponential backoff, 20 already spans hours. */
  retries: 20,
  /** Output tokens per call: above every model's context window. */
  maxTokens: 1_000_000,
  /** Seeds are mixed as 32-bit integers; a larger one would alias another. */
  seed: 2_147_483_647,
  /** Rollouts a --budget may allow. */
  budget: 100_000_000,
  /** USD a --max-cost may allow. */
  maxCostUsd: 1_000_000,
  /** Bootstrap resamples: each re-decomposes the tensor; 10^5 gives intervals far finer than needed. */
  resamples: 100_000,
} as const;

/**
 * The product of several flags (e.g. N × K × M) checked against `LIMITS.plannedRollouts` before any
 * work: a ConfigError naming the flags to lower.
 */
export function checkPlannedRollouts(planned: number, what: string, lower: string): void {
  if (planned <= LIMITS.plannedRollouts) return;
  throw new ConfigError(
    lower,
    `${what} = ${planned.toLocaleString('en-US')} rollouts, more than the ${LIMITS.plannedRollouts.toLocaleString('en-US')} one run may plan; lower ${lower}, or split the work into several runs`,
  );
}
