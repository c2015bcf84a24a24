import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { TaskInfo } from '../../spec/task.js';
import { readJsonlRecords, requireText } from '../data/read-jsonl-records.js';
import { seededSample, splitCountOption } from '../data/split-sizes.js';
import { mathTask } from '../math/math-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const TRAIN = 'gsm8k/train.jsonl';
const TEST = 'gsm8k/test.jsonl';

/** Examples carved from train (seeded) for the val split unless `--val` says otherwise. */
export const GSM8K_DEFAULT_VAL = 200;

const INFO: TaskInfo = {
  id: 'gsm8k',
  description:
    'GSM8K: grade-school math word problems needing a few steps of arithmetic; the answer is a number.',
  kind: 'math',
  domain: 'arithmetic',
};

/**
 * Reads a GSM8K file: "question", and "answer" whose last line is "#### <number>" (the reference).
 * Ids are "<split>-<row>" (0-based row in the file), stable across runs. The worked solution is meta.
 */
export function readGsm8k(path: string, split: 'train' | 'test'): Example[] {
  return readJsonlRecords(path).map((record, row) => {
    const solution = requireText(record, 'answer', path);
    const final = /####\s*(.+?)\s*$/.exec(solution)?.[1];
    if (final === undefined)
      throw new DataError(path, 'expected a final line "#### <answer>"', record.line, 'answer');
    return {
      id: `${split}-${row}`,
      input: requireText(record, 'question', path),
      answer: final.replace(/,/g, ''),
      meta: { solution },
    };
  });
}

registerBuiltinTask({
  info: INFO,
  files: [TRAIN, TEST],
  load(ctx) {
    const train = readGsm8k(ctx.dataFile(TRAIN), 'train');
    const test = readGsm8k(ctx.dataFile(TEST), 'test');
    // The dataset's own train/test; val is a seeded sample of train, removed from train.
    const valSize = Math.min(splitCountOption(ctx.options, 'val') ?? GSM8K_DEFAULT_VAL, train.length);
    const val = seededSample(train, valSize, ctx.seed, 'gsm8k-val');
    const inVal = new Set(val.map((e) => e.id));
    const rest = train.filter((e) => !inVal.has(e.id));
    const trainSize = splitCountOption(ctx.options, 'train');
    const testSize = splitCountOption(ctx.options, 'test');
    return mathTask(INFO, 'gsm8k', {
      train: trainSize === undefined ? rest : seededSample(rest, trainSize, ctx.seed, 'gsm8k-train'),
      val,
      test: testSize === undefined ? test : seededSample(test, testSize, ctx.seed, 'gsm8k-test'),
    });
  },
});
