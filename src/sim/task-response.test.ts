import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { loadWorld } from './load-world.js';
import { loadSimTask } from './sim-task.js';
import { simulateText } from './simulate-call.js';
import { outcomeOdds, successProbability } from './success-probability.js';
import { simulateTaskCall } from './task-response.js';

const world = loadWorld('demo');
const task = loadSimTask('sim:demo');
const MANUAL = task.defaultSystemPrompt;
const GOOD = [
  MANUAL,
  'Check your result before giving the final answer.',
  'Write down every quantity from the problem before computing.',
].join('\n');
const NO_FORMAT = 'You are a helpful assistant.';
const BAD = `${MANUAL}\nAnswer as briefly as possible.\nWrite Python code to compute the answer.`;

/** Seeds as the engine passes them: arbitrary 32-bit values, one per sample. */
const seeds = (n: number, salt: number): number[] => {
  const rng = createRng(salt);
  return Array.from({ length: n }, () => Math.floor(rng.next() * 4294967296));
};

describe('task calls: determinism', () => {
  it('gives the same text for the same world, prompt, example and seed', () => {
    for (const ex of task.splits.train.slice(0, 10)) {
      for (const seed of [undefined, 0, 1, 123456789]) {
        expect(simulateText(world, MANUAL, ex.input, seed)).toBe(simulateText(world, MANUAL, ex.input, seed));
      }
      expect(simulateText(world, MANUAL, ex.input)).toBe(simulateText(world, MANUAL, ex.input, 0));
    }
  });

  it('draws independently for different sample seeds', () => {
    const ex = task.splits.train.find(
      (e) => Math.abs(successProbability(world, 'arith', MANUAL, e.id) - 0.5) < 0.15,
    );
    expect(ex).toBeDefined();
    if (ex === undefined) return;
    const outcomes = seeds(4000, 1).map((s) =>
      task.scorer.score(ex, simulateText(world, MANUAL, ex.input, s)),
    );
    const x = outcomes.map((o) => (o instanceof Promise ? 0 : o.score));
    const texts = new Set(seeds(50, 2).map((s) => simulateText(world, MANUAL, ex.input, s)));
    expect(texts.size).toBeGreaterThan(3);
    // Lag-1 correlation of the 0/1 outcome series: independent draws give |r| < 3 / sqrt(n).
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < x.length; i++) {
      den += ((x[i] ?? 0) - mean) ** 2;
      if (i > 0) num += ((x[i] ?? 0) - mean) * ((x[i - 1] ?? 0) - mean);
    }
    expect(Math.abs(num / den)).toBeLessThan(3 / Math.sqrt(x.length));
    // Consecutive small sample indices are as independent as hashed seeds.
    const small = Array.from({ length: 4000 }, (_, s) =>
      task.scorer.score(ex, simulateText(world, MANUAL, ex.input, s)),
    );
    const k = small.filter((o) => !(o instanceof Promise) && o.score === 1).length;
    const p = successProbability(world, 'arith', MANUAL, ex.id);
    expect(Math.abs(k - 4000 * p) / Math.sqrt(4000 * p * (1 - p))).toBeLessThan(3);
  });

  it('depends on the system prompt even for the same example and seed', () => {
    const ex = task.splits.train[0];
    if (ex === undefined) throw new Error('no example');
    const a = seeds(40, 3).map((s) => simulateText(world, MANUAL, ex.input, s));
    const b = seeds(40, 3).map((s) => simulateText(world, `${MANUAL} `, ex.input, s));
    expect(a).not.toEqual(b);
  });
});

describe('task calls: calibration', () => {
  it('matches successProbability within sampling error (|z| < 3) across prompts and examples', () => {
    const M = 2000;
    let chi2 = 0;
    let cells = 0;
    for (const prompt of [MANUAL, GOOD, NO_FORMAT, BAD]) {
      for (const ex of task.splits.test.slice(0, 4)) {
        const p = successProbability(world, 'arith', prompt, ex.id);
        let k = 0;
        for (const s of seeds(M, cells + 100)) {
          const r = task.scorer.score(ex, simulateText(world, prompt, ex.input, s));
          if (!(r instanceof Promise)) k += r.score;
        }
        const z = (k - M * p) / Math.sqrt(M * p * (1 - p));
        expect(Math.abs(z), `prompt ${prompt.slice(0, 30)}..., ${ex.id}: p=${p}, k=${k}`).toBeLessThan(3);
        chi2 += z * z;
        cells++;
      }
    }
    // 16 cells: chi-square with 16 degrees of freedom; 99.9th percentile is 39.3.
    expect(chi2).toBeLessThan(39.3);
  });

  it('produces unparsable answers at the format rate when the format behaviour is missing', () => {
    const ex = task.splits.test[0];
    if (ex === undefined) throw new Error('no example');
    const odds = outcomeOdds(world, world.featuresOf(NO_FORMAT), world.example('arith', ex.id));
    expect(odds.unparsable).toBe(0.5);
    const M = 2000;
    let unparsable = 0;
    for (const s of seeds(M, 7)) {
      const r = task.scorer.score(ex, simulateText(world, NO_FORMAT, ex.input, s));
      if (!(r instanceof Promise) && r.failure !== undefined) unparsable++;
    }
    expect(Math.abs(unparsable - M * 0.5) / Math.sqrt(M * 0.25)).toBeLessThan(3);
    expect(outcomeOdds(world, world.featuresOf(MANUAL), world.example('arith', ex.id)).unparsable).toBe(0);
  });
});

describe('task calls: what the model writes', () => {
  const sim = (prompt: string, n: number) =>
    task.splits.train.slice(0, 20).flatMap((e) =>
      seeds(n, 9).map((s) => ({
        ex: e,
        out: simulateTaskCall(world, prompt, world.example('arith', e.id), s),
      })),
    );

  it('writes short reasoning, then the reference answer on a final Answer line when correct', () => {
    const correct = sim(MANUAL, 10).filter((r) => r.out.kind === 'correct');
    expect(correct.length).toBeGreaterThan(50);
    for (const { ex, out } of correct) {
      const lines = out.text.split('\n');
      expect(lines.at(-1)).toBe(`Answer: ${ex.answer}`);
      expect(lines[0]?.length).toBeGreaterThan(10);
      expect(out.symptom).toBeUndefined();
    }
  });

  it('writes a plausible wrong number and usually the symptom of a missing helpful behaviour', () => {
    const wrong = sim(MANUAL, 10).filter((r) => r.out.kind === 'wrong');
    expect(wrong.length).toBeGreaterThan(50);
    let withSymptom = 0;
    let misleading = 0;
    for (const { ex, out } of wrong) {
      const answer = /Answer: (-?\d+)$/.exec(out.text)?.[1];
      expect(answer).toBeDefined();
      expect(answer).not.toBe(ex.answer);
      if (out.symptom === undefined) continue;
      withSymptom++;
      const b = world.behaviours.find((x) => x.id === out.symptom);
      expect(out.text).toContain(b?.symptom);
      expect(['stepwise', 'answer-line']).not.toContain(out.symptom);
      const effect = world.paramsOf(world.example('arith', ex.id)).effects[b?.index ?? -1] ?? 0;
      if (effect <= 0) misleading++;
    }
    // symptomRate 0.9; misleadingRate 0.2.
    expect(withSymptom / wrong.length).toBeGreaterThan(0.8);
    expect(misleading / withSymptom).toBeGreaterThan(0.1);
    expect(misleading / withSymptom).toBeLessThan(0.3);
  });

  it('writes no answer line and no digit at all when unparsable, with the format symptom', () => {
    const unparsable = sim(NO_FORMAT, 10).filter((r) => r.out.kind === 'unparsable');
    expect(unparsable.length).toBeGreaterThan(50);
    for (const { out } of unparsable) {
      expect(out.text).not.toMatch(/\d/);
      expect(out.text).not.toMatch(/answer:/i);
    }
    expect(unparsable.filter((r) => r.out.symptom === 'answer-line').length).toBeGreaterThan(
      unparsable.length * 0.8,
    );
  });
});
