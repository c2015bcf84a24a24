import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import { exactScorer } from '../../tasks/scorers/exact-scorer.js';
import { loadTemplates } from '../../templates/load-templates.js';
import { scriptedModel } from '../../test-support/scripted-model.js';
import { betterOrWithinNoise } from '../framework/admission.js';
import { latestSelector, scoreChildSelector } from '../framework/parent-selectors.js';
import { runAgentLevelSearch } from './agent-level-search.js';
import { runTaskLevelSearch } from './task-level-search.js';

/**
 * A world small enough to reason about: the task model answers example i correctly iff the system
 * prompt contains the word its example needs ("CHECK" for even i, "UNITS" for odd i). The prompt agent
 * adds the word a failure's feedback names — but only when its own prompt says "DIAGNOSE"; otherwise
 * it adds filler. Its self-edit adds "DIAGNOSE" when shown a regression or a no-op.
 */
const needs = (i: number): string => (i % 2 === 0 ? 'CHECK' : 'UNITS');

function makeTask(n: number): Task {
  const examples: Example[] = Array.from({ length: n }, (_, i) => ({
    id: `x${i}`,
    input: `item ${i}`,
    answer: `r${i}`,
  }));
  return {
    id: 'toy',
    description: 'Answer each item.',
    kind: 'qa',
    domain: 'toy',
    splits: {
      train: examples.slice(0, n / 2),
      val: examples.slice(n / 2, (3 * n) / 4),
      test: examples.slice((3 * n) / 4),
    },
    defaultSystemPrompt: 'Answer the item.',
    scorer: exactScorer,
    toUserMessage: (e) => e.input,
  };
}

function world() {
  return scriptedModel(({ system, user }) => {
    const item = /^item (\d+)$/.exec(user);
    if (item) {
      const i = Number(item[1]);
      return system.includes(needs(i)) ? `Answer: r${i}` : `I forgot ${needs(i)}.\nAnswer: wrong`;
    }
    if (user.includes('your own system prompt')) {
      const current = /<current_prompt>\n([\s\S]*?)\n<\/current_prompt>/.exec(user)?.[1] ?? '';
      return `Adding a habit.\n<prompt>${current} DIAGNOSE</prompt>`;
    }
    const current = /<current_prompt>\n([\s\S]*?)\n<\/current_prompt>/.exec(user)?.[1] ?? '';
    const symptom = /I forgot (\w+)\./.exec(user)?.[1];
    const addition = system.includes('DIAGNOSE') && symptom !== undefined ? symptom : 'Be nice.';
    return `Rationale.\n<prompt>${current} ${addition}</prompt>`;
  });
}

const templates = loadTemplates();
const base = {
  generations: 4,
  children: 2,
  minibatch: 8,
  selector: scoreChildSelector(),
  admission: betterOrWithinNoise(),
};

describe('SePO task-level search (Algorithm 1)', () => {
  it('a diagnosing agent climbs from the seed; the best is chosen by validation', async () => {
    const task = makeTask(32);
    const { handle } = world();
    const engine = new Engine({ taskModel: handle });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      { ...base, agentPrompt: 'You edit prompts. DIAGNOSE each failure.' },
    );
    expect(result.seed.scores.val?.mean).toBe(0);
    expect(result.best.scores.val?.mean).toBe(1);
    expect(result.chosenBy).toBe('val');
    expect(result.best.prompt).toContain('CHECK');
    expect(result.best.prompt).toContain('UNITS');
    expect(result.proposals.length).toBe(8);
    expect(result.archive.all().length).toBe(9);
    // Lineage: every child names an archive member as its parent.
    for (const c of result.archive.all().slice(1)) expect(result.archive.get(c.parentId ?? '')).toBeDefined();
  });

  it('an agent without the skill makes no progress', async () => {
    const task = makeTask(32);
    const engine = new Engine({ taskModel: world().handle });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      { ...base, agentPrompt: 'You edit prompts.' },
    );
    expect(result.best.scores.val?.mean).toBe(0);
  });

  it('the no-archive ablation always extends the latest member', async () => {
    const task = makeTask(32);
    const engine = new Engine({ taskModel: world().handle });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 2, templates },
      { ...base, selector: latestSelector, agentPrompt: 'DIAGNOSE' },
    );
    const members = result.archive.all();
    for (const c of members.slice(1)) {
      const earlier = members.slice(0, members.indexOf(c)).filter((m) => m.status !== 'rejected');
      expect(c.parentId).toBe(earlier[earlier.length - 1]?.id);
    }
  });

  it('stops cleanly at the rollout budget and keeps what it found', async () => {
    const task = makeTask(32);
    const engine = new Engine({ taskModel: world().handle, limits: { maxRollouts: 40 } });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      { ...base, agentPrompt: 'DIAGNOSE' },
    );
    expect(result.stopReason).toMatch(/budget exhausted/);
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(40);
    expect(result.archive.all().length).toBeGreaterThan(1);
  });
});

describe('SePO agent-level search (self-evolution)', () => {
  it('the agent rewrites its own prompt while running on it, and the evolved prompt scores higher', async () => {
    const tasks = [makeTask(32), { ...makeTask(32), id: 'toy2' }];
    const { handle, calls } = world();
    const engine = new Engine({ taskModel: handle });
    const result = await runAgentLevelSearch(
      {
        engine,
        pool: tasks.map((task) => ({ task, train: task.splits.train, heldOut: task.splits.val })),
        seed: 3,
        templates,
      },
      {
        generations: 2,
        children: 1,
        tasksPerEval: 2,
        inner: { ...base, generations: 2 },
        selector: scoreChildSelector(),
        admission: betterOrWithinNoise(),
        seedAgentPrompt: 'You edit prompts.',
      },
    );
    expect(result.seed.scores.improvement?.mean).toBe(0);
    expect(result.best.prompt).toContain('DIAGNOSE');
    expect(result.best.scores.improvement?.mean ?? 0).toBeGreaterThan(0.5);
    // The self-referential step: the self-edit request ran with the parent prompt as the system prompt.
    const selfEdits = calls.filter((c) => c.user.includes('your own system prompt'));
    expect(selfEdits.length).toBe(2);
    expect(selfEdits[0]?.system).toBe('You edit prompts.');
    expect(selfEdits[0]?.user).toMatch(/<proposal n="1" task="toy2?">/);
  });
});
