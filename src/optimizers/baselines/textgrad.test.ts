import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { ScriptedCall } from '../../test-support/scripted-model.js';
import { detailsOf } from '../framework/method-details.js';
import {
  currentPrompt,
  isTaskCall,
  symptoms,
  templates,
  toyTask,
  toyWorld,
} from './test-support/toy-world.js';
import { planTextGrad, runTextGrad } from './textgrad.js';

/** Gradient: names the words the failures say they forgot. Update: appends the words the feedback names. */
function textGradAgent(options: { breakFirstUpdate?: boolean } = {}) {
  let updates = 0;
  return (call: ScriptedCall): string => {
    if (call.user.includes('between <feedback> and </feedback>')) {
      return `The failures point to missing words.\n<feedback>Add the word ${symptoms(call.user).join(' and the word ')}.</feedback>`;
    }
    if (call.user.includes('between <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>')) {
      updates++;
      const feedback = /<FEEDBACK>\n([\s\S]*?)\n<\/FEEDBACK>/.exec(call.user)?.[1] ?? '';
      const words = [...feedback.matchAll(/the word (\w+)/g)].map((m) => m[1]);
      const extra = options.breakFirstUpdate === true && updates === 1 ? ' BROKEN' : '';
      return `<IMPROVED_VARIABLE>${currentPrompt(call.user)} ${words.join(' ')}${extra}</IMPROVED_VARIABLE>`;
    }
    return 'I cannot help with that.';
  };
}

const base = { steps: 12, batchSize: 3, validationRevert: false };

describe('TextGrad', () => {
  it('critiques a batch of failures, applies the critique, and returns the last prompt', async () => {
    const task = toyTask(32);
    const { handle, calls } = toyWorld(textGradAgent());
    const engine = new Engine({ taskModel: handle });
    const result = await runTextGrad(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      base,
    );
    expect(result.best.prompt).toContain('CHECK');
    expect(result.best.prompt).toContain('UNITS');
    expect(result.chosenBy).toBe('last');
    expect(result.best.id).toBe(result.archive[result.archive.length - 1]?.id);
    const steps = detailsOf(result.details, 'textgrad')?.steps ?? [];
    expect(steps).toHaveLength(12);
    // Once the prompt is right, batches have no failures: a zero gradient, no agent call.
    expect(steps.some((s) => s.skipped?.includes('zero gradient'))).toBe(true);
    const agentCalls = calls.filter((c) => !isTaskCall(c));
    expect(agentCalls).toHaveLength(2 * steps.filter((s) => s.childId !== undefined).length);
    // The gradient sees the batch's failures only, and the update sees the critique and that context.
    const gradients = agentCalls.filter((c) => c.user.includes('<feedback>'));
    for (const g of gradients) {
      expect(g.user).toContain('verdict="WRONG"');
      expect(g.user).not.toContain('verdict="CORRECT"');
      expect(g.system).toContain('gradient (feedback) engine');
    }
    // No validation evaluation without the revert variant.
    expect(result.seed.scores.val).toBeUndefined();
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(12 * 3);
  });

  it('plain TextGrad keeps a harmful update; the validation-revert variant reverts it', async () => {
    const task = toyTask(32);
    const run = async (validationRevert: boolean) => {
      const engine = new Engine({ taskModel: toyWorld(textGradAgent({ breakFirstUpdate: true })).handle });
      return runTextGrad(
        { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
        { ...base, validationRevert, seedPrompt: 'Answer the item. CHECK' },
      );
    };
    const plain = await run(false);
    expect(plain.best.prompt).toContain('BROKEN');

    const reverting = await run(true);
    expect(reverting.best.prompt).not.toContain('BROKEN');
    expect(reverting.best.prompt).toContain('UNITS');
    expect(reverting.chosenBy).toBe('val');
    const steps = detailsOf(reverting.details, 'textgrad')?.steps ?? [];
    const first = steps.find((s) => s.childId !== undefined);
    expect(first?.reverted).toBe(true);
    expect(reverting.archive.find((c) => c.id === first?.childId)?.status).toBe('rejected');
    expect(reverting.best.scores.val?.mean).toBe(1);
  });

  it('stops cleanly at the rollout budget', async () => {
    const task = toyTask(32);
    const engine = new Engine({
      taskModel: toyWorld(textGradAgent()).handle,
      limits: { maxRollouts: 25 },
    });
    const result = await runTextGrad(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      { ...base, validationRevert: true },
    );
    expect(result.stopCategory).toBe('budget');
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(25);
  });

  it('sizes its schedule to the budget: steps × batch, plus the validation of each update with revert', async () => {
    const task = toyTask(32);
    for (const validationRevert of [false, true]) {
      for (const budget of [120, 300]) {
        // An agent whose updates never fix the prompt: failures go on, so only the budget stops it.
        const stubborn = (call: ScriptedCall): string =>
          call.user.includes('between <feedback> and </feedback>')
            ? '<feedback>Be more careful.</feedback>'
            : `<IMPROVED_VARIABLE>${currentPrompt(call.user)} Careful.</IMPROVED_VARIABLE>`;
        const engine = new Engine({ taskModel: toyWorld(stubborn).handle, limits: { maxRollouts: budget } });
        const result = await runTextGrad(
          { engine, task, train: task.splits.train, val: task.splits.val, seed: 3, templates },
          { batchSize: 3, validationRevert },
        );
        expect(result.stopCategory).toBe('budget');
        expect(engine.spend().task.rollouts).toBeLessThanOrEqual(budget);
        expect(engine.spend().task.rollouts).toBeGreaterThanOrEqual(0.9 * budget);
      }
    }
  });

  it('stops when a whole epoch has no failure, when run until the budget', async () => {
    const task = toyTask(32);
    const engine = new Engine({ taskModel: toyWorld(textGradAgent()).handle, limits: { maxRollouts: 300 } });
    const result = await runTextGrad(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 3, templates },
      { batchSize: 3, validationRevert: false },
    );
    expect(result.stopCategory).toBe('converged');
    expect(result.best.prompt).toContain('CHECK');
  });

  it('plans: the reference 12 steps without a budget, a validation set sized to about 12 steps with one', () => {
    const base = { batchSize: 3, trainSize: 40, valAvailable: 50 };
    expect(planTextGrad({ ...base, budget: Number.POSITIVE_INFINITY, validationRevert: false }).steps).toBe(
      12,
    );
    expect(planTextGrad({ ...base, budget: 300, validationRevert: false })).toMatchObject({
      steps: undefined,
      perStep: 3,
    });
    // (300 - 12 × 3) / 13 = 20 validation examples per decision; never fewer than 10.
    expect(planTextGrad({ ...base, budget: 300, validationRevert: true }).val).toBe(20);
    expect(planTextGrad({ ...base, budget: 120, validationRevert: true }).val).toBe(10);
    // Fixed steps win; the validation set is sized so that they fit.
    expect(planTextGrad({ ...base, budget: 300, validationRevert: true, steps: 4 })).toMatchObject({
      steps: 4,
      val: 50,
    });
    expect(planTextGrad({ ...base, budget: 300, validationRevert: true, sizeValidation: false }).val).toBe(
      50,
    );
  });
});
