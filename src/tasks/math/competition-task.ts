import { DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { Task, TaskInfo } from '../../spec/task.js';
import { optionalText, readJsonlRecords, requireText } from '../data/read-jsonl-records.js';
import { countSplit, type SplitCounts, splitCountsFromOptions } from '../data/split-sizes.js';
import type { TaskLoadContext } from '../task-registry.js';
import type { MathPromptFamily } from './math-prompts.js';
import { mathTask } from './math-task.js';

/** AIME and HMMT have 30 problems: by default 10 train, 5 val, 15 test (seeded; `--train/--val/--test`). */
export const COMPETITION_SPLIT: SplitCounts = { train: 10, val: 5, test: 15 };

/**
 * Reads a competition file (JSONL with problem, answer and optional id / problem_idx). The example id
 * is the file's `id` (e.g. "2025-I-3"), else `fallbackId(problem_idx or row number)`.
 */
export function readCompetitionExamples(path: string, fallbackId: (index: number) => string): Example[] {
  const seen = new Set<string>();
  return readJsonlRecords(path).map((record, row) => {
    const problemIdx = Number(record.value.problem_idx);
    const id = optionalText(record, 'id') ?? fallbackId(Number.isInteger(problemIdx) ? problemIdx : row + 1);
    if (seen.has(id)) throw new DataError(path, `duplicate id "${id}"`, record.line, 'id');
    seen.add(id);
    return {
      id,
      input: requireText(record, 'problem', path),
      answer: requireText(record, 'answer', path),
      ...(Number.isInteger(problemIdx) ? { meta: { problemIdx } } : {}),
    };
  });
}

export interface CompetitionTaskSpec {
  readonly info: TaskInfo;
  readonly file: string;
  readonly family: MathPromptFamily;
  readonly fallbackId: (index: number) => string;
}

export function loadCompetitionTask(spec: CompetitionTaskSpec, ctx: TaskLoadContext): Task {
  const examples = readCompetitionExamples(ctx.dataFile(spec.file), spec.fallbackId);
  const counts = splitCountsFromOptions(ctx.options, COMPETITION_SPLIT, examples.length, spec.info.id);
  return mathTask(spec.info, spec.family, countSplit(examples, counts, ctx.seed));
}
