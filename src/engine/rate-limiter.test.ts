import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { RateLimiter, requestBurst } from './rate-limiter.js';

/** Admission times (virtual ms) of `n` requests made at once. */
async function admissions(limiter: RateLimiter, clock: { now(): number }, n: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => limiter.acquire(0).then(() => times.push(clock.now()))));
  return times;
}

describe('RateLimiter', () => {
  it('spreads --rpm over the minute instead of letting a minute of requests go at once', async () => {
    const clock = createManualClock();
    const times = await admissions(new RateLimiter({ rpm: 60 }, clock), clock, 5);
    // One request a second: a burst of one, then one per 1000 ms.
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('allows a burst of one second of requests', async () => {
    const clock = createManualClock();
    const times = await admissions(new RateLimiter({ rpm: 600 }, clock), clock, 12);
    expect(times.filter((t) => t === 0)).toHaveLength(10);
    expect(times.slice(10)).toEqual([100, 200]);
    expect(requestBurst(30)).toBe(1);
    expect(requestBurst(6000)).toBe(100);
  });

  it('refuses a rate that would wait forever', () => {
    const clock = createManualClock();
    expect(() => new RateLimiter({ rpm: 0 }, clock)).toThrow(/rpm must be > 0/);
    expect(() => new RateLimiter({ tpm: -1 }, clock)).toThrow(/tpm must be > 0/);
  });
});
