import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { Scorer } from '../spec/score.js';
import { task } from './in-memory-task.js';
import { loadJsonlTask, MANUAL_COT_PROMPT } from './jsonl-task.js';

const arithmetic = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `q${i}`, input: `What is 10+${i}?`, answer: String(10 + i) }));

const ids = (list: readonly Example[]): string[] => list.map((e) => e.id);

describe('task()', () => {
  it('builds a task with the jsonl defaults: exact scorer, Manual-CoT prompt, 50/20/30 seeded split', () => {
    const t = task({ id: 'arith', examples: arithmetic(10), scorer: 'exact' });
    expect(t.id).toBe('arith');
    expect(t.kind).toBe('qa');
    expect(t.domain).toBe('custom');
    expect(t.scorer.name).toBe('exact');
    expect(t.defaultSystemPrompt).toBe(MANUAL_COT_PROMPT);
    expect(t.description).toMatch(/"exact" scorer/);
    expect([t.splits.train.length, t.splits.val.length, t.splits.test.length]).toEqual([5, 2, 3]);
    const all = [...t.splits.train, ...t.splits.val, ...t.splits.test];
    expect(ids(all).sort()).toEqual(ids(arithmetic(10)).sort());
    expect(t.toUserMessage(arithmetic(1)[0] as Example)).toBe('What is 10+0?');
  });

  it('splits exactly as a jsonl: task of the same examples and seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-task-'));
    const file = join(dir, 'arith.jsonl');
    writeFileSync(
      file,
      `${arithmetic(23)
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
    for (const seed of [0, 7]) {
      const fromFile = loadJsonlTask(file, { seed });
      const inMemory = task({ id: 'arith', examples: arithmetic(23), seed });
      for (const name of ['train', 'val', 'test'] as const) {
        expect(ids(inMemory.splits[name])).toEqual(ids(fromFile.splits[name]));
      }
    }
  });

  it('is deterministic by seed, and the seed changes the split', () => {
    const a = task({ id: 't', examples: arithmetic(20), seed: 1 });
    const b = task({ id: 't', examples: arithmetic(20), seed: 1 });
    const c = task({ id: 't', examples: arithmetic(20), seed: 2 });
    expect(ids(a.splits.train)).toEqual(ids(b.splits.train));
    expect(ids(a.splits.train)).not.toEqual(ids(c.splits.train));
  });

  it('takes split sizes as fractions or counts', () => {
    const byFraction = task({ id: 't', examples: arithmetic(10), split: { train: 0.6, val: 0, test: 0.4 } });
    expect([
      byFraction.splits.train.length,
      byFraction.splits.val.length,
      byFraction.splits.test.length,
    ]).toEqual([6, 0, 4]);
    const byCount = task({ id: 't', examples: arithmetic(10), split: { train: 3, val: 2, test: 4 } });
    expect([byCount.splits.train.length, byCount.splits.val.length, byCount.splits.test.length]).toEqual([
      3, 2, 4,
    ]);
    const partial = task({ id: 't', examples: arithmetic(10), split: { train: 0.5, val: 0, test: 0.2 } });
    expect([partial.splits.train.length, partial.splits.val.length, partial.splits.test.length]).toEqual([
      5, 0, 2,
    ]);
  });

  it('uses the splits the examples name, as JSONL rows do', () => {
    const examples = arithmetic(4).map((e, i) => ({
      ...e,
      split: i < 2 ? ('train' as const) : ('test' as const),
    }));
    const t = task({ id: 't', examples });
    expect(ids(t.splits.train)).toEqual(['q0', 'q1']);
    expect(t.splits.val).toEqual([]);
    expect(ids(t.splits.test)).toEqual(['q2', 'q3']);
    expect(t.splits.test[0]).toEqual({ id: 'q2', input: 'What is 10+2?', answer: '12' });
  });

  it('takes explicit splits, numbers as answers, default ids and meta', () => {
    const t = task({
      id: 't',
      splits: { train: [{ input: 'a', answer: 1 }], test: [{ input: 'b', answer: 2, meta: { level: 3 } }] },
    });
    expect(t.splits.train).toEqual([{ id: 'train-0', input: 'a', answer: '1' }]);
    expect(t.splits.val).toEqual([]);
    expect(t.splits.test).toEqual([{ id: 'test-0', input: 'b', answer: '2', meta: { level: 3 } }]);
  });

  it('keeps the optional fields', () => {
    const toUserMessage = (e: Example) => `Q: ${e.input}`;
    const t = task({
      id: 't',
      examples: arithmetic(10),
      description: 'Add numbers.',
      kind: 'math',
      domain: 'arithmetic',
      defaultSystemPrompt: 'Add.',
      toUserMessage,
      scorer: 'numeric',
    });
    expect(t).toMatchObject({ description: 'Add numbers.', kind: 'math', domain: 'arithmetic' });
    expect(t.defaultSystemPrompt).toBe('Add.');
    expect(t.toUserMessage).toBe(toUserMessage);
    expect(t.scorer.name).toBe('numeric');
  });

  it('accepts every registered scorer name, named settings, a Scorer object and a function', async () => {
    for (const name of ['exact', 'math', 'normalized', 'numeric', 'contains', 'regex', 'choice']) {
      expect(task({ id: 't', examples: arithmetic(5), scorer: name }).scorer.name).toBe(name);
    }
    const regex = task({ id: 't', examples: arithmetic(5), scorer: { name: 'regex', pattern: '= (\\d+)' } });
    expect((await regex.scorer.score(arithmetic(1)[0] as Example, 'so = 10')).score).toBe(1);
    const object: Scorer = { name: 'mine', score: () => ({ score: 1, feedback: 'ok' }) };
    expect(task({ id: 't', examples: arithmetic(5), scorer: object }).scorer).toBe(object);
    const fn = task({
      id: 't',
      examples: arithmetic(5),
      scorer: (response, e) => response.includes(e.answer),
    });
    expect(fn.scorer.name).toBe('custom');
    expect((await fn.scorer.score(arithmetic(1)[0] as Example, 'It is 10')).score).toBe(1);
  });

  it('lets scorers that need no reference go without answers', () => {
    const examples = [
      { input: 'Write a haiku.' },
      { input: 'Write a limerick.' },
      { input: 'Write an ode.' },
    ];
    const split = { train: 1, val: 0, test: 2 };
    expect(task({ id: 't', examples, split, scorer: () => 1 }).splits.test[0]?.answer).toBe('');
    const judge = async () => 'Score: 1';
    expect(
      task({ id: 't', examples, split, scorer: { name: 'llm-judge', rubric: 'Good.', judge } }).scorer.name,
    ).toBe('llm-judge');
    expect(
      task({ id: 't', examples, split, scorer: { name: 'json-schema', schema: { type: 'object' } } }).id,
    ).toBe('t');
  });
});

describe('task() validation', () => {
  const fails = (input: unknown, message: RegExp) => {
    const build = () => task(input as Parameters<typeof task>[0]);
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
  };

  it('checks the id and the data', () => {
    fails({ examples: arithmetic(5) }, /^task\.id: expected a non-empty string/);
    fails({ id: 't' }, /^task\.examples: missing: give `examples` .* or `splits`/);
    fails({ id: 't', examples: [] }, /^task\.examples: empty; give at least one example/);
    fails({ id: 't', examples: 'q0' }, /^task\.examples: expected an array of examples/);
    fails({ id: 't', examples: arithmetic(5), splits: { test: arithmetic(5) } }, /^task\.splits: .*not both/);
    fails({ id: 't', splits: {} }, /^task\.splits: every split is empty/);
  });

  it('checks each example, naming its position and field', () => {
    const dup = [...arithmetic(5), { id: 'q0', input: 'again', answer: '1' }];
    fails(
      { id: 't', examples: dup },
      /^task\.examples\[5\]\.id: duplicate id "q0" \(task\.examples\[0\] has it too\)/,
    );
    fails(
      { id: 't', splits: { train: arithmetic(2), test: arithmetic(1) } },
      /^task\.splits\.test\[0\]\.id: duplicate id "q0" \(task\.splits\.train\[0\]/,
    );
    fails(
      { id: 't', examples: [{ id: 'a', answer: '1' }] },
      /^task\.examples\[0\]\.input: expected a non-empty string/,
    );
    fails({ id: 't', examples: [null] }, /^task\.examples\[0\]: expected an example/);
    fails(
      { id: 't', examples: [{ input: 'x', answer: '1', meta: 3 }] },
      /^task\.examples\[0\]\.meta: expected an object/,
    );
    fails(
      { id: 't', examples: [{ input: 'x', answer: {} }] },
      /^task\.examples\[0\]\.answer: expected a string or a number/,
    );
    fails(
      { id: 't', examples: [{ input: 'x', answer: '1', split: 'dev' }] },
      /^task\.examples\[0\]\.split: expected "train"/,
    );
  });

  it('requires an answer when the scorer compares with one', () => {
    fails(
      { id: 't', examples: [{ id: 'a', input: 'x' }], scorer: 'math' },
      /^task\.examples\[0\]\.answer: missing: the scorer compares the response with the reference answer/,
    );
    fails({ id: 't', examples: [{ id: 'a', input: 'x' }] }, /^task\.examples\[0\]\.answer: missing/);
  });

  it('names the known scorers for an unknown name', () => {
    fails(
      { id: 't', examples: arithmetic(5), scorer: 'exactly' },
      /^task\.scorer: unknown scorer "exactly"; known: exact, .*math/,
    );
    fails({ id: 't', examples: arithmetic(5), scorer: { name: 'nope' } }, /unknown scorer "nope"/);
    fails(
      { id: 't', examples: arithmetic(5), scorer: 'llm-judge' },
      /^task\.scorer: the "llm-judge" scorer needs a rubric and a judge/,
    );
    fails(
      { id: 't', examples: arithmetic(5), scorer: { name: '', score: () => 1 } },
      /^task\.scorer\.name: a Scorer object needs/,
    );
    fails({ id: 't', examples: arithmetic(5), scorer: 3 }, /^task\.scorer: expected a scorer name/);
  });

  it('checks split sizes and per-example splits', () => {
    fails(
      { id: 't', examples: arithmetic(10), split: { train: 5, val: 2.5, test: 1 } },
      /^task\.split\.val: .*mixes fractions and counts/,
    );
    fails(
      { id: 't', examples: arithmetic(10), split: { train: 8, val: 2, test: 3 } },
      /asks for 13 examples; there are 10/,
    );
    fails(
      { id: 't', examples: arithmetic(10), split: { train: -1, val: 0, test: 1 } },
      /^task\.split\.train: expected a number >= 0/,
    );
    fails(
      { id: 't', examples: arithmetic(10), split: { train: 0.5, val: 0.5 } },
      /^task\.split\.test: expected a number/,
    );
    fails(
      { id: 't', examples: arithmetic(3) },
      /^task\.examples: 3 examples split train 0.5 \/ val 0.2 \/ test 0.3 leave test empty; .*\{ train: 2, val: 0, test: 1 \}/,
    );
    const someNamed = arithmetic(3).map((e, i) => (i === 0 ? { ...e, split: 'train' as const } : e));
    fails(
      { id: 't', examples: someNamed },
      /^task\.examples\[1\]\.split: missing, while 1 other examples name their split/,
    );
    const allNamed = arithmetic(3).map((e) => ({ ...e, split: 'test' as const }));
    fails(
      { id: 't', examples: allNamed, split: { train: 1, val: 1, test: 1 } },
      /^task\.split: the examples name their splits/,
    );
    fails({ id: 't', splits: { train: allNamed } }, /^task\.splits\.train\[0\]\.split: says "test"/);
    fails({ id: 't', examples: arithmetic(10), seed: 1.5 }, /^task\.seed: expected an integer/);
  });

  it('checks the optional fields', () => {
    fails(
      { id: 't', examples: arithmetic(5), kind: 'essay' },
      /^task\.kind: unknown kind "essay"; known: math/,
    );
    fails(
      { id: 't', examples: arithmetic(5), defaultSystemPrompt: '' },
      /^task\.defaultSystemPrompt: expected a non-empty string/,
    );
    fails(
      { id: 't', examples: arithmetic(5), toUserMessage: 'Q' },
      /^task\.toUserMessage: expected a function/,
    );
  });
});
