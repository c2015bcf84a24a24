import type { Clock } from './clock.js';

export interface RateLimit {
  /** Requests per minute. */
  readonly rpm?: number;
  /** Tokens (input + output, estimated before the call) per minute. */
  readonly tpm?: number;
}

/**
 * Token buckets for requests and tokens per minute. `acquire` waits (on the injected clock) until a
 * request of the given token estimate fits both buckets. A request larger than the whole TPM bucket is
 * let through once the bucket is full, rather than waiting forever.
 *
 * The request bucket holds at most one second's worth of requests (at least 1): `--rpm 600` lets 10
 * requests go at once and then one every 100 ms, instead of a burst of 600 that a provider counting
 * over shorter windows would refuse with 429s.
 */
export class RateLimiter {
  private requests: number;
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {
    for (const [name, value] of Object.entries(limit)) {
      // Zero would wait forever; a negative or NaN rate is a mistake.
      if (value !== undefined && !(value > 0))
        throw new RangeError(`rate limit ${name} must be > 0, got ${value}`);
    }
    this.requests = requestBurst(limit.rpm);
    this.tokens = limit.tpm ?? 0;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    if (this.limit.rpm !== undefined)
      this.requests = Math.min(
        requestBurst(this.limit.rpm),
        this.requests + (elapsed * this.limit.rpm) / 60_000,
      );
    if (this.limit.tpm !== undefined)
      this.tokens = Math.min(this.limit.tpm, this.tokens + (elapsed * this.limit.tpm) / 60_000);
  }

  /** Waits for capacity; requests are admitted in arrival order. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitFor(estimatedTokens, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitFor(estimatedTokens: number, signal?: AbortSignal): Promise<void> {
    const { rpm, tpm } = this.limit;
    const need = tpm === undefined ? 0 : Math.min(estimatedTokens, tpm);
    for (;;) {
      this.refill();
      const requestWait = rpm === undefined || this.requests >= 1 ? 0 : ((1 - this.requests) * 60_000) / rpm;
      const tokenWait = tpm === undefined || this.tokens >= need ? 0 : ((need - this.tokens) * 60_000) / tpm;
      const wait = Math.max(requestWait, tokenWait);
      if (wait <= 0) {
        if (rpm !== undefined) this.requests -= 1;
        if (tpm !== undefined) this.tokens -= need;
        return;
      }
      await this.clock.sleep(Math.ceil(wait), signal);
    }
  }
}

/** Capacity of the request bucket: one second's worth of requests, at least one. */
export function requestBurst(rpm: number | undefined): number {
  if (rpm === undefined) return 0;
  return Math.max(1, Math.floor(rpm / 60));
}
