import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { TaskInfo } from '../../spec/task.js';
import { optionalText, readJsonlRecords, requireText } from '../data/read-jsonl-records.js';
import { countSplit, type SplitCounts, splitCountsFromOptions } from '../data/split-sizes.js';
import { mathTask } from '../math/math-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const FILE = 'math500/test.jsonl';

/** MATH-500 is one test set: by default a seeded 100 train / 100 val / 300 test (`--train/--val/--test`). */
export const MATH500_SPLIT: SplitCounts = { train: 100, val: 100, test: 300 };

const INFO: TaskInfo = {
  id: 'math500',
  description:
    'MATH-500: competition mathematics (algebra, geometry, number theory, counting, precalculus) with exact LaTeX answers.',
  kind: 'math',
  domain: 'competition-math',
};

/** Ids are the dataset's `unique_id` (e.g. "test/precalculus/807.json"). */
export function readMath500(path: string): Example[] {
  const seen = new Set<string>();
  return readJsonlRecords(path).map((record) => {
    const id = requireText(record, 'unique_id', path);
    if (seen.has(id)) throw new DataError(path, `duplicate id "${id}"`, record.line, 'unique_id');
    seen.add(id);
    const subject = optionalText(record, 'subject');
    const level = record.value.level;
    return {
      id,
      input: requireText(record, 'problem', path),
      answer: requireText(record, 'answer', path),
      meta: {
        ...(subject === undefined ? {} : { subject }),
        ...(typeof level === 'number' ? { level } : {}),
      },
    };
  });
}

registerBuiltinTask({
  info: INFO,
  files: [FILE],
  load(ctx) {
    const examples = readMath500(ctx.dataFile(FILE));
    const counts = splitCountsFromOptions(ctx.options, MATH500_SPLIT, examples.length, INFO.id);
    return mathTask(INFO, 'math500', countSplit(examples, counts, ctx.seed));
  },
});
