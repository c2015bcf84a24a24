import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SepoError } from '../errors.js';
import { BUILTIN_WORLDS, loadWorld, worldFromText } from './load-world.js';
import { parseWorld, parseWorldText, WorldFileError } from './parse-world.js';
import { WORLD_SCHEMA } from './world-schema.js';

/** A small valid world; tests break one field at a time. */
function world(): Record<string, unknown> {
  return {
    name: 'tiny',
    seed: 1,
    behaviours: [
      {
        id: 'check',
        phrase: 'Check your result.',
        patterns: ['/\\bverify\\b/'],
        symptom: 'I did not check.',
      },
      { id: 'answer-line', phrase: "End with 'Answer: <value>'.", symptom: 'I gave no answer line.' },
    ],
    tasks: [
      {
        id: 'a',
        source: { kind: 'synthetic', generator: 'arithmetic' },
        splits: { train: 4, val: 2, test: 4 },
        baseLogit: { mean: 0, spread: 0.5 },
        behaviourEffects: { check: { mean: 0.3, spread: 0.1 } },
      },
      {
        id: 'b',
        source: { kind: 'synthetic', generator: 'list-sort' },
        splits: { train: 4, val: 2, test: 4 },
        baseLogit: { mean: 0, spread: 0.5 },
        behaviourEffects: { check: { mean: 0.3, spread: 0.1 } },
        format: { behaviour: 'answer-line', unparsableRate: 0.5 },
      },
    ],
  };
}

function errorOf(raw: unknown): string {
  try {
    parseWorld(raw, 'world.json');
  } catch (error) {
    expect(error).toBeInstanceOf(WorldFileError);
    expect(error).toBeInstanceOf(SepoError);
    return (error as Error).message;
  }
  throw new Error('expected parseWorld to throw');
}

type Mutable = Record<string, unknown> & {
  tasks: Record<string, unknown>[];
  behaviours: Record<string, unknown>[];
};
function broken(edit: (w: Mutable) => void): string {
  const w = world() as Mutable;
  edit(w);
  return errorOf(w);
}

describe('parseWorld', () => {
  it('accepts a valid world and every built-in world', () => {
    expect(parseWorld(world(), 'world.json').name).toBe('tiny');
    for (const name of BUILTIN_WORLDS) expect(loadWorld(name).name).toBe(name);
  });

  it('names the file and the field path of a wrong type', () => {
    expect(
      broken((w) => {
        (w.tasks[1]?.behaviourEffects as Record<string, Record<string, unknown>>).check = {
          mean: 'high',
          spread: 0,
        };
      }),
    ).toBe('world.json: tasks[1].behaviourEffects.check.mean: expected a number');
    expect(broken((w) => (w.seed = 1.5))).toBe('world.json: seed: expected an integer');
    expect(errorOf([])).toBe('world.json: (root): expected an object');
  });

  it('reports missing and unknown fields, bad enums and ranges', () => {
    expect(broken((w) => delete w.behaviours[0]?.symptom)).toBe(
      'world.json: behaviours[0].symptom: missing required field',
    );
    expect(broken((w) => (w.tasks[0] = { ...w.tasks[0], colour: 'red' }))).toMatch(
      /^world\.json: tasks\[0\]\.colour: unknown field; known: id, source/,
    );
    expect(
      broken((w) => (w.tasks[0] = { ...w.tasks[0], source: { kind: 'synthetic', generator: 'poetry' } })),
    ).toMatch(/^world\.json: tasks\[0\]\.source\.generator: expected one of "arithmetic"/);
    expect(
      broken(
        (w) => (w.tasks[1] = { ...w.tasks[1], format: { behaviour: 'answer-line', unparsableRate: 2 } }),
      ),
    ).toBe('world.json: tasks[1].format.unparsableRate: must be <= 1');
    expect(broken((w) => (w.name = 'Tiny World'))).toMatch(/^world\.json: name: must match/);
    expect(broken((w) => (w.behaviours[0] = { ...w.behaviours[0], symptom: 'I made 2 errors.' }))).toMatch(
      /^world\.json: behaviours\[0\]\.symptom: must match/,
    );
  });

  it('checks references between fields', () => {
    expect(
      broken((w) => {
        (w.tasks[0] as { behaviourEffects: unknown }).behaviourEffects = { chek: { mean: 1, spread: 0 } };
      }),
    ).toBe('world.json: tasks[0].behaviourEffects.chek: unknown behaviour; known: check, answer-line');
    expect(broken((w) => (w.conflicts = [{ between: ['check', 'nope'], penalty: 1 }]))).toMatch(
      /^world\.json: conflicts\[0\]\.between\[1\]: unknown behaviour "nope"/,
    );
    expect(broken((w) => (w.conflicts = [{ between: ['check', 'check'], penalty: 1 }]))).toBe(
      'world.json: conflicts[0].between: a behaviour cannot conflict with itself',
    );
    expect(
      broken((w) => (w.tasks[1] = { ...w.tasks[1], format: { behaviour: 'fmt', unparsableRate: 0.5 } })),
    ).toMatch(/^world\.json: tasks\[1\]\.format\.behaviour: unknown behaviour "fmt"/);
    expect(broken((w) => (w.defaultTask = 'zzz'))).toBe(
      'world.json: defaultTask: unknown task "zzz"; known: a, b',
    );
    expect(broken((w) => (w.tasks[1] = { ...w.tasks[1], id: 'a' }))).toBe(
      'world.json: tasks[1].id: duplicate task id "a"',
    );
    expect(broken((w) => (w.behaviours[1] = { ...w.behaviours[1], id: 'check' }))).toBe(
      'world.json: behaviours[1].id: duplicate id "check"',
    );
  });

  it('checks source kinds, regexes and neutral fillers', () => {
    expect(
      broken((w) => {
        w.tasks[0] = { ...w.tasks[0], source: { kind: 'external' } };
        delete w.tasks[0].splits;
      }),
    ).toBe('world.json: tasks[0].source.taskId: missing required field (external source)');
    expect(broken((w) => (w.tasks[0] = { ...w.tasks[0], source: { kind: 'synthetic' } }))).toBe(
      'world.json: tasks[0].source.generator: missing required field (synthetic source)',
    );
    expect(broken((w) => (w.behaviours[0] = { ...w.behaviours[0], patterns: ['/(unclosed/'] }))).toMatch(
      /^world\.json: behaviours\[0\]\.patterns\[0\]: invalid regular expression/,
    );
    expect(broken((w) => (w.promptAgent = { fillers: ['Always verify everything.'] }))).toBe(
      'world.json: promptAgent.fillers[0]: matches behaviour "check"; fillers must be neutral',
    );
  });

  it('names the file on invalid JSON and unreadable files', () => {
    expect(() => parseWorldText('{"name": ', 'broken.json')).toThrow(/^broken\.json: \(root\): invalid JSON/);
    expect(() => loadWorld('/nonexistent/dir/w.json')).toThrow(
      /^\/nonexistent\/dir\/w\.json: cannot read world file/,
    );
    expect(() => loadWorld('nope')).toThrow(/unknown sim world "nope"; known: demo, hetero, homo, pool/);
  });

  it('rejects a world whose generator cannot fill its splits with distinct examples', () => {
    const w = world() as Mutable;
    w.tasks[0] = {
      ...w.tasks[0],
      source: { kind: 'synthetic', generator: 'string-transform' },
      splits: { train: 9000, val: 0, test: 0 },
    };
    expect(() => worldFromText(JSON.stringify(w), 'world.json')).toThrow(
      /^world\.json: tasks\[0\]\.splits\.train: generator "string-transform" cannot produce/,
    );
  });

  it('publishes the schema as world.schema.json, identical to WORLD_SCHEMA', () => {
    const file = JSON.parse(readFileSync(new URL('./world.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(WORLD_SCHEMA)));
  });
});
