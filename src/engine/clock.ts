import { abortableSleep } from '../util/abortable-sleep.js';

/** Time is injected so retries, rate limits and progress are testable without real waiting. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

/** A clock whose sleeps return at once and advance virtual time: for deterministic tests. */
export function createManualClock(start = 0): Clock & { readonly slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      t += ms;
    },
  };
}
