import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import { exactScorer } from '../../tasks/scorers/exact-scorer.js';
import { loadTemplates } from '../../templates/load-templates.js';
import { scriptedModel } from '../../test-support/scripted-model.js';
import { betterOrWithinNoise, strictlyBetter } from '../framework/admission.js';
import { partitionTraining } from '../framework/minibatch-sampler.js';
import { scoreChildSelector } from '../framework/parent-selectors.js';
import { runAgentLevelSearch } from './agent-level-search.js';
import { runTaskLevelSearch } from './task-level-search.js';

/**
 * Scores that compare like with like, admission on examples the agent was not shown, and a self-edit
 * request that labels what its numbers are (issue 12, items 4-6).
 */
const templates = loadTemplates();

function makeTask(n: number, id = 'toy'): Task {
  const examples: Example[] = Array.from({ length: n }, (_, i) => ({
    id: `x${i}`,
    input: `item ${i}`,
    answer: `r${i}`,
  }));
  return {
    id,
    description: 'Answer each item.',
    kind: 'qa',
    domain: 'toy',
    splits: { train: examples.slice(0, n / 2), val: examples.slice(n / 2, (3 * n) / 4), test: [] },
    defaultSystemPrompt: 'Answer the item.',
    scorer: exactScorer,
    toUserMessage: (e) => e.input,
  };
}

const current = (user: string): string =>
  /<current_prompt>\n([\s\S]*?)\n<\/current_prompt>/.exec(user)?.[1] ?? '';

describe('SePO archive scores are comparable (item 4)', () => {
  it('ranks every member on the same held-back examples when there is no validation split', async () => {
    // Examples x0..x5 are easy (always right), the rest always wrong: a member's mean over its own
    // minibatches measures which examples it happened to meet. The agent's edits change nothing, so
    // every member is equally good and the seed (the earliest of equals) must be chosen.
    const task = makeTask(48);
    const { handle } = scriptedModel(({ user }) => {
      const item = /^item (\d+)$/.exec(user);
      if (item) return Number(item[1]) < 6 ? `Answer: r${item[1]}` : 'Answer: wrong';
      return `Rationale.\n<prompt>${current(user)} Be nice.</prompt>`;
    });
    const engine = new Engine({ taskModel: handle });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: [], seed: 5, templates },
      {
        generations: 4,
        children: 2,
        minibatch: 4,
        selector: scoreChildSelector(),
        admission: betterOrWithinNoise(0.5),
        agentPrompt: 'You edit prompts.',
      },
    );
    expect(result.selectionSplit).toBe('selection');
    const seedIds = Object.keys(result.seed.scores.selection?.perExample ?? {}).sort();
    expect(seedIds.length).toBeGreaterThan(0);
    for (const m of result.archive.members())
      expect(Object.keys(m.scores.selection?.perExample ?? {}).sort()).toEqual(seedIds);
    expect(result.archive.members().length).toBeGreaterThan(1);
    expect(result.best.id).toBe(result.seed.id);
  });

  it('ranks agent prompts by paired differences along their lineage', async () => {
    const tasks = [makeTask(32), makeTask(32, 'toy2')];
    const { handle } = scriptedModel(({ user }) => {
      const item = /^item (\d+)$/.exec(user);
      if (item) return 'Answer: wrong';
      return `Rationale.\n<prompt>${current(user)} More.</prompt>`;
    });
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
        children: 2,
        tasksPerEval: 1,
        inner: {
          generations: 1,
          children: 1,
          minibatch: 4,
          selector: scoreChildSelector(),
          admission: betterOrWithinNoise(),
        },
        selector: scoreChildSelector(),
        admission: betterOrWithinNoise(),
        seedAgentPrompt: 'You edit prompts.',
      },
    );
    for (const c of result.archive.all()) {
      if (c.parentId === undefined) continue;
      const parent = result.archive.get(c.parentId);
      const key = Object.keys(c.scores.improvement?.perExample ?? {})[0] ?? '';
      const delta =
        (c.scores.improvement?.perExample[key] ?? 0) - (parent?.scores.improvement?.perExample[key] ?? 0);
      expect(c.scores.lineage?.mean).toBeCloseTo((parent?.scores.lineage?.mean ?? Number.NaN) + delta);
    }
    expect(result.best.scores.lineage).toBeDefined();
  });
});

describe('SePO admits on examples the agent was not shown (item 5)', () => {
  it('a child that copies the shown answers into its prompt gains nothing on the admission examples', async () => {
    // The task model answers an item right only when the prompt quotes its answer; the prompt agent
    // copies every answer the feedback shows it. Before, the copy won on the very examples it quoted.
    const task = makeTask(64);
    const shownIds = new Set<string>();
    const { handle: world } = scriptedModel(({ system, user }) => {
      const item = /^item (\d+)$/.exec(user);
      if (item)
        return system.includes(`Example answer: r${item[1]}.`) ? `Answer: r${item[1]}` : 'Answer: wrong';
      for (const m of user.matchAll(/<example id="(x\d+)"/g)) shownIds.add(m[1] ?? '');
      const copies = [...user.matchAll(/Expected "(r\d+)"/g)].map((m) => `Example answer: ${m[1]}.`);
      return `Rationale.\n<prompt>${current(user)} ${copies.join(' ')}</prompt>`;
    });
    const engine = new Engine({ taskModel: world });
    const result = await runTaskLevelSearch(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 2, templates },
      {
        generations: 3,
        children: 2,
        minibatch: 8,
        selector: scoreChildSelector(),
        admission: strictlyBetter,
        agentPrompt: 'You edit prompts.',
      },
    );
    expect(shownIds.size).toBeGreaterThan(0);
    expect(result.proposals.length).toBe(6);
    for (const p of result.proposals) {
      expect(p.admitted).toBe(false);
      expect(p.improved).toEqual([]);
    }
  });

  it('splits the training set into disjoint selection, feedback and admission parts', () => {
    const examples = Array.from({ length: 40 }, (_, i) => ({ id: `e${i}`, input: '', answer: '' }));
    const parts = partitionTraining(examples, 16, 7);
    expect(parts.selection).toHaveLength(13);
    expect(parts.feedback).toHaveLength(14);
    expect(parts.admission).toHaveLength(13);
    const ids = [...parts.selection, ...parts.feedback, ...parts.admission].map((e) => e.id);
    expect(new Set(ids).size).toBe(40);
    expect(partitionTraining(examples, 0, 7).selection).toHaveLength(0);
    expect(partitionTraining(examples.slice(0, 2), 4, 7).selection).toEqual(
      partitionTraining(examples.slice(0, 2), 4, 7).admission,
    );
  });
});

describe('SePO self-edit request labels its evidence (item 6)', () => {
  it('shows held-out improvement per task as the fitness, and minibatch outcomes as minibatch outcomes', async () => {
    const tasks = [makeTask(32), makeTask(32, 'toy2')];
    const { handle, calls } = scriptedModel(({ system, user }) => {
      const item = /^item (\d+)$/.exec(user);
      if (item) return system.includes('CHECK') ? `Answer: r${item[1]}` : 'Answer: wrong';
      if (user.includes('your own system prompt')) return `Habit.\n<prompt>${current(user)} X</prompt>`;
      return `Rationale.\n<prompt>${current(user)} CHECK</prompt>`;
    });
    const engine = new Engine({ taskModel: handle });
    await runAgentLevelSearch(
      {
        engine,
        pool: tasks.map((task) => ({ task, train: task.splits.train, heldOut: task.splits.val })),
        seed: 3,
        templates,
      },
      {
        generations: 1,
        children: 1,
        tasksPerEval: 2,
        inner: {
          generations: 1,
          children: 1,
          minibatch: 4,
          selector: scoreChildSelector(),
          admission: betterOrWithinNoise(),
        },
        selector: scoreChildSelector(),
        admission: betterOrWithinNoise(),
        seedAgentPrompt: 'You edit prompts.',
      },
    );
    const selfEdit = calls.find((c) => c.user.includes('your own system prompt'))?.user ?? '';
    expect(selfEdit).not.toMatch(/outcomes on held-out examples/);
    // Held-out: the seed prompt scores 0 on the held-out examples, the inner run's best 100%.
    expect(selfEdit).toMatch(
      /<task id="toy" round="1">held-out accuracy 0% \(starting prompt\) -> 100% \(your best prompt\), \+100 points on 8 held-out examples/,
    );
    expect(selfEdit).toMatch(/Mean held-out improvement: \+100\.0 points\./);
    expect(selfEdit).toMatch(/IMPROVED on the training minibatch 0% -> 100% \(kept\)/);
    expect(selfEdit).toMatch(/outcomes on a training minibatch/);
  });
});
