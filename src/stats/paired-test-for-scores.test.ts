import { describe, expect, it } from 'vitest';
import { pairedTestForScores } from './paired-test-for-scores.js';

describe('pairedTestForScores', () => {
  it('runs the exact McNemar test on 0/1 scores', () => {
    // 6 better, 1 worse, 3 ties: p = 2 · P(Binomial(7, 1/2) <= 1) = 2 · 8/128.
    const a = [1, 1, 1, 1, 1, 1, 0, 1, 0, 1];
    const b = [0, 0, 0, 0, 0, 0, 1, 1, 0, 1];
    const r = pairedTestForScores(a, b);
    expect(r.test).toBe('mcnemar-exact');
    expect(r.p).toBe(0.125);
    if (r.test === 'mcnemar-exact') expect(r.discordant).toEqual({ better: 6, worse: 1 });
  });
  it('runs the sign-flip permutation test on graded scores', () => {
    // Differences 0.5, 0.25, 0.5, -0.25, 0.5 (sum 1.5). Flipping a subset S gives 1.5 - 2ΣS, which
    // reaches |1.5| iff ΣS <= 0 ({}, {-0.25}, {0.25, -0.25}) or ΣS >= 1.5 (their complements):
    // 6 of the 32 patterns, p = 0.1875 (enumerated by hand).
    const a = [1, 0.75, 1, 0.25, 1];
    const b = [0.5, 0.5, 0.5, 0.5, 0.5];
    const r = pairedTestForScores(a, b, { seed: 1 });
    expect(r.test).toBe('paired-permutation');
    expect(r.p).toBe(0.1875);
    if (r.test === 'paired-permutation') expect(r.exact).toBe(true);
  });
  it('passes the level through to either test', () => {
    expect(pairedTestForScores([1, 0, 1], [0, 0, 1], { level: 0.8 }).level).toBe(0.8);
    expect(pairedTestForScores([1, 0.5, 1], [0, 0, 1], { level: 0.8 }).level).toBe(0.8);
  });
});
