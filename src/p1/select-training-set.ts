import type { Engine } from '../engine/engine.js';
import { SepoError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import type { LearnabilityVerdict } from '../stats/learnability.js';
import { rngFor } from '../util/rng.js';
import type { AnalyzeRewardsOptions } from './analyze-rewards.js';
import { type Diagnosis, type PromptSource, runDiagnosis } from './run-diagnosis.js';
import type { SystemPromptSample } from './sample-system-prompts.js';
import type { P1Recommendation } from './verdict.js';

/**
 * How an optimizer's training set is chosen:
 * - `all`: the whole training split (default);
 * - `random`: k examples drawn with the seed (the ablation for p1);
 * - `p1`: the best subset of size k by the p1 filter (Algorithm 1, stage 1);
 * - `auto`: diagnose first; the p1 subset when the data are heterogeneous, else all (filtering hurt
 *   homogeneous data in the paper).
 */
export type SelectionMethod = 'all' | 'random' | 'p1' | 'auto';
export const SELECTION_METHODS: readonly SelectionMethod[] = ['all', 'random', 'p1', 'auto'];

export interface SelectTrainingSetOptions {
  readonly method: SelectionMethod;
  /** k: examples kept by `random`, K_top of `p1` and `auto` (default 2). */
  readonly size?: number;
  readonly seed: number;
  /** Where the diagnosis's system prompts come from (`p1` and `auto` only). */
  readonly prompts?: PromptSource;
  /** M of the diagnosis (default 32). */
  readonly samples?: number;
  /** Analysis settings of the diagnosis (its subset size is `size`). */
  readonly analysis?: Omit<AnalyzeRewardsOptions, 'subsetSize' | 'seed'>;
  readonly onPrompts?: (prompts: readonly SystemPromptSample[]) => void;
}

/** What was selected and why: goes into the optimize result as is (JSON). */
export interface SelectionRecord {
  readonly method: SelectionMethod;
  /** k as requested (undefined for `all`). */
  readonly size: number | undefined;
  /** Ids of the chosen training examples, in training-split order. */
  readonly chosenIds: readonly string[];
  /** The training split's size. */
  readonly available: number;
  readonly filtered: boolean;
  /** Plain words: why this set. */
  readonly reason: string;
  readonly verdict:
    | {
        readonly kind: LearnabilityVerdict;
        readonly recommendation: P1Recommendation;
        readonly headline: string;
      }
    | undefined;
  /** The diagnosis's best subsets with their scores (p1 and auto). */
  readonly topSubsets: readonly { readonly ids: readonly string[]; readonly score: number }[];
  /** Task-model rollouts the selection used (they count against the run's budget). */
  readonly rolloutsUsed: number;
  /** Generator (optimizer-role) calls the selection used. */
  readonly generatorCalls: number;
  /** N and M of the diagnosis (p1 and auto). */
  readonly prompts: number | undefined;
  readonly samples: number | undefined;
}

export interface TrainingSelection {
  readonly examples: readonly Example[];
  readonly record: SelectionRecord;
  /** The diagnosis behind a `p1` or `auto` selection. */
  readonly diagnosis: Diagnosis | undefined;
}

/**
 * Chooses the training examples an optimizer will use; validation and test splits are not touched. The
 * `p1` and `auto` diagnoses run through the same engine before the optimizer starts, so their rollouts
 * count against its budget.
 */
export async function selectTrainingSet(
  engine: Engine,
  task: Task,
  train: readonly Example[],
  options: SelectTrainingSetOptions,
): Promise<TrainingSelection> {
  const method = options.method;
  if (train.length === 0) throw new SepoError(`${task.id} has no training examples to select from`);
  const empty = {
    rolloutsUsed: 0,
    generatorCalls: 0,
    verdict: undefined,
    topSubsets: [],
    prompts: undefined,
    samples: undefined,
  };
  if (method === 'all') {
    return {
      examples: train,
      diagnosis: undefined,
      record: {
        ...empty,
        method,
        size: undefined,
        chosenIds: train.map((e) => e.id),
        available: train.length,
        filtered: false,
        reason: `all ${train.length} training examples (no selection)`,
      },
    };
  }
  const size = options.size ?? 2;
  if (!(Number.isInteger(size) && size >= 1))
    throw new SepoError(`the selection size k must be an integer >= 1, got ${size}`);
  if (size > train.length) {
    throw new SepoError(
      `the selection size k = ${size} exceeds the ${train.length} training examples of ${task.id}`,
    );
  }
  if (method === 'random') {
    const picked = new Set(rngFor(options.seed, 'p1-random-selection').shuffle(train).slice(0, size));
    const examples = train.filter((e) => picked.has(e));
    return {
      examples,
      diagnosis: undefined,
      record: {
        ...empty,
        method,
        size,
        chosenIds: examples.map((e) => e.id),
        available: train.length,
        filtered: true,
        reason: `${size} of ${train.length} training examples drawn at random (seed ${options.seed})`,
      },
    };
  }
  if (options.prompts === undefined)
    throw new SepoError(`--select ${method} needs system prompts to diagnose with`);
  const samples = options.samples ?? 32;
  const diagnosis = await runDiagnosis(engine, task, {
    ...options.analysis,
    subsetSize: size,
    seed: options.seed,
    examples: train,
    samples,
    prompts: options.prompts,
    label: `p1 selection (${method})`,
    budgetHint: '--select-n, --select-m or --k',
    ...(options.onPrompts === undefined ? {} : { onPrompts: options.onPrompts }),
  });
  const a = diagnosis.analysis;
  const best = a.subsets.top[0];
  if (best === undefined) throw new Error('subset search returned no subset');
  const filter = method === 'p1' || a.verdict.kind === 'heterogeneous';
  const chosen = new Set(best.ids);
  const examples = filter ? train.filter((e) => chosen.has(e.id)) : train;
  const score = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
  let reason: string;
  if (method === 'p1') {
    reason =
      `the best p1 subset of ${size} (Score ${score(best.score)}) among ${a.subsets.candidates} by ${a.subsets.method} search; ` +
      `diagnosis: ${a.verdict.headline}`;
  } else if (filter) {
    reason = `auto: the data are heterogeneous, so the best p1 subset of ${size} (Score ${score(best.score)}) is used; ${a.verdict.headline}`;
  } else {
    reason =
      `auto: kept all ${train.length} training examples because the diagnosis is ${a.verdict.kind}, not heterogeneous ` +
      `(${a.verdict.headline}); filtering helps heterogeneous data and hurt homogeneous data in p1 (IFBench)`;
  }
  return {
    examples,
    diagnosis,
    record: {
      method,
      size,
      chosenIds: examples.map((e) => e.id),
      available: train.length,
      filtered: filter,
      reason,
      verdict: {
        kind: a.verdict.kind,
        recommendation: a.verdict.recommendation,
        headline: a.verdict.headline,
      },
      topSubsets: a.subsets.top.map((s) => ({ ids: s.ids, score: s.score })),
      rolloutsUsed: diagnosis.rollouts,
      generatorCalls: diagnosis.generatorCalls,
      prompts: diagnosis.prompts.length,
      samples,
    },
  };
}
