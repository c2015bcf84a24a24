import { describe, expect, it } from 'vitest';
import { SepoError, UnknownNameError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import { attachTask } from './attach-task.js';
import { loadWorld, worldFromText } from './load-world.js';
import { NO_ANSWER_FEEDBACK } from './sim-scorer.js';
import { listSimTasks, loadSimTask, simPoolTaskIds } from './sim-task.js';
import { simulateText } from './simulate-call.js';
import { successProbability } from './success-probability.js';

describe('loadSimTask / listSimTasks', () => {
  it('loads the default task of a world and named tasks, with splits from the world file', () => {
    const demo = loadSimTask('sim:demo');
    expect(demo.id).toBe('sim:demo');
    expect(demo.kind).toBe('math');
    expect(demo.domain).toBe('arithmetic-word-problems');
    expect(demo.description).toMatch(/arithmetic word problem/);
    expect([demo.splits.train.length, demo.splits.val.length, demo.splits.test.length]).toEqual([
      40, 50, 200,
    ]);
    expect(demo.defaultSystemPrompt).toMatch(/step by step/i);
    expect(demo.defaultSystemPrompt).toContain("'Answer: <value>'");
    expect(loadSimTask('sim:demo/arith').id).toBe('sim:demo');
    const units = loadSimTask('sim:pool/units');
    expect(units.id).toBe('sim:pool/units');
    expect(units.domain).toBe('unit-conversion');
    expect(units.toUserMessage(units.splits.train[0] as Example)).toBe(units.splits.train[0]?.input);
  });

  it('is deterministic and keeps questions distinct across splits', () => {
    const a = loadSimTask('sim:pool/strings');
    const b = worldFromText(JSON.stringify(loadWorld('pool').file), 'copy.json').task('strings').splits;
    expect(b).toEqual(a.splits);
    const inputs = [...a.splits.train, ...a.splits.val, ...a.splits.test].map((e) => e.input);
    expect(new Set(inputs).size).toBe(inputs.length);
  });

  it('lists the synthetic tasks of every built-in world', () => {
    const ids = listSimTasks();
    expect(ids).toEqual(
      expect.arrayContaining([
        'sim:demo',
        'sim:hetero',
        'sim:homo',
        'sim:pool',
        'sim:pool/arith',
        'sim:pool/units',
      ]),
    );
    expect(ids).not.toContain('sim:pool/gsm8k');
    expect(ids).not.toContain('sim:pool/dates');
    expect(loadSimTask('sim:pool/dates').id).toBe('sim:pool');
    expect(loadSimTask('sim:pool').domain).toBe('date-arithmetic');
    for (const id of ids) expect(loadSimTask(id).id).toBe(id);
  });

  it('lists the pool of a world: synthetic tasks not marked as outside targets', () => {
    expect(simPoolTaskIds('pool')).toEqual([
      'sim:pool/arith',
      'sim:pool/units',
      'sim:pool/strings',
      'sim:pool/sorting',
      'sim:pool/counting',
    ]);
  });

  it('names the known tasks for unknown worlds and tasks', () => {
    expect(() => loadSimTask('sim:nope')).toThrow(UnknownNameError);
    expect(() => loadSimTask('sim:nope')).toThrow(
      /unknown sim task "sim:nope"; known: sim:demo, sim:demo\/units, sim:demo\/counting, sim:hetero/,
    );
    expect(() => loadSimTask('sim:demo/zzz')).toThrow(
      /unknown sim task "sim:demo\/zzz"; known: sim:demo, sim:demo\/units, sim:demo\/counting$/,
    );
    expect(() => loadSimTask('sim:pool/gsm8k')).toThrow(/external task: load the real task and attach it/);
  });
});

describe('the sim scorer', () => {
  const task = loadSimTask('sim:demo');
  const ex = task.splits.train[0] as Example;
  const score = (response: string) => task.scorer.score(ex, response);

  it('scores a correct response 1 with the extracted answer', () => {
    expect(score(`Some work.\nAnswer: ${ex.answer}`)).toEqual({
      score: 1,
      feedback: `correct: expected ${ex.answer}, extracted ${ex.answer}`,
      extracted: ex.answer,
    });
  });

  it('scores a wrong response 0 with "expected X, extracted Y"', () => {
    const wrong = String(Number(ex.answer) + 1);
    expect(score(`Work.\nAnswer: ${wrong}`)).toEqual({
      score: 0,
      feedback: `expected ${ex.answer}, extracted ${wrong}`,
      extracted: wrong,
    });
    expect(score(`I think it is ${wrong}.`)).toMatchObject({ score: 0, extracted: wrong });
  });

  it('marks an unparsable response as a failure telling how to fix it', () => {
    expect(score('I could not settle on anything.')).toEqual({
      score: 0,
      feedback: NO_ANSWER_FEEDBACK,
      failure: 'unparsable: no final answer found',
    });
    expect(NO_ANSWER_FEEDBACK).toBe("no final answer found: end with a line 'Answer: <value>'");
  });

  it('scores text and list tasks by their own comparison', () => {
    const strings = loadSimTask('sim:pool/strings');
    const s = strings.splits.train[0] as Example;
    expect(strings.scorer.score(s, `Answer: "${s.answer}"`)).toMatchObject({ score: 1 });
    expect(strings.scorer.score(s, 'I think the result is 42')).toMatchObject({
      score: 0,
      failure: expect.any(String),
    });
    const sorting = loadSimTask('sim:pool/sorting');
    const l = sorting.splits.train[0] as Example;
    expect(sorting.scorer.score(l, `Answer: ${l.answer.replace(/, /g, ',')}`)).toMatchObject({ score: 1 });
  });
});

describe('attachTask', () => {
  const examples: Example[] = Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    input: `Natalia sold clips to ${40 + i} of her friends in April, and then she sold half as many clips in May. How many clips did she sell?`,
    answer: String(Math.round((40 + i) * 1.5)),
  }));
  const gsm8k: Task = {
    id: 'gsm8k',
    description: 'Grade-school math word problems.',
    kind: 'math',
    domain: 'grade-school-math',
    splits: { train: examples.slice(0, 6), val: [], test: examples.slice(6) },
    defaultSystemPrompt: 'Solve it.',
    scorer: {
      name: 'hand-made',
      score: (ex, response) => {
        const last = /(-?\d+)\s*$/.exec(response.trim())?.[1];
        return { score: last === ex.answer ? 1 : 0, feedback: `expected ${ex.answer}` };
      },
    },
    toUserMessage: (ex) => `Question: ${ex.input}\nEnd with the answer.`,
  };

  it('gives the real examples per-example parameters and recognises their user messages', () => {
    const world = worldFromText(JSON.stringify(loadWorld('pool').file), 'pool-copy.json');
    expect(() => successProbability(world, 'gsm8k', 'Think step by step.', 'q0')).toThrow(
      /attach the external task first/,
    );
    expect(attachTask(world, gsm8k)).toEqual(['sim:pool/gsm8k']);
    const p = successProbability(world, 'gsm8k', 'Think step by step.', 'q0');
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(world.task('gsm8k').description).toBe(
      'Grade-school math word problems (GSM8K), attached from the tasks layer.',
    );
    const ex = examples[0] as Example;
    const texts = Array.from({ length: 40 }, (_, s) =>
      simulateText(world, 'Think step by step.', gsm8k.toUserMessage(ex), s),
    );
    expect(texts.every((t) => /\nAnswer: -?\d+$/.test(t) || !/\d/.test(t))).toBe(true);
    expect(texts.some((t) => t.endsWith(`Answer: ${ex.answer}`))).toBe(true);
    expect(texts.some((t) => /Answer: \d+$/.test(t) && !t.endsWith(`Answer: ${ex.answer}`))).toBe(true);
    // Calibrated against the attached task's own scorer.
    const M = 1500;
    let k = 0;
    for (let s = 0; s < M; s++) {
      const r = gsm8k.scorer.score(
        ex,
        simulateText(world, 'Think step by step.', gsm8k.toUserMessage(ex), s),
      );
      if (!(r instanceof Promise)) k += r.score;
    }
    expect(Math.abs(k - M * p) / Math.sqrt(M * p * (1 - p))).toBeLessThan(3);
  });

  it('refuses a task the world does not declare, listing its external tasks', () => {
    const world = worldFromText(JSON.stringify(loadWorld('pool').file), 'pool-copy.json');
    expect(() => attachTask(world, { ...gsm8k, id: 'math500' })).toThrow(SepoError);
    expect(() => attachTask(world, { ...gsm8k, id: 'math500' })).toThrow(
      /no external task for "math500"; its external tasks: gsm8k/,
    );
  });
});
