import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { BudgetExhaustedError } from '../errors.js';
import { resolveModel } from '../models/resolve-model.js';
import '../sim/register.js';
import { loadTask } from '../tasks/load-task.js';
import { parseRewardRequest, RewardService } from './reward-service.js';

describe('parseRewardRequest', () => {
  it('accepts {"prompts": [...]}', () => {
    expect(parseRewardRequest({ prompts: ['a', 'b'] }).prompts).toEqual(['a', 'b']);
  });

  it('names the bad field', () => {
    const field = (body: unknown): string | undefined => {
      try {
        parseRewardRequest(body, 3);
        return undefined;
      } catch (error) {
        return (error as { field?: string }).field;
      }
    };
    expect(field([])).toBe('body');
    expect(field(null)).toBe('body');
    expect(field({})).toBe('prompts');
    expect(field({ prompts: 'x' })).toBe('prompts');
    expect(field({ prompts: [] })).toBe('prompts');
    expect(field({ prompts: ['a', 'b', 'c', 'd'] })).toBe('prompts');
    expect(field({ prompts: ['a', 3] })).toBe('prompts[1]');
    expect(field({ prompts: ['a', ' '] })).toBe('prompts[1]');
  });
});

describe('RewardService', () => {
  const task = loadTask('sim:hetero');
  const subset = task.splits.train.slice(3, 5);

  it('returns the mean over the subset of the mean over M responses, as an evaluation would', async () => {
    const model = resolveModel('sim:hetero', { env: {} });
    const service = new RewardService(new Engine({ taskModel: model }), task, subset, 4);
    const prompts = [
      task.defaultSystemPrompt,
      'You are a world-class expert. Answer as briefly as possible.',
    ];
    const out = await service.score(prompts);
    expect(out.rewards).toHaveLength(2);
    const reference = new Engine({ taskModel: model });
    for (const [i, prompt] of prompts.entries()) {
      const rollouts = await reference.evaluate(
        task,
        subset.flatMap((example) =>
          [0, 1, 2, 3].map((sample) => ({ candidateId: 'x', systemPrompt: prompt, example, sample })),
        ),
      );
      const expected = rollouts.reduce((a, r) => a + (r.score ?? Number.NaN), 0) / rollouts.length;
      expect(out.rewards[i]).toBeCloseTo(expected, 12);
      expect(Object.keys(out.details[i]?.perExample ?? {})).toEqual(subset.map((e) => e.id));
      expect(out.details[i]?.n).toBe(8);
    }
    expect(out.spend.task.rollouts).toBe(16);
  });

  it('refuses a batch over the rollout budget before running it', async () => {
    const engine = new Engine({
      taskModel: resolveModel('sim:hetero', { env: {} }),
      limits: { maxRollouts: 10 },
    });
    const service = new RewardService(engine, task, subset, 4);
    await expect(service.score(['a', 'b'])).rejects.toThrow(BudgetExhaustedError);
    expect(engine.spend().task.rollouts).toBe(0);
  });
});
