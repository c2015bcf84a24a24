import { describe, expect, it } from 'vitest';
import { formatRunId, RUN_ID_PATTERN, randomRunSuffix } from './run-id.js';

describe('run ids', () => {
  it('format the UTC start time and a suffix', () => {
    expect(formatRunId(Date.UTC(2026, 10, 22, 2, 15, 30, 999), 'ab12')).toBe('r20261122-021530-ab12');
    expect(formatRunId(Date.UTC(2027, 0, 1, 0, 0, 0), '0000')).toBe('r20270101-000000-0000');
  });

  it('draw four hex digits as suffix', () => {
    for (let i = 0; i < 50; i++) {
      const suffix = randomRunSuffix();
      expect(suffix).toMatch(/^[0-9a-f]{4}$/);
      expect(formatRunId(0, suffix)).toMatch(RUN_ID_PATTERN);
    }
  });
});
