import { ConfigError, DataError } from '../../errors.js';
import type { Task } from '../../spec/task.js';
import { DEFAULT_SPLIT, seededSplit } from '../seeded-split.js';
import type { TaskLoadContext } from '../task-registry.js';
import { choiceScorer } from './choice-scorer.js';
import { readGpqaExamples } from './read-gpqa.js';

export const GPQA_SUBSETS = ['diamond', 'main', 'extended', 'experts'] as const;

export const MULTIPLE_CHOICE_PROMPT =
  'You are an expert problem solver. Think step by step about the question and each option, then give ' +
  "your final answer on the last line as 'Answer: <letter>'.";

/** The data-dir file of a GPQA subset (the official CSV names). */
export function gpqaDataFile(subset: string): string {
  return `gpqa/gpqa_${subset}.csv`;
}

function resolveFile(context: TaskLoadContext): string {
  const file = context.options.file;
  if (typeof file === 'string' && file !== '') return file;
  const subset = context.options.subset ?? 'diamond';
  if (typeof subset !== 'string' || !(GPQA_SUBSETS as readonly string[]).includes(subset)) {
    throw new ConfigError(
      'subset',
      `expected one of ${GPQA_SUBSETS.join(', ')}, got ${JSON.stringify(subset)}`,
    );
  }
  try {
    return context.dataFile(gpqaDataFile(subset));
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new DataError(
      error.file,
      'GPQA is not bundled (its authors ask that its questions never be posted in plain text). Get the ' +
        'gated dataset yourself, then pass the task option file=<path to the CSV or JSONL> or place ' +
        `${gpqaDataFile(subset)} in the data dir`,
    );
  }
}

/**
 * GPQA from a user-supplied file. Options: `file` (CSV or JSONL), else `subset` (diamond, main, extended,
 * experts) looked up as gpqa/gpqa_<subset>.csv in the data dir. One split upstream, so train/val/test
 * are a seeded 50/20/30 split; options are shuffled per example by the same seed.
 */
export function loadGpqaTask(context: TaskLoadContext): Task {
  const path = resolveFile(context);
  const examples = readGpqaExamples(path, context.seed);
  return {
    id: 'gpqa',
    description:
      'GPQA: graduate-level multiple-choice science questions (biology, physics, chemistry) with four ' +
      'options; the final answer is the letter of the correct option.',
    kind: 'mcq',
    domain: 'graduate-science',
    splits: seededSplit(examples, DEFAULT_SPLIT, context.seed),
    defaultSystemPrompt: MULTIPLE_CHOICE_PROMPT,
    scorer: choiceScorer,
    toUserMessage: (example) => example.input,
  };
}
