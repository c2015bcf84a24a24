import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import { betterOrWithinNoise } from '../framework/admission.js';
import { detailsOf } from '../framework/method-details.js';
import { scoreChildSelector } from '../framework/parent-selectors.js';
import { runRandomSearch } from './random-search.js';
import { currentPrompt, isTaskCall, templates, toyTask, toyWorld } from './test-support/toy-world.js';

describe('random (no-feedback ablation)', () => {
  it("runs SePO's loop with requests that show only the parent prompt", async () => {
    const task = toyTask(32);
    const { handle, calls } = toyWorld((call) => `<prompt>${currentPrompt(call.user)} Be nice.</prompt>`);
    const engine = new Engine({ taskModel: handle });
    const result = await runRandomSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      {
        generations: 3,
        children: 2,
        minibatch: 8,
        selector: scoreChildSelector(),
        admission: betterOrWithinNoise(),
      },
    );
    const requests = calls.filter((c) => !isTaskCall(c));
    expect(requests).toHaveLength(6);
    for (const r of requests) {
      expect(r.system).toBe('You are a prompt engineer. You rewrite system prompts for language models.');
      expect(r.user).toContain('<current_prompt>');
      expect(r.user).not.toMatch(/I forgot|Results on this minibatch|score=|verdict|item \d/);
      expect(r.user).not.toMatch(/^#/m);
    }
    expect(result.archive).toHaveLength(7);
    expect(result.archive[1]?.id).toBe('r1');
    // Without feedback this agent never finds the words the items need.
    expect(result.best.scores.val?.mean).toBe(0);
    expect(detailsOf(result.details, 'random')?.proposals).toBe(6);
  });
});
