import { ConfigError } from '../../errors.js';
import type { Example, Splits } from '../../spec/example.js';
import { type ArcSet, type ArcTaskFile, arcExamples, readArcDir } from '../arc/arc-data.js';
import { arcScorer } from '../arc/arc-scorer.js';
import type { PassAtKTask } from '../arc/pass-at-k.js';
import { DEFAULT_SPLIT, seededSplit } from '../seeded-split.js';
import { registerBuiltinTask, type TaskLoadContext } from '../task-registry.js';

export const ARC_SYSTEM_PROMPT = [
  'You solve abstract reasoning puzzles (ARC). You are shown input/output grid pairs that all follow one hidden',
  'transformation rule, then a test input. Grids are rows of digits 0-9; each digit is a colour.',
  'Think step by step: for each example describe what changes from input to output (grid size, objects, shapes,',
  'colours, positions, counts, symmetry, repetition), state one rule that explains every example, check it',
  'against each example, then apply it carefully to the test input, cell by cell.',
  'End with the output grid alone in a ``` code block: one row per line, digits separated by spaces.',
].join(' ');

export const ARC_DIRS: Readonly<Record<ArcSet, string>> = {
  training: 'arc_agi_1/data/training',
  evaluation: 'arc_agi_1/data/evaluation',
};

/** `standard`: ARC training -> train/val, ARC evaluation -> test; `training`/`evaluation`: one set, split. */
export type ArcSplitMode = 'standard' | ArcSet;

type Options = TaskLoadContext['options'];

function splitModeOf(options: Options): ArcSplitMode {
  const value = options.arcSplit ?? 'standard';
  if (value !== 'standard' && value !== 'training' && value !== 'evaluation') {
    throw new ConfigError(
      'arcSplit',
      `expected "standard", "training" or "evaluation", got "${String(value)}"`,
    );
  }
  return value;
}

function numberOption(
  options: Options,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!valid(n)) throw new ConfigError(name, `invalid value "${String(value)}"`);
  return n;
}

/** Splits by task, so the test inputs of one ARC task never land in two splits. */
function splitByTask(tasks: readonly ArcTaskFile[], sizes: typeof DEFAULT_SPLIT, seed: number): Splits {
  const keys: Example[] = tasks.map((t) => ({ id: t.id, input: '', answer: '' }));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const expand = (split: readonly Example[]): Example[] =>
    split.flatMap((key) => {
      const task = byId.get(key.id);
      return task === undefined ? [] : arcExamples(task);
    });
  const parts = seededSplit(keys, sizes, seed);
  return { train: expand(parts.train), val: expand(parts.val), test: expand(parts.test) };
}

/**
 * `arc-agi-1`: ARC-AGI-1, scored by exact match of the output grid. Options: `arcSplit` ("standard",
 * default: ARC's training set split by seed into train/val (`valFraction`, default 0.2) and ARC's
 * evaluation set as test; "training" or "evaluation": that set alone, seeded 50/20/30 split) and
 * `passAtK` (default 3, ARC's official number of attempts; 1 for plain accuracy). Splits are by
 * ARC task; a task with several test inputs gives several examples.
 */
export function loadArcTask(context: TaskLoadContext): PassAtKTask {
  const mode = splitModeOf(context.options);
  const valFraction = numberOption(context.options, 'valFraction', 0.2, (n) => n > 0 && n < 1);
  const k = numberOption(context.options, 'passAtK', 3, (n) => Number.isInteger(n) && n >= 1);
  const read = (set: ArcSet): ArcTaskFile[] => readArcDir(context.dataFile(ARC_DIRS[set]), set);
  let splits: Splits;
  if (mode === 'standard') {
    const { train, val } = splitByTask(
      read('training'),
      { train: 1 - valFraction, val: valFraction, test: 0 },
      context.seed,
    );
    splits = { train, val, test: read('evaluation').flatMap(arcExamples) };
  } else {
    splits = splitByTask(read(mode), DEFAULT_SPLIT, context.seed);
  }
  return {
    ...ARC_INFO,
    splits,
    passAtK: k,
    defaultSystemPrompt: ARC_SYSTEM_PROMPT,
    scorer: arcScorer,
    toUserMessage: (example) => example.input,
  };
}

const ARC_INFO = {
  id: 'arc-agi-1',
  description:
    'Infer the transformation rule from a few input/output grid pairs (ARC-AGI-1) and produce the exact output grid for a test input.',
  kind: 'grid',
  domain: 'abstract-reasoning',
} as const;

registerBuiltinTask({
  info: ARC_INFO,
  files: [ARC_DIRS.training, ARC_DIRS.evaluation],
  load: loadArcTask,
});
