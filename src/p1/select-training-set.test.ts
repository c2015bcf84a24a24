import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { BudgetExhaustedError } from '../errors.js';
import { resolveModel } from '../models/resolve-model.js';
import '../sim/register.js';
import { loadTask } from '../tasks/load-task.js';
import { loadTemplates } from '../templates/load-templates.js';
import { defaultMetaPrompt, generatorSystemPrompt } from './meta-prompt.js';
import type { PromptSource } from './run-diagnosis.js';
import { selectTrainingSet } from './select-training-set.js';

const templates = loadTemplates();

function setup(world: 'hetero' | 'homo', limits?: { maxRollouts: number }) {
  const task = loadTask(`sim:${world}`);
  const engine = new Engine({
    taskModel: resolveModel(`sim:${world}`, { env: {} }),
    concurrency: 64,
    ...(limits === undefined ? {} : { limits }),
  });
  const prompts: PromptSource = {
    kind: 'generate',
    count: 8,
    metaPrompt: defaultMetaPrompt(task, templates),
    system: generatorSystemPrompt(templates),
  };
  return { task, engine, prompts };
}

const FAST = { resamples: 100, curveDraws: 30 } as const;

describe('selectTrainingSet', () => {
  it('all: the whole training split, no rollouts', async () => {
    const { task, engine } = setup('hetero');
    const s = await selectTrainingSet(engine, task, task.splits.train, { method: 'all', seed: 0 });
    expect(s.examples).toBe(task.splits.train);
    expect(s.record.filtered).toBe(false);
    expect(engine.spend().task.rollouts).toBe(0);
  });

  it('random: k examples drawn with the seed, in training order', async () => {
    const { task, engine } = setup('hetero');
    const pick = async (seed: number) =>
      (await selectTrainingSet(engine, task, task.splits.train, { method: 'random', size: 3, seed })).record
        .chosenIds;
    const a = await pick(1);
    expect(a).toHaveLength(3);
    expect(await pick(1)).toEqual(a);
    const order = task.splits.train.map((e) => e.id);
    expect([...a].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(a);
    const others = await Promise.all([2, 3, 4].map(pick));
    expect(others.some((o) => o.join() !== a.join())).toBe(true);
    expect(engine.spend().task.rollouts).toBe(0);
  });

  it("p1: the diagnosis's top subset, with its rollouts counted", async () => {
    const { task, engine, prompts } = setup('hetero');
    const s = await selectTrainingSet(engine, task, task.splits.train, {
      method: 'p1',
      size: 2,
      seed: 0,
      samples: 4,
      prompts,
      analysis: FAST,
    });
    const top = s.diagnosis?.analysis.subsets.top[0];
    expect(top).toBeDefined();
    expect(s.record.chosenIds).toEqual(top?.ids);
    expect(s.examples.map((e) => e.id)).toEqual(top?.ids);
    expect(s.record.filtered).toBe(true);
    expect(s.record.rolloutsUsed).toBe(8 * task.splits.train.length * 4);
    expect(engine.spend().task.rollouts).toBe(s.record.rolloutsUsed);
    expect(s.record.generatorCalls).toBe(8);
    expect(s.record.topSubsets[0]?.ids).toEqual(top?.ids);
  });

  it('auto keeps the full set on homogeneous data and says why', async () => {
    const { task, engine, prompts } = setup('homo');
    const s = await selectTrainingSet(engine, task, task.splits.train, {
      method: 'auto',
      size: 2,
      seed: 0,
      samples: 8,
      prompts,
      analysis: FAST,
    });
    expect(s.record.verdict?.kind).toBe('learnable');
    expect(s.record.filtered).toBe(false);
    expect(s.examples).toHaveLength(task.splits.train.length);
    expect(s.record.reason).toMatch(/kept all 40 training examples because the diagnosis is learnable/);
  });

  it('auto keeps the full set on sim:hetero: its signal falls with K, its signal/noise ratio does not', async () => {
    // sim:hetero draws each example's behaviour effects independently: the signal falls as 1/K like the
    // noise, a flat ratio, which p1 §3.3 counts as homogeneous (filtering is for a falling ratio).
    const { task, engine, prompts } = setup('hetero');
    const s = await selectTrainingSet(engine, task, task.splits.train, {
      method: 'auto',
      size: 2,
      seed: 0,
      samples: 8,
      prompts,
      analysis: FAST,
    });
    const l = s.diagnosis?.analysis.learnability;
    expect(l?.signalDrop).toBeGreaterThan(0.5);
    expect(l?.ratioTrend).not.toBe('falling');
    expect(s.record.verdict?.kind).not.toBe('heterogeneous');
    expect(s.record.filtered).toBe(false);
    expect(s.record.chosenIds).toHaveLength(task.splits.train.length);
  });

  it('stops before any rollout when the diagnosis does not fit the budget', async () => {
    const { task, engine, prompts } = setup('hetero', { maxRollouts: 100 });
    await expect(
      selectTrainingSet(engine, task, task.splits.train, {
        method: 'p1',
        size: 2,
        seed: 0,
        samples: 4,
        prompts,
      }),
    ).rejects.toThrow(BudgetExhaustedError);
    expect(engine.spend().task.rollouts).toBe(0);
  });

  it('refuses k larger than the training set', async () => {
    const { task, engine } = setup('hetero');
    await expect(
      selectTrainingSet(engine, task, task.splits.train, { method: 'random', size: 31, seed: 0 }),
    ).rejects.toThrow(/k = 31 exceeds the 30 training examples/);
  });
});
