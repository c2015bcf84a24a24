import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { ScriptedCall } from '../../test-support/scripted-model.js';
import { planOpro, runOpro } from './opro.js';
import { isTaskCall, templates, toyTask, toyWorld } from './test-support/toy-world.js';

const WORDS = ['CHECK', 'UNITS', 'CAREFULLY', 'CHECK'];

/** Extends the last (best) prompt shown with a word picked by the call's sample seed, plus a counter. */
function oproAgent() {
  let n = 0;
  return (call: ScriptedCall): string => {
    const shown = [...call.user.matchAll(/<candidate score="(\d+)">\n([\s\S]*?)\n<\/candidate>/g)];
    const best = shown[shown.length - 1]?.[2] ?? 'Answer the item.';
    const word = WORDS[(call.seed ?? 0) % WORDS.length] as string;
    n++;
    // Every fourth reply repeats the best prompt: a duplicate OPRO must not score again.
    return n % 4 === 0 ? `<INS>${best}</INS>` : `<INS>${best} ${word}${n}</INS>`;
  };
}

const base = { proposalsPerStep: 8, historySize: 20, exemplars: 3, scoringSet: 8, scoreThreshold: 0 };

describe('OPRO', () => {
  it('shows the best past prompts in ascending order with exemplars, 8 proposals a step', async () => {
    const task = toyTask(32);
    const { handle, calls } = toyWorld(oproAgent());
    const engine = new Engine({ taskModel: handle });
    const result = await runOpro(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      { ...base, steps: 5 },
    );
    const requests = calls.filter((c) => !isTaskCall(c));
    expect(requests).toHaveLength(5 * 8);
    // The 8 proposals of a step share the meta-prompt and differ by sample seed.
    expect(new Set(requests.slice(0, 8).map((c) => c.user)).size).toBe(1);
    expect(new Set(requests.slice(0, 8).map((c) => c.seed)).size).toBe(8);
    for (const r of requests) {
      const scores = [...r.user.matchAll(/<candidate score="(\d+)">/g)].map((m) => Number(m[1]));
      expect(scores.length).toBeLessThanOrEqual(20);
      expect([...scores].sort((a, b) => a - b)).toEqual(scores);
      expect((r.user.match(/Ground truth answer:/g) ?? []).length).toBe(3);
      expect(r.user).toContain('between <INS> and </INS>');
    }
    // After more than 20 prompts were scored, only 20 are shown.
    const last = requests[requests.length - 1]?.user ?? '';
    expect((last.match(/<candidate score=/g) ?? []).length).toBe(20);
    // Every prompt is scored on the same fixed training subset; duplicates are not scored again.
    const scored = result.archive.filter((c) => c.scores.train !== undefined);
    for (const c of scored) expect(c.scores.train?.n).toBe(8);
    expect(new Set(scored.map((c) => c.prompt)).size).toBe(scored.length);
    const best = Math.max(...scored.map((c) => c.scores.train?.mean ?? 0));
    expect(result.best.scores.train?.mean).toBe(best);
    expect(result.chosenBy).toBe('train');
  });

  it('runs until the rollout budget when no step count is given, its last step sized to what is left', async () => {
    const task = toyTask(32);
    for (const budget of [100, 300]) {
      const engine = new Engine({ taskModel: toyWorld(oproAgent()).handle, limits: { maxRollouts: budget } });
      const { scoringSet: _fixed, ...sized } = base;
      const result = await runOpro(
        { engine, task, train: task.splits.train, val: task.splits.val, seed: 2, templates },
        sized,
      );
      expect(result.stopCategory).toBe('budget');
      expect(engine.spend().task.rollouts).toBeLessThanOrEqual(budget);
      expect(engine.spend().task.rollouts).toBeGreaterThanOrEqual(0.9 * budget);
    }
  });

  it('scores on the training split when the budget allows, else on a budget-sized sample of at least 10', () => {
    // OPRO's own setting: every prompt on the whole training split.
    expect(planOpro({ budget: 10_000, proposals: 8, trainSize: 40 }).scoring).toBe(40);
    // 3 full steps of 8 must fit: 300 / (1 + 24) = 12.
    expect(planOpro({ budget: 300, proposals: 8, trainSize: 40 })).toMatchObject({
      scoring: 12,
      steps: undefined,
    });
    expect(planOpro({ budget: 120, proposals: 8, trainSize: 40 }).scoring).toBe(10);
    // Fixed steps and a fixed scoring set win over the sizing.
    expect(planOpro({ budget: 300, proposals: 8, trainSize: 40, steps: 2 }).scoring).toBe(17);
    expect(planOpro({ budget: 300, proposals: 8, trainSize: 40, scoring: 5 }).scoring).toBe(5);
    // No budget: the training split, 10 steps.
    expect(planOpro({ budget: Number.POSITIVE_INFINITY, proposals: 8, trainSize: 40 })).toMatchObject({
      scoring: 40,
      steps: 10,
    });
  });
});
