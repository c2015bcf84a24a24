import { describe, expect, it } from 'vitest';
import { EXIT_PROVIDER_UNAVAILABLE, ProviderUnavailableError } from '../errors.js';
import { CircuitBreaker } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens after the configured number of failures in a row, and a success resets the count', () => {
    const breaker = new CircuitBreaker({ consecutiveFailures: 3, window: 100 });
    breaker.recordFailure('m', 'e1', 500);
    breaker.recordFailure('m', 'e2', 500);
    breaker.recordSuccess('m');
    breaker.recordFailure('m', 'e3', 500);
    breaker.recordFailure('m', 'e4', 500);
    expect(breaker.tripped).toBeUndefined();
    expect(() => breaker.recordFailure('m', 'connect ECONNREFUSED', undefined)).toThrow(
      ProviderUnavailableError,
    );
    expect(breaker.tripped?.message).toBe(
      'model m is failing (3 failed calls in a row); last error: connect ECONNREFUSED',
    );
    expect(breaker.tripped?.exitCode).toBe(EXIT_PROVIDER_UNAVAILABLE);
    expect(breaker.signal.aborted).toBe(true);
    // Once open it stays open.
    expect(() => breaker.check()).toThrow(ProviderUnavailableError);
  });

  it('opens when more than the failure rate of the last window failed, even with successes between', () => {
    const breaker = new CircuitBreaker({ consecutiveFailures: 100, window: 10, failureRate: 0.5 });
    // Alternating: 5 of 10 failed is not more than half.
    for (let i = 0; i < 5; i++) {
      breaker.recordSuccess('m');
      breaker.recordFailure('m', 'x', 500);
    }
    expect(breaker.tripped).toBeUndefined();
    // One success drops out of the window and a failure comes in: 6 of the last 10.
    expect(() => breaker.recordFailure('m', 'x', 502)).toThrow(/6 of the last 10 calls failed/);
  });

  it('does not count rate limits (the server is up and asked us to slow down), nor other models', () => {
    const breaker = new CircuitBreaker({ consecutiveFailures: 2 });
    for (let i = 0; i < 50; i++) breaker.recordFailure('m', 'HTTP 429', 429);
    breaker.recordFailure('a', 'x', 500);
    breaker.recordFailure('b', 'x', 500);
    expect(breaker.tripped).toBeUndefined();
  });

  it('refuses settings that could never trip or always trip', () => {
    expect(() => new CircuitBreaker({ consecutiveFailures: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ window: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ failureRate: 0 })).toThrow(RangeError);
  });
});
