import { describe, expect, it } from 'vitest';
import { childCandidate, seedCandidate } from './candidate.js';

describe('candidate lifecycle', () => {
  it('starts an archive with a seed: generation 0, no parent, no scores', () => {
    expect(seedCandidate('t0', 'Think step by step.')).toEqual({
      id: 't0',
      prompt: 'Think step by step.',
      parentId: undefined,
      generation: 0,
      status: 'seed',
      childrenCount: 0,
      scores: {},
    });
  });

  it('builds a child rejected until admitted, leaving the parent count to the method', () => {
    const parent = seedCandidate('t0', 'p');
    const child = childCandidate('t1', 'q', parent, 1, 'shorter');
    expect(child).toMatchObject({
      id: 't1',
      parentId: 't0',
      generation: 1,
      status: 'rejected',
      rationale: 'shorter',
    });
    expect(parent.childrenCount).toBe(0);
    expect('rationale' in childCandidate('t2', 'q', parent, 1, '')).toBe(false);
  });
});
