import type { Task } from '../spec/task.js';
import { type ExampleFile, readExampleFile } from './data/read-examples.js';
import { splitByOptions } from './data/split-sizes.js';
import { createScorer, type ScorerOptions } from './scorers/scorer-registry.js';
import type { TaskLoadContext } from './task-registry.js';

export interface JsonlTaskOptions {
  readonly inputField?: string;
  readonly answerField?: string;
  readonly seed?: number;
  /** Scorer name from the registry (`--scorer`; default "exact"). */
  readonly scorer?: string;
  /** The scorer's settings (`--pattern`, `--rubric`, the injected judge...). */
  readonly scorerOptions?: ScorerOptions;
  /** `train`/`val`/`test` counts when the file has no split column. */
  readonly taskOptions?: TaskLoadContext['options'];
}

export const MANUAL_COT_PROMPT =
  "You are a careful assistant. Think step by step, then give your final answer on the last line as 'Answer: <answer>'.";

/**
 * Reads a file of examples (JSONL; also .json arrays and .csv with a header, by extension). Each row
 * has an input and an answer field (default "input" and "answer"); optional "id" (else "line-<n>")
 * and "split" (train/val/test; otherwise a seeded split). Other fields become the example's `meta`.
 * Any malformed row is reported with the file, line number and field.
 */
export function readJsonlExamples(path: string, options: JsonlTaskOptions = {}): ExampleFile {
  return readExampleFile(path, options);
}

/** The `jsonl:<path>` task (also .json/.csv): inputs as user messages, scored by `--scorer` (default exact). */
export function loadJsonlTask(path: string, options: JsonlTaskOptions = {}): Task {
  const { examples, splits } = readJsonlExamples(path, options);
  const scorer = createScorer(options.scorer ?? 'exact', options.scorerOptions ?? {});
  return {
    id: `jsonl:${path}`,
    description: `Answer the question; the final answer is scored by the "${scorer.name}" scorer against the reference (${path}).`,
    kind: 'qa',
    domain: 'custom',
    splits: splits ?? splitByOptions(examples, options.taskOptions ?? {}, options.seed ?? 0, `jsonl:${path}`),
    defaultSystemPrompt: MANUAL_COT_PROMPT,
    scorer,
    toUserMessage: (example) => example.input,
  };
}
