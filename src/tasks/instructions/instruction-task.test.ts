import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../errors.js';
import { loadTask } from '../load-task.js';
import { dataDirContext } from '../task-registry.js';
import { type InstructionTask, loadInstructionTask, readInstructionExamples } from './instruction-task.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATA_DIR = join(REPO_ROOT, '../shared/datasets');
const IFEVAL = join(DATA_DIR, 'ifeval/input_data.jsonl');
const IFBENCH = join(DATA_DIR, 'ifbench/IFBench_test.jsonl');

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sepo-if-')), name);
  writeFileSync(path, text);
  return path;
}

describe('instruction-following datasets', () => {
  it('loads all 541 IFEval prompts: every instruction id is supported', () => {
    const { examples, coverage } = readInstructionExamples(IFEVAL, 'ifeval');
    expect(coverage).toMatchObject({ total: 541, included: 541, excluded: 0, excludedById: {} });
    expect(examples).toHaveLength(541);
    expect(examples[0]?.id).toBe('1000');
    expect(examples[0]?.meta?.instructions).toEqual([
      { id: 'punctuation:no_comma', kwargs: {} },
      { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 3 } },
      { id: 'length_constraints:number_words', kwargs: { relation: 'at least', num_words: 300 } },
    ]);
  });

  it('loads IFBench: 285 of 300 prompts verifiable, 15 excluded and counted by id', () => {
    const { examples, coverage } = readInstructionExamples(IFBENCH, 'ifbench');
    expect(coverage).toMatchObject({
      total: 300,
      included: 285,
      excluded: 15,
      excludedById: { 'words:odd_even_syllables': 9, 'words:start_verb': 6 },
    });
    expect(coverage.reasons['words:start_verb']).toMatch(/part-of-speech/);
    expect(examples).toHaveLength(285);
    // Null-valued kwargs of the IFBench file are dropped, as IFBench's evaluation does.
    expect(examples[0]?.meta?.instructions).toEqual([
      {
        id: 'count:keywords_multiple',
        kwargs: {
          keyword1: 'kaleidoscope',
          keyword2: 'nebula',
          keyword3: 'whisper',
          keyword4: 'labyrinth',
          keyword5: 'paradox',
        },
      },
    ]);
  });

  it('splits the single upstream split into seeded train/val/test (50/20/30)', () => {
    const ifeval = loadTask('ifeval', { dataDir: DATA_DIR, seed: 7 }) as InstructionTask;
    expect([ifeval.splits.train.length, ifeval.splits.val.length, ifeval.splits.test.length]).toEqual([
      271, 108, 162,
    ]);
    const again = loadTask('ifeval', { dataDir: DATA_DIR, seed: 7 });
    expect(again.splits.test.map((e) => e.id)).toEqual(ifeval.splits.test.map((e) => e.id));
    const other = loadTask('ifeval', { dataDir: DATA_DIR, seed: 8 });
    expect(other.splits.test.map((e) => e.id)).not.toEqual(ifeval.splits.test.map((e) => e.id));

    const ifbench = loadTask('ifbench', { dataDir: DATA_DIR }) as InstructionTask;
    expect([ifbench.splits.train.length, ifbench.splits.val.length, ifbench.splits.test.length]).toEqual([
      143, 57, 85,
    ]);
    expect(ifbench.coverage.excluded).toBe(15);
    expect(ifbench.description).toContain('15 of 300 prompts are left out');
    expect(ifbench.kind).toBe('instruction');
    expect(ifbench.defaultSystemPrompt).toMatch(/^Follow every instruction in the user's request exactly/);
  });

  it('scores a real IFEval prompt strictly, and loosely on option', async () => {
    const context = dataDirContext(DATA_DIR, 0);
    const task = loadInstructionTask(
      { benchmark: 'ifeval', file: 'ifeval/input_data.jsonl', title: 'IFEval' },
      context,
    );
    const example = [...task.splits.train, ...task.splits.val, ...task.splits.test].find(
      (e) => e.id === '1001',
    );
    if (example === undefined) throw new Error('example 1001 missing');
    expect(task.toUserMessage(example)).toContain('Shakespearean');
    expect((await task.scorer.score(example, 'Good morrow thee traveller')).score).toBe(1);
    const failed = await task.scorer.score(example, 'Good morrow, traveller');
    expect(failed.score).toBe(0);
    expect(failed.feedback).toContain('Do not use any commas');
    expect(failed.feedback).toContain('found 1 comma');

    const loose = loadInstructionTask(
      { benchmark: 'ifeval', file: 'ifeval/input_data.jsonl', title: 'IFEval' },
      dataDirContext(DATA_DIR, 0, { mode: 'loose' }),
    );
    expect(loose.scorer.name).toBe('ifeval-loose');
    expect((await loose.scorer.score(example, 'Sure, here it is:\nGood morrow thee traveller')).score).toBe(
      1,
    );
    expect((await task.scorer.score(example, 'Sure, here it is:\nGood morrow thee traveller')).score).toBe(0);
  });

  it('rejects an unknown mode', () => {
    expect(() => loadTask('ifeval', { dataDir: DATA_DIR, taskOptions: { mode: 'lenient' } })).toThrow(
      /mode.*strict/,
    );
  });

  it('reads a custom file via the file option and excludes unknown ids, never scoring them', () => {
    const path = tempFile(
      'custom.jsonl',
      [
        JSON.stringify({
          key: 1,
          prompt: 'No commas.',
          instruction_id_list: ['punctuation:no_comma'],
          kwargs: [{}],
        }),
        JSON.stringify({ key: 2, prompt: 'Mystery.', instruction_id_list: ['made:up'], kwargs: [{}] }),
      ].join('\n'),
    );
    const task = loadTask('ifeval', { dataDir: DATA_DIR, taskOptions: { file: path } }) as InstructionTask;
    expect(task.coverage).toMatchObject({
      total: 2,
      included: 1,
      excluded: 1,
      excludedById: { 'made:up': 1 },
    });
    expect(task.coverage.reasons['made:up']).toBe('unknown instruction id');
  });

  it('names the file, line and field of malformed rows and arguments', () => {
    const badArgs = tempFile(
      'bad.jsonl',
      `${JSON.stringify({ key: 1, prompt: 'p', instruction_id_list: ['punctuation:no_comma'], kwargs: [{}] })}\n` +
        JSON.stringify({
          key: 2,
          prompt: 'p',
          instruction_id_list: ['length_constraints:number_words'],
          kwargs: [{ num_words: 5 }],
        }),
    );
    const error = (() => {
      try {
        readInstructionExamples(badArgs, 'ifeval');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ file: badArgs, line: 2, field: 'kwargs[0].relation' });

    const badKwargs = tempFile(
      'k.jsonl',
      JSON.stringify({ key: 1, prompt: 'p', instruction_id_list: ['a', 'b'], kwargs: [{}] }),
    );
    expect(() => readInstructionExamples(badKwargs, 'ifeval')).toThrow(/k\.jsonl:1: field "kwargs"/);
    const badJson = tempFile('j.jsonl', '{"key": 1,');
    expect(() => readInstructionExamples(badJson, 'ifeval')).toThrow(/j\.jsonl:1: invalid JSON/);
  });
});
