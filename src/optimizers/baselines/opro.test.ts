import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { ScriptedCall } from '../../test-support/scripted-model.js';
import { runOpro } from './opro.js';
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

const base = { proposalsPerStep: 8, historySize: 20, exemplars: 3, minibatch: 8, scoreThreshold: 0 };

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

  it('runs until the rollout budget when no step count is given', async () => {
    const task = toyTask(32);
    const engine = new Engine({ taskModel: toyWorld(oproAgent()).handle, limits: { maxRollouts: 100 } });
    const result = await runOpro(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 2, templates },
      base,
    );
    expect(result.stopReason).toMatch(/budget exhausted/);
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(100);
    expect(engine.spend().task.rollouts).toBeGreaterThan(100 - 8);
  });
});
