import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import { loadWorld } from '../../sim/load-world.js';
import { loadSimTask } from '../../sim/sim-task.js';
import { simulateCall } from '../../sim/simulate-call.js';
import type { ScriptedCall } from '../../test-support/scripted-model.js';
import { detailsOf } from '../framework/method-details.js';
import { planMetaSpo, runMetaSpo } from './metaspo.js';
import {
  currentPrompt,
  isTaskCall,
  symptoms,
  templates,
  toyTask,
  toyWorld,
} from './test-support/toy-world.js';

/** Critiques name the forgotten words; the system writer adds them; the user writer adds `userWord`. */
function metaspoAgent(options: { systemLearns: boolean; userLearns: boolean }) {
  return (call: ScriptedCall): string => {
    if (call.user.includes('between <critique> and </critique>')) {
      return `<critique>Missing words: ${symptoms(call.user).join(' ')}.</critique>`;
    }
    const missing = /Missing words: ([\w ]*)\./.exec(call.user)?.[1] ?? '';
    if (call.user.includes('between <improved_system_prompt> and </improved_system_prompt>')) {
      const add = options.systemLearns ? missing : 'Be kind.';
      return `<improved_system_prompt>${currentPrompt(call.user)} ${add}</improved_system_prompt>`;
    }
    if (call.user.includes('between <improved_instruction_prompt> and </improved_instruction_prompt>')) {
      const add = options.userLearns ? (missing.split(' ')[0] ?? '') : 'Please.';
      return `<improved_instruction_prompt>${currentPrompt(call.user)} ${add}</improved_instruction_prompt>`;
    }
    return 'I cannot help with that.';
  };
}

const schedule = { iterations: 3, systemCandidates: 9, userCandidates: 3, beam: 3 };
const pool = [toyTask(24, 'toyA'), toyTask(24, 'toyB')].map((task) => ({ task, train: task.splits.train }));

describe('MetaSPO', () => {
  it('meta-trains the system prompt on a pool: a candidate is kept only when the mean across tasks improves', async () => {
    const target = toyTask(32);
    const { handle, calls } = toyWorld(metaspoAgent({ systemLearns: true, userLearns: false }));
    const engine = new Engine({ taskModel: handle });
    const result = await runMetaSpo(
      { engine, task: target, train: target.splits.train, val: target.splits.val, seed: 1, templates },
      pool,
      { ...schedule, examplesPerTask: 4 },
    );
    expect(detailsOf(result.details, 'metaspo')?.setting).toBe('unseen-generalization');
    expect(detailsOf(result.details, 'metaspo')?.metaTasks).toEqual(['toyA', 'toyB']);
    expect(result.best.prompt).toContain('CHECK');
    expect(result.best.prompt).toContain('UNITS');
    expect(result.chosenBy).toBe('train');
    // Task calls carry the user-prompt instruction (starting from the task description) before the item.
    const taskCalls = calls.filter(isTaskCall);
    expect(taskCalls.every((c) => c.user.startsWith('Answer each item.'))).toBe(true);
    // Per iteration: 3 user prompts per task and 9 system prompts, each an analysis and a rewrite.
    expect(calls.filter((c) => !isTaskCall(c))).toHaveLength(3 * (2 * 3 * 2 + 9 * 2));
    expect(result.archive).toHaveLength(1 + 3 * 9);
    // Admission is greedy and strict: each kept system prompt beats the one before it.
    const kept = result.archive.filter((c) => c.status !== 'rejected').map((c) => c.scores.train?.mean ?? 0);
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1] ?? 0);
    // The system analysis pools wrong examples across tasks and never sees the target.
    const analyses = calls.filter((c) => c.system.includes('why the current system prompt fails'));
    expect(analyses).toHaveLength(27);
    const beams = detailsOf(result.details, 'metaspo')?.userPrompts ?? [];
    for (const b of beams) expect(b.beam.length).toBeLessThanOrEqual(3);
  });

  it('optimizes user prompts as instructions placed before each question', async () => {
    const target = toyTask(32);
    const engine = new Engine({
      taskModel: toyWorld(metaspoAgent({ systemLearns: false, userLearns: true })).handle,
    });
    const result = await runMetaSpo(
      { engine, task: target, train: target.splits.train, val: target.splits.val, seed: 2, templates },
      [],
      { ...schedule, iterations: 2, examplesPerTask: 8 },
    );
    expect(detailsOf(result.details, 'metaspo')?.setting).toBe('single-task');
    expect(detailsOf(result.details, 'metaspo')?.metaTasks).toEqual(['toy']);
    const beams = detailsOf(result.details, 'metaspo')?.userPrompts ?? [];
    const top = beams[0]?.beam[0];
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.instruction).toMatch(/CHECK|UNITS/);
  });

  it('fits the whole schedule into the rollout budget by default', async () => {
    const target = toyTask(32);
    const engine = new Engine({
      taskModel: toyWorld(metaspoAgent({ systemLearns: true, userLearns: true })).handle,
      limits: { maxRollouts: 2 * 91 * 10 + 10 },
    });
    const result = await runMetaSpo(
      { engine, task: target, train: target.splits.train, val: target.splits.val, seed: 3, templates },
      pool,
      schedule,
    );
    expect(detailsOf(result.details, 'metaspo')?.examplesPerTask).toBe(10);
    expect(result.stopReason).toBe('finished 3 iterations on 10 example(s) per task (sized to the budget)');
    expect(result.stopCategory).toBe('budget');
    expect(engine.spend().task.rollouts).toBe(2 * 91 * 10);
  });
});

describe('the simulated world and user-prompt instructions', () => {
  it('treats an instruction before a known example as a task call with extra instructions', () => {
    const world = loadWorld('demo');
    const task = loadSimTask('sim:demo');
    const example = task.splits.train[0];
    if (example === undefined) throw new Error('no example');
    const call = (user: string) =>
      simulateCall(world, { system: task.defaultSystemPrompt, lastUser: user, allText: () => user, seed: 0 });
    expect(call(task.toUserMessage(example)).kind).toBe('task');
    const instructed = call(
      `Check your result before giving the final answer.\n\n${task.toUserMessage(example)}`,
    );
    expect(instructed.kind).toBe('task');
    expect(call(`Please rewrite this prompt.\n\n${example.input} and more`).kind).toBe('agent');
  });

  it('refuses a budget that leaves fewer than 10 examples per task per decision, naming the flag and the minimum', async () => {
    const target = toyTask(32);
    const big = [toyTask(40, 'bigA'), toyTask(40, 'bigB')].map((task) => ({
      task,
      train: task.splits.train,
    }));
    const engine = new Engine({
      taskModel: toyWorld(metaspoAgent({ systemLearns: true, userLearns: false })).handle,
      limits: { maxRollouts: 300 },
    });
    const plan = planMetaSpo({ budget: 300, trainSizes: big.map((p) => p.train.length), ...schedule });
    expect(plan.nodesPerTask).toBe(91);
    const minimum = 2 * 91 * Math.min(10, big[0]?.train.length ?? 0);
    await expect(
      runMetaSpo(
        { engine, task: target, train: target.splits.train, val: target.splits.val, seed: 1, templates },
        big,
        { ...schedule, budgetFlag: '--pretrain-budget' },
      ),
    ).rejects.toThrow(
      new RegExp(`^--pretrain-budget: 300 task rollouts leave MetaSPO .* needs at least ${minimum} `),
    );
    expect(engine.spend().task.rollouts).toBe(0);
  });

  it('sizes examples per task to the budget, up to 50, spending 90-100% of it', () => {
    const plan = planMetaSpo({ budget: 3000, trainSizes: [40, 40], ...schedule });
    expect(plan.examplesPerTask).toBe(16);
    expect(plan.rollouts).toBeLessThanOrEqual(3000);
    expect(plan.rollouts).toBeGreaterThanOrEqual(0.9 * 3000);
    expect(plan.sizedByBudget).toBe(true);
    expect(
      planMetaSpo({ budget: Number.POSITIVE_INFINITY, trainSizes: [40, 80], ...schedule }).examplesPerTask,
    ).toBe(50);
  });
});
