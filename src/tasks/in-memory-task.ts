import { ConfigError } from '../errors.js';
import type { Example, SplitName, Splits } from '../spec/example.js';
import type { Scorer } from '../spec/score.js';
import type { Task, TaskKind } from '../spec/task.js';
import { countSplit, countsFromSizes, sizesAreFractions } from './data/split-sizes.js';
import { MANUAL_COT_PROMPT } from './jsonl-task.js';
import { functionScorer, type ScoreFunction } from './scorers/function-scorer.js';
import { createScorer, type ScorerOptions, scorerNames } from './scorers/scorer-registry.js';
import { DEFAULT_SPLIT, type SplitSizes } from './seeded-split.js';

/** One example as `task()` takes it: an `Example`, with the id, answer and split optional. */
export interface TaskExampleInput {
  /** Stable across runs (the store and cache key on it). Default "item-<index>" ("<split>-<index>" in `splits`). */
  readonly id?: string;
  readonly input: string;
  /** The reference; a number is written as text. Required unless the scorer is a Scorer object, a function, or "llm-judge". */
  readonly answer?: string | number;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** The example's split, as in a JSONL row; either every example of `examples` has one or none. */
  readonly split?: SplitName;
}

/**
 * A scorer name from the registry ("exact", "math", "normalized", "numeric", "contains", "regex",
 * "choice", "json-schema", "llm-judge"), a name with its settings (`{ name: 'regex', pattern }`), a
 * Scorer object, or a function `(response, example) => score`.
 */
export type TaskScorerInput = string | ({ readonly name: string } & ScorerOptions) | Scorer | ScoreFunction;

/** What `task()` takes. Give the data as `examples` (split by seed unless each names its split) or `splits`. */
export interface TaskInput {
  readonly id: string;
  /** What the task asks of the model; the prompt agent reads it. Default: names the scorer. */
  readonly description?: string;
  /** Default "qa". */
  readonly kind?: TaskKind;
  /** Default "custom". */
  readonly domain?: string;
  /** The prompt optimization starts from. Default: the Manual-CoT prompt `jsonl:` tasks use. */
  readonly defaultSystemPrompt?: string;
  readonly examples?: readonly TaskExampleInput[];
  readonly splits?: Partial<Record<SplitName, readonly TaskExampleInput[]>>;
  /**
   * How `examples` are split: fractions (each at most 1, summing to at most 1; when they sum to 1 test
   * takes the rest) or whole counts. Default 0.5 / 0.2 / 0.3, the split of `jsonl:` tasks: the same
   * examples and seed give the same splits.
   */
  readonly split?: SplitSizes;
  /** Seed of the split of `examples` (default 0). */
  readonly seed?: number;
  /** Default "exact". */
  readonly scorer?: TaskScorerInput;
  /** The user message for an example (default: its input). */
  readonly toUserMessage?: (example: Example) => string;
}

const KINDS: readonly TaskKind[] = ['math', 'code', 'mcq', 'grid', 'instruction', 'qa', 'other'];
const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

/**
 * A task built in memory. Everything is checked here, before any model call: a problem is a
 * ConfigError naming the field (`task.examples[3].id: duplicate id "q0" ...`) and how to fix it.
 * Checked: the id; examples present, objects with a non-empty string `input`, unique ids, an answer
 * where the scorer compares with one, a known `split`; `examples` and `splits` not both; per-example
 * splits on every example or none; split sizes that are fractions or whole counts fitting the
 * examples, and every split they ask for receiving an example; the scorer (an unknown name lists
 * the known ones); the optional fields' types. Which splits a use case needs (optimize: train and
 * test) is checked by the use case.
 */
export function task(input: TaskInput): Task {
  if (input === null || typeof input !== 'object') {
    throw new ConfigError('task', 'expected an object { id, examples, scorer, ... }');
  }
  if (typeof input.id !== 'string' || input.id.trim() === '') {
    throw new ConfigError(
      'task.id',
      'expected a non-empty string naming the task (it keys the store and reports)',
    );
  }
  const scorer = resolveScorer(input.scorer);
  const needsAnswer = scorerComparesWithAnswer(input.scorer);
  const splits = buildSplits(input, needsAnswer);
  const description = optionalText(input.description, 'task.description');
  const defaultSystemPrompt = optionalText(input.defaultSystemPrompt, 'task.defaultSystemPrompt');
  const domain = optionalText(input.domain, 'task.domain');
  if (input.kind !== undefined && !KINDS.includes(input.kind)) {
    throw new ConfigError('task.kind', `unknown kind "${String(input.kind)}"; known: ${KINDS.join(', ')}`);
  }
  if (input.toUserMessage !== undefined && typeof input.toUserMessage !== 'function') {
    throw new ConfigError('task.toUserMessage', 'expected a function (example) => string');
  }
  return {
    id: input.id,
    description:
      description ?? `Answer the question; the final answer is scored by the "${scorer.name}" scorer.`,
    kind: input.kind ?? 'qa',
    domain: domain ?? 'custom',
    splits,
    defaultSystemPrompt: defaultSystemPrompt ?? MANUAL_COT_PROMPT,
    scorer,
    toUserMessage: input.toUserMessage ?? ((example) => example.input),
  };
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new ConfigError(field, 'expected a non-empty string');
  return value;
}

function resolveScorer(spec: TaskScorerInput | undefined): Scorer {
  const field = 'task.scorer';
  if (spec === undefined) return createScorer('exact');
  if (typeof spec === 'function') return functionScorer(spec, field);
  const unknownName = (name: unknown): ConfigError =>
    new ConfigError(
      field,
      `unknown scorer "${String(name)}"; known: ${scorerNames().join(', ')}; or pass a Scorer object or a function (response, example) => score`,
    );
  if (typeof spec === 'string') {
    if (!scorerNames().includes(spec)) throw unknownName(spec);
    if (spec === 'llm-judge') throw needsJudge();
    return createScorer(spec);
  }
  if (spec === null || typeof spec !== 'object') {
    throw new ConfigError(
      field,
      'expected a scorer name, a Scorer object, or a function (response, example) => score',
    );
  }
  if ('score' in spec && typeof spec.score === 'function') {
    if (typeof spec.name !== 'string' || spec.name === '') {
      throw new ConfigError(`${field}.name`, 'a Scorer object needs a non-empty name (reports show it)');
    }
    return spec;
  }
  const { name, ...options } = spec as { readonly name: string } & ScorerOptions;
  if (!scorerNames().includes(name)) throw unknownName(name);
  if (name === 'llm-judge' && (options.rubric === undefined || options.judge === undefined))
    throw needsJudge();
  return createScorer(name, options);
}

function needsJudge(): ConfigError {
  return new ConfigError(
    'task.scorer',
    'the "llm-judge" scorer needs a rubric and a judge: { name: "llm-judge", rubric: "...", judge: (prompt) => Promise<string> }',
  );
}

/** Whether the scorer compares the response with the example's answer (so every example needs one). */
function scorerComparesWithAnswer(spec: TaskScorerInput | undefined): boolean {
  if (spec === undefined) return true;
  if (typeof spec === 'function') return false;
  if (typeof spec === 'string') return spec !== 'llm-judge';
  if ('score' in spec && typeof spec.score === 'function') return false;
  if (spec.name === 'llm-judge') return false;
  return !(spec.name === 'json-schema' && 'schema' in spec && spec.schema !== undefined);
}

function buildSplits(input: TaskInput, needsAnswer: boolean): Splits {
  const seen = new Map<string, string>();
  const check = (list: unknown, field: string, idPrefix: string): Array<Example & { split?: SplitName }> => {
    if (!Array.isArray(list)) throw new ConfigError(field, 'expected an array of examples');
    return list.map((raw: unknown, i) =>
      checkExample(raw, `${field}[${i}]`, `${idPrefix}-${i}`, needsAnswer, seen),
    );
  };
  if (input.splits !== undefined) {
    if (input.examples !== undefined) {
      throw new ConfigError('task.splits', 'give `examples` (split for you) or `splits`, not both');
    }
    if (input.split !== undefined) {
      throw new ConfigError(
        'task.split',
        'split sizes apply to `examples`; `splits` are already split: remove one',
      );
    }
    if (input.splits === null || typeof input.splits !== 'object') {
      throw new ConfigError('task.splits', 'expected { train?, val?, test? } arrays of examples');
    }
    const parts = input.splits;
    const out = Object.fromEntries(
      SPLIT_NAMES.map((name) => {
        const list = check(parts[name] ?? [], `task.splits.${name}`, name);
        const stray = list.findIndex((e) => e.split !== undefined && e.split !== name);
        if (stray >= 0) {
          throw new ConfigError(
            `task.splits.${name}[${stray}].split`,
            `says "${list[stray]?.split}" but the example is in ${name}`,
          );
        }
        return [name, list.map(withoutSplit)];
      }),
    ) as Record<SplitName, Example[]>;
    if (out.train.length + out.val.length + out.test.length === 0) {
      throw new ConfigError('task.splits', 'every split is empty; give at least one example');
    }
    return out;
  }
  if (input.examples === undefined) {
    throw new ConfigError(
      'task.examples',
      'missing: give `examples` (split by seed) or `splits` ({ train, val, test })',
    );
  }
  const examples = check(input.examples, 'task.examples', 'item');
  if (examples.length === 0) throw new ConfigError('task.examples', 'empty; give at least one example');
  const named = examples.filter((e) => e.split !== undefined).length;
  if (named > 0) return splitsNamedByExamples(examples, named, input.split);
  return seededSplits(examples.map(withoutSplit), input.split ?? DEFAULT_SPLIT, input.seed ?? 0);
}

/** `examples` that carry their split, as in a JSONL file; here every one must, or none. */
function splitsNamedByExamples(
  examples: ReadonlyArray<Example & { split?: SplitName }>,
  named: number,
  sizes: SplitSizes | undefined,
): Splits {
  if (named < examples.length) {
    const missing = examples.findIndex((e) => e.split === undefined);
    throw new ConfigError(
      `task.examples[${missing}].split`,
      `missing, while ${named} other examples name their split; give every example a split, or none (to split by seed)`,
    );
  }
  if (sizes !== undefined) {
    throw new ConfigError(
      'task.split',
      "the examples name their splits; remove `split`, or the examples' `split` fields",
    );
  }
  const by = (name: SplitName): Example[] => examples.filter((e) => e.split === name).map(withoutSplit);
  return { train: by('train'), val: by('val'), test: by('test') };
}

/** The seeded split `jsonl:` tasks use (same shuffle), with the sizes checked against the examples. */
function seededSplits(examples: readonly Example[], sizes: SplitSizes, seed: number): Splits {
  if (sizes === null || typeof sizes !== 'object') {
    throw new ConfigError('task.split', 'expected { train, val, test } as fractions or counts');
  }
  for (const name of SPLIT_NAMES) {
    const x: unknown = sizes[name];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new ConfigError(
        `task.split.${name}`,
        `expected a number >= 0 (a fraction or a count), got ${String(x)}`,
      );
    }
  }
  if (!Number.isInteger(seed)) throw new ConfigError('task.seed', `expected an integer, got ${String(seed)}`);
  const n = examples.length;
  const fractions = sizesAreFractions(sizes);
  const shown = `train ${sizes.train} / val ${sizes.val} / test ${sizes.test}`;
  if (!fractions) {
    const odd = SPLIT_NAMES.find((name) => !Number.isInteger(sizes[name]));
    if (odd !== undefined) {
      throw new ConfigError(
        `task.split.${odd}`,
        `${shown} mixes fractions and counts; give fractions (each <= 1, summing to at most 1) or whole counts`,
      );
    }
    if (sizes.train + sizes.val + sizes.test > n) {
      throw new ConfigError(
        'task.split',
        `${shown} asks for ${sizes.train + sizes.val + sizes.test} examples; there are ${n}`,
      );
    }
  }
  const counts = countsFromSizes(sizes, n);
  const empty = SPLIT_NAMES.find((name) => sizes[name] > 0 && counts[name] === 0);
  if (empty !== undefined) {
    throw new ConfigError(
      'task.examples',
      `${n} example${n === 1 ? '' : 's'} split ${shown} leave ${empty} empty; give more examples${n < 2 ? '' : `, or \`split\` counts (e.g. { train: ${n - 1}, val: 0, test: 1 })`}`,
    );
  }
  return countSplit(examples, counts, seed);
}

function withoutSplit(example: Example & { split?: SplitName }): Example {
  const { split: _split, ...rest } = example;
  return rest;
}

function checkExample(
  raw: unknown,
  at: string,
  defaultId: string,
  needsAnswer: boolean,
  seen: Map<string, string>,
): Example & { split?: SplitName } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(at, 'expected an example { id?, input, answer?, meta?, split? }');
  }
  const e = raw as Record<string, unknown>;
  const id = e.id === undefined ? defaultId : e.id;
  if (typeof id !== 'string' || id === '') throw new ConfigError(`${at}.id`, 'expected a non-empty string');
  const earlier = seen.get(id);
  if (earlier !== undefined) {
    throw new ConfigError(
      `${at}.id`,
      `duplicate id "${id}" (${earlier} has it too); give every example its own id`,
    );
  }
  seen.set(id, at);
  if (typeof e.input !== 'string' || e.input.trim() === '') {
    throw new ConfigError(`${at}.input`, 'expected a non-empty string (the question the model answers)');
  }
  let answer = '';
  if (typeof e.answer === 'string') answer = e.answer;
  else if (typeof e.answer === 'number' && Number.isFinite(e.answer)) answer = String(e.answer);
  else if (e.answer !== undefined)
    throw new ConfigError(`${at}.answer`, `expected a string or a number, got ${typeof e.answer}`);
  if (needsAnswer && answer.trim() === '') {
    throw new ConfigError(
      `${at}.answer`,
      'missing: the scorer compares the response with the reference answer; give one, or use a scorer function',
    );
  }
  if (e.meta !== undefined && (e.meta === null || typeof e.meta !== 'object' || Array.isArray(e.meta))) {
    throw new ConfigError(`${at}.meta`, 'expected an object');
  }
  if (e.split !== undefined && !SPLIT_NAMES.includes(e.split as SplitName)) {
    throw new ConfigError(`${at}.split`, `expected "train", "val" or "test", got ${JSON.stringify(e.split)}`);
  }
  return {
    id,
    input: e.input,
    answer,
    ...(e.meta === undefined ? {} : { meta: e.meta as Readonly<Record<string, unknown>> }),
    ...(e.split === undefined ? {} : { split: e.split as SplitName }),
  };
}
