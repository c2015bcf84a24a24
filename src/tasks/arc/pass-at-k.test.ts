import { describe, expect, it } from 'vitest';
import type { Task } from '../../spec/task.js';
import { groupRolloutsByExample, passAtK, passAtKEstimate, taskPassAtK } from './pass-at-k.js';

describe('passAtK', () => {
  it('counts an example as solved when any of its k samples is right', () => {
    const rollouts = [
      { exampleId: 'a', sample: 0, score: 0 },
      { exampleId: 'a', sample: 1, score: 1 },
      { exampleId: 'a', sample: 2, score: 0 },
      { exampleId: 'b', sample: 0, score: 0 },
      { exampleId: 'b', sample: 1, score: 0 },
      { exampleId: 'b', sample: 2, score: 0 },
    ];
    const result = passAtK(groupRolloutsByExample(rollouts), 3);
    expect(result.perExample.get('a')).toBe(1);
    expect(result.perExample.get('b')).toBe(0);
    expect(result.score).toBe(0.5);
    expect(result.incomplete).toEqual([]);
  });

  it('uses the unbiased estimator with more than k samples and flags examples with fewer', () => {
    // n = 4, c = 1, k = 2: 1 - C(3,2)/C(4,2) = 1 - 3/6.
    expect(passAtKEstimate(4, 1, 2)).toBeCloseTo(0.5);
    expect(passAtKEstimate(5, 0, 3)).toBe(0);
    expect(passAtKEstimate(5, 3, 3)).toBe(1);
    const result = passAtK(
      {
        short: [{ sample: 0, score: 1 }],
        dup: [
          { sample: 0, score: 0 },
          { sample: 0, score: 1 },
        ],
      },
      3,
    );
    expect(result.perExample.get('short')).toBe(1);
    expect(result.perExample.get('dup')).toBe(0);
    expect(result.incomplete).toEqual(['short', 'dup']);
    expect(passAtK({ a: [{ sample: 0, score: 0.6 }] }, 1, { threshold: 0.5 }).score).toBe(1);
    expect(() => passAtK({}, 0)).toThrow(RangeError);
  });

  it('reads k from a task, 1 when the task does not declare it', () => {
    const task = {} as Task;
    expect(taskPassAtK(task)).toBe(1);
    expect(taskPassAtK({ ...task, passAtK: 3 } as Task)).toBe(3);
  });
});
