import { ProviderUnavailableError } from '../errors.js';

export interface CircuitBreakerSettings {
  /** Trip after this many failed call attempts in a row with no success between them (default 20). */
  readonly consecutiveFailures: number;
  /** Trip when more than `failureRate` of the last `window` attempts failed (default 50 and 0.5)... */
  readonly window: number;
  readonly failureRate: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = {
  consecutiveFailures: 20,
  window: 50,
  failureRate: 0.5,
};

/**
 * Stops a run when a model fails persistently, instead of turning an outage into hundreds of failed
 * rollouts. It watches call attempts per model (every attempt, retries included, so a dead endpoint
 * trips it within seconds rather than after every call has exhausted its backoff). A rate-limit answer
 * (429) is not counted: the server is up and asked us to slow down, which backoff does. Once open it
 * stays open: every later attempt on that model throws `ProviderUnavailableError` at once, and the run
 * ends cleanly with everything it has; `--resume` retries what failed.
 *
 * One breaker is shared by all the engines of a run (an outage affects every method and seed).
 */
export class CircuitBreaker {
  private readonly settings: CircuitBreakerSettings;
  private readonly models = new Map<string, { consecutive: number; recent: boolean[]; lastError: string }>();
  private open: ProviderUnavailableError | undefined;
  private readonly controller = new AbortController();

  /** Aborted when the breaker opens: waits (retry backoff) end at once instead of running out. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  constructor(settings: Partial<CircuitBreakerSettings> = {}) {
    this.settings = { ...DEFAULT_CIRCUIT_BREAKER, ...settings };
    const { consecutiveFailures, window, failureRate } = this.settings;
    if (!(Number.isInteger(consecutiveFailures) && consecutiveFailures >= 1))
      throw new RangeError(`consecutiveFailures must be an integer >= 1, got ${consecutiveFailures}`);
    if (!(Number.isInteger(window) && window >= 1))
      throw new RangeError(`window must be an integer >= 1, got ${window}`);
    if (!(failureRate > 0 && failureRate <= 1))
      throw new RangeError(`failureRate must be in (0, 1], got ${failureRate}`);
  }

  /** The error that opened the breaker, or undefined while it is closed. */
  get tripped(): ProviderUnavailableError | undefined {
    return this.open;
  }

  /** Throws the breaker's error once it is open. */
  check(): void {
    if (this.open !== undefined) throw this.open;
  }

  recordSuccess(model: string): void {
    const state = this.state(model);
    state.consecutive = 0;
    this.push(state.recent, false);
  }

  /** Records a failed attempt; throws ProviderUnavailableError when this failure trips the breaker. */
  recordFailure(model: string, message: string, status: number | undefined): void {
    if (status === 429) return;
    const state = this.state(model);
    state.consecutive++;
    state.lastError = message;
    this.push(state.recent, true);
    const failed = state.recent.filter(Boolean).length;
    const { consecutiveFailures, window, failureRate } = this.settings;
    const reason =
      state.consecutive >= consecutiveFailures
        ? `${state.consecutive} failed calls in a row`
        : state.recent.length >= window && failed > failureRate * window
          ? `${failed} of the last ${window} calls failed`
          : undefined;
    if (reason !== undefined && this.open === undefined) {
      this.open = new ProviderUnavailableError(model, reason, message);
      this.controller.abort(this.open);
    }
    this.check();
  }

  private state(model: string): { consecutive: number; recent: boolean[]; lastError: string } {
    let state = this.models.get(model);
    if (state === undefined) {
      state = { consecutive: 0, recent: [], lastError: '' };
      this.models.set(model, state);
    }
    return state;
  }

  private push(recent: boolean[], failed: boolean): void {
    recent.push(failed);
    if (recent.length > this.settings.window) recent.shift();
  }
}
