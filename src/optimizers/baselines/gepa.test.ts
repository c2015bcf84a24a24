import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine.js';
import type { ScriptedCall } from '../../test-support/scripted-model.js';
import { detailsOf } from '../framework/method-details.js';
import { type GepaIteration, runGepa } from './gepa.js';
import {
  currentPrompt,
  isTaskCall,
  symptoms,
  templates,
  toyTask,
  toyWorld,
} from './test-support/toy-world.js';

const fence = (text: string): string => `Here is the new instruction.\n\`\`\`\n${text}\n\`\`\``;

/** Reflection appends the first word the shown failures forgot; `forget` drops the oldest word first. */
function gepaAgent(options: { forget?: (call: number) => boolean } = {}) {
  let reflections = 0;
  return (call: ScriptedCall): string => {
    if (call.user.includes('Merge the two descendants')) {
      const descendants = [
        ...call.user.matchAll(/<candidate score="[^"]*" role="descendant">\n([\s\S]*?)\n<\/candidate>/g),
      ];
      const words = new Set(descendants.flatMap((m) => (m[1] ?? '').split(' ').slice(3)));
      return fence(`Answer the item. ${[...words].join(' ')}`.trim());
    }
    if (call.user.includes('``` blocks')) {
      reflections++;
      let words = currentPrompt(call.user).split(' ').slice(3);
      if (options.forget?.(reflections) === true) words = words.slice(1);
      const missing = symptoms(call.user)[0];
      return fence(
        `Answer the item. ${[...words, ...(missing === undefined ? [] : [missing])].join(' ')}`.trim(),
      );
    }
    return 'I cannot help with that.';
  };
}

const base = { reflectionMinibatch: 3, merge: false, maxMerges: 5, mergeSubsample: 5, skipPerfect: true };

describe('GEPA', () => {
  it('accepts a child only when it improves its minibatch, then scores it on the whole validation set', async () => {
    const task = toyTask(32);
    const { handle, calls } = toyWorld(gepaAgent());
    const engine = new Engine({ taskModel: handle, limits: { maxRollouts: 400 } });
    const result = await runGepa(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      base,
    );
    expect(result.chosenBy).toBe('val');
    expect(result.best.scores.val?.mean).toBe(1);
    expect(result.best.prompt).toContain('CHECK');
    expect(result.best.prompt).toContain('UNITS');
    const log = detailsOf(result.details, 'gepa')?.log ?? [];
    for (const it of log.filter((i) => i.childId !== undefined)) {
      const child = result.archive.find((c) => c.id === it.childId);
      expect(it.accepted).toBe((it.after ?? 0) > (it.before?.[0] ?? 0));
      expect(child?.status).toBe(it.accepted ? 'admitted' : 'rejected');
      // Accepted children are scored on the full Pareto (validation) set; rejected ones never are.
      expect(child?.scores.val?.n ?? 0).toBe(it.accepted ? task.splits.val.length : 0);
    }
    // A perfect minibatch is skipped without a reflection call.
    const skipped = log.filter((i) => i.skipped === 'all minibatch scores perfect');
    expect(skipped.length).toBeGreaterThan(0);
    const reflections = calls.filter((c) => !isTaskCall(c));
    expect(reflections).toHaveLength(log.length - skipped.length);
    expect(result.stopReason).toMatch(/no rollouts in \d+ iterations|metric calls|budget/);
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(400);
  });

  it('selects parents from the Pareto front: a dominated seed is not reflected on again', async () => {
    const task = toyTask(32);
    const { handle, calls } = toyWorld(gepaAgent());
    const engine = new Engine({ taskModel: handle, limits: { maxRollouts: 400 } });
    const result = await runGepa(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 3, templates },
      base,
    );
    const log = detailsOf(result.details, 'gepa')?.log ?? [];
    const firstAccepted = log.findIndex((i) => i.accepted);
    expect(firstAccepted).toBeGreaterThanOrEqual(0);
    // The accepted child scores at least the seed everywhere, so the seed leaves the front.
    for (const it of log.slice(firstAccepted + 1)) expect(it.parents).not.toContain(result.seed.id);
    expect(calls.some((c) => c.user.includes('## Generated Outputs'))).toBe(true);
  });

  it('stops at the metric-call budget', async () => {
    const task = toyTask(32);
    const engine = new Engine({ taskModel: toyWorld(gepaAgent()).handle, limits: { maxRollouts: 40 } });
    const result = await runGepa(
      { engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates },
      base,
    );
    expect(engine.spend().task.rollouts).toBeLessThanOrEqual(40);
    expect(result.stopReason).toMatch(/budget|metric calls/);
  });

  it('needs a budget', async () => {
    const task = toyTask(32);
    const engine = new Engine({ taskModel: toyWorld(gepaAgent()).handle });
    await expect(
      runGepa({ engine, task, train: task.splits.train, val: task.splits.val, seed: 1, templates }, base),
    ).rejects.toThrow(/--budget or --max-metric-calls/);
  });

  it('merges two non-dominated candidates that share an ancestor, neither descending from the other', async () => {
    const task = toyTask(48);
    const need = (i: number): string => ['ALPHA', 'BETA', 'GAMMA'][i % 3] as string;
    const merges: { log: GepaIteration; parents: Map<string, readonly string[]> }[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const { handle, calls } = toyWorld(gepaAgent({ forget: (n) => n % 2 === 0 }), need);
      const engine = new Engine({ taskModel: handle, limits: { maxRollouts: 600 } });
      const result = await runGepa(
        { engine, task, train: task.splits.train, val: task.splits.val, seed, templates },
        { ...base, merge: true },
      );
      const candidates = detailsOf(result.details, 'gepa')?.candidates ?? [];
      const parents = new Map(candidates.map((c) => [c.id, c.parents]));
      const mergeLogs = (detailsOf(result.details, 'gepa')?.log ?? []).filter((i) => i.kind === 'merge');
      for (const log of mergeLogs) {
        merges.push({ log, parents });
        const request = calls.find((c) => c.user.includes('Merge the two descendants'));
        expect(request?.user).toMatch(/role="ancestor"/);
        const child = result.archive.find((c) => c.id === log.childId);
        expect(child?.scores.val?.n).toBe(log.accepted ? task.splits.val.length : 5);
      }
    }
    expect(merges.length).toBeGreaterThan(0);
    for (const { log, parents } of merges) {
      const [a, b] = log.parents as [string, string];
      const ancestors = (id: string): string[] => {
        const out: string[] = [];
        const stack = [...(parents.get(id) ?? [])];
        while (stack.length > 0) {
          const p = stack.pop() as string;
          if (!out.includes(p)) out.push(p);
          stack.push(...(parents.get(p) ?? []).filter((q) => !out.includes(q)));
        }
        return out;
      };
      expect(ancestors(a)).not.toContain(b);
      expect(ancestors(b)).not.toContain(a);
      expect(ancestors(a).some((x) => ancestors(b).includes(x))).toBe(true);
    }
  });
});
