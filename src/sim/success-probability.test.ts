import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.js';
import { loadWorld, worldFromText } from './load-world.js';
import { detectBehaviours, detectMetaBehaviours, successProbability } from './success-probability.js';
import { sigmoid } from './text-match.js';

const tiny = worldFromText(
  JSON.stringify({
    name: 'tiny',
    seed: 5,
    behaviours: [
      {
        id: 'check',
        phrase: 'Check your result.',
        patterns: ['/\\bverify\\b/', 'double check'],
        symptom: 'I did not check.',
      },
      { id: 'brief', phrase: 'Be brief.', symptom: 'I was too long.' },
      { id: 'steps', phrase: 'Think step by step.', symptom: 'I skipped steps.' },
      {
        id: 'fmt',
        phrase: "End with 'Answer: <value>'.",
        patterns: ['/answer:\\s*<value>/'],
        symptom: 'No answer line.',
      },
    ],
    tasks: [
      {
        id: 't',
        source: { kind: 'synthetic', generator: 'arithmetic' },
        splits: { train: 10, val: 0, test: 10 },
        baseLogit: { mean: 0.2, spread: 0.5 },
        behaviourEffects: {
          check: { mean: 0.5, spread: 0.2 },
          brief: { mean: -0.3, spread: 0.2 },
          steps: { mean: 0.3, spread: 0.2 },
        },
        conflicts: [{ between: ['brief', 'steps'], penalty: 0.7 }],
        length: { freeTokens: 10, perToken: 0.01 },
        format: { behaviour: 'fmt', unparsableRate: 0.4 },
        memorisation: { boost: 5, elsewhere: 0.2 },
      },
    ],
  }),
  'tiny.json',
);

const FMT = "End with 'Answer: <value>'.";
const ex0 = tiny.example('t', 'train-0');
const params = tiny.paramsOf(ex0);
const p = (prompt: string, id = 'train-0'): number => successProbability(tiny, 't', prompt, id);
const tokens = (s: string): number => Math.ceil(s.length / 4);
const lengthPenalty = (s: string): number => Math.max(0, tokens(s) - 10) * 0.01;

describe('successProbability', () => {
  it('is sigmoid(base + effects of present behaviours - penalties), times the parsable share', () => {
    const prompt = `Please verify. ${FMT}`;
    const expected = sigmoid(params.base + (params.effects[0] ?? 0) - lengthPenalty(prompt));
    expect(p(prompt)).toBeCloseTo(expected, 12);
    const noFormat = 'Please verify everything.';
    const expectedNoFormat = sigmoid(params.base + (params.effects[0] ?? 0) - lengthPenalty(noFormat)) * 0.6;
    expect(p(noFormat)).toBeCloseTo(expectedNoFormat, 12);
  });

  it('charges a conflict penalty when both behaviours are present', () => {
    const both = `Be brief. Think step by step. ${FMT}`;
    const e = params.effects;
    const expected = sigmoid(params.base + (e[1] ?? 0) + (e[2] ?? 0) - 0.7 - lengthPenalty(both));
    expect(p(both)).toBeCloseTo(expected, 12);
  });

  it('draws per-example effects around the task mean, the same on every compilation', () => {
    const again = worldFromText(JSON.stringify(tiny.file), 'again.json');
    expect(again.paramsOf(again.example('t', 'train-3'))).toEqual(
      tiny.paramsOf(tiny.example('t', 'train-3')),
    );
    const checks = tiny.defaultTask.splits.train.map(
      (e) => tiny.paramsOf(tiny.example('t', e.id)).effects[0] ?? 0,
    );
    expect(new Set(checks).size).toBe(checks.length);
    for (const c of checks) expect(Math.abs(c - 0.5)).toBeLessThan(0.2 * 4);
  });

  it('springs the memorisation trap: a quoted question with its answer helps that example only', () => {
    const ex = ex0.example;
    const quote = `${FMT}\nFor instance, "${ex.input}" has the answer ${ex.answer}.`;
    const quoteNoAnswer = `${FMT}\nFor instance, "${ex.input}" is a question.`;
    expect(tiny.featuresOf(quote).leaked.has(ex0)).toBe(true);
    expect(tiny.featuresOf(quoteNoAnswer).leaked.size).toBe(0);
    const len = lengthPenalty(quote);
    expect(p(quote)).toBeCloseTo(sigmoid(params.base + 5 - len), 12);
    const other = tiny.paramsOf(tiny.example('t', 'train-1'));
    expect(p(quote, 'train-1')).toBeCloseTo(sigmoid(other.base - 0.2 - len), 12);
  });

  it('throws naming the task for unknown tasks and examples', () => {
    expect(() => p(FMT, 'nope')).toThrow(/unknown example "nope" in task sim:tiny/);
    expect(() => successProbability(tiny, 'zzz', FMT, 'train-0')).toThrow(
      /unknown task of world "tiny" "zzz"; known: t/,
    );
    expect(successProbability(tiny, 'sim:tiny', FMT, 'train-0')).toBe(p(FMT));
  });
});

describe('detectBehaviours', () => {
  it('finds behaviours by canonical phrase, phrases and regexes, case-insensitively', () => {
    expect(detectBehaviours(tiny, 'CHECK YOUR RESULT!')).toEqual(['check']);
    expect(detectBehaviours(tiny, 'Always double   check, then think step-by-step')).toEqual(['check']);
    expect(detectBehaviours(tiny, 'Verify. Be brief. Think step by step. answer: <value>')).toEqual([
      'check',
      'brief',
      'steps',
      'fmt',
    ]);
    expect(detectBehaviours(tiny, 'verifying')).toEqual([]);
  });

  it('finds meta-behaviours of the built-in worlds', () => {
    const demo = loadWorld('demo');
    expect(
      detectMetaBehaviours(demo, 'Diagnose each failure. Keep what works. Never copy answers from examples.'),
    ).toEqual(['diagnose', 'keep-what-works', 'no-copy']);
    expect(detectMetaBehaviours(demo, demo.defaultSystemPrompt)).toEqual([]);
  });
});

/**
 * p1's diagnostic: the among-system-prompt variance of the mean true success over K examples. On a
 * heterogeneous task it shrinks as K grows (preferences of examples cancel); on a homogeneous one it
 * stays level.
 */
function amongPromptVariance(worldName: string, ks: readonly number[]): number[] {
  const world = loadWorld(worldName);
  const task = world.defaultTask;
  const rng = createRng(17);
  const fmt = world.behaviours[task.formatIndex];
  const relevant = world.behaviours.filter((b) => task.listed[b.index] === 1);
  const prompts = Array.from({ length: 16 }, () =>
    [fmt?.phrase ?? '', ...relevant.filter(() => rng.next() < 0.5).map((b) => b.phrase)].join('\n'),
  );
  const examples = task.splits.train;
  const P = prompts.map((prompt) => examples.map((e) => successProbability(world, task.id, prompt, e.id)));
  return ks.map((k) => {
    let total = 0;
    const reps = 400;
    for (let r = 0; r < reps; r++) {
      const subset = rng.shuffle(examples.map((_, i) => i)).slice(0, k);
      const means = P.map((row) => subset.reduce((s, i) => s + (row[i] ?? 0), 0) / k);
      const m = means.reduce((a, b) => a + b, 0) / means.length;
      total += means.reduce((a, b) => a + (b - m) ** 2, 0) / means.length;
    }
    return total / reps;
  });
}

describe('heterogeneity', () => {
  const ks = [1, 2, 4, 8, 16];
  it('hetero: the among-prompt variance of the mean falls as K grows', () => {
    const v = amongPromptVariance('hetero', ks);
    for (let i = 1; i < v.length; i++) expect(v[i]).toBeLessThan((v[i - 1] ?? 0) * 0.8);
    expect(v[4]).toBeLessThan((v[0] ?? 0) / 5);
  });

  it('homo: the among-prompt variance stays roughly level', () => {
    const v = amongPromptVariance('homo', ks);
    for (const x of v) expect(x).toBeGreaterThan((v[0] ?? 0) * 0.8);
    expect(v[4]).toBeGreaterThan(0.005);
  });

  /** Share of training examples each single behaviour, added to Manual-CoT, helps. */
  function helpedShares(worldName: string): number[] {
    const world = loadWorld(worldName);
    const task = world.defaultTask;
    const seed = task.spec.defaultSystemPrompt ?? world.defaultSystemPrompt;
    const present = new Set(detectBehaviours(world, seed));
    return world.behaviours
      .filter((b) => task.listed[b.index] === 1 && !present.has(b.id))
      .map((b) => {
        const helped = task.splits.train.filter(
          (e) =>
            successProbability(world, task.id, `${seed}\n${b.phrase}`, e.id) >
            successProbability(world, task.id, seed, e.id),
        );
        return helped.length / task.splits.train.length;
      });
  }

  it('hetero: most single changes help some examples and hurt others; homo: (nearly) all or none', () => {
    const hetero = helpedShares('hetero');
    expect(hetero.filter((s) => s > 0.2 && s < 0.8).length).toBeGreaterThanOrEqual(hetero.length - 1);
    for (const s of helpedShares('homo')) expect(s <= 0.1 || s >= 0.9).toBe(true);
  });
});
