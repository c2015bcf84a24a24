import type { TaskKind } from '../spec/task.js';

/**
 * The declarative world file, as parsed and validated by `parseWorld`. `WORLD_SCHEMA` is the published
 * JSON Schema of the same shape and `docs/sim-world.md` documents every field; keep the three in step.
 */
export interface WorldFile {
  readonly name: string;
  readonly description?: string;
  /** Seeds every draw: example generation, per-example parameters, sampling. */
  readonly seed: number;
  /** Simulated latency of every call, in milliseconds (default 0: no timer at all). */
  readonly latencyMs?: number;
  /** The task `sim:<world>` names (default: the first task). */
  readonly defaultTask?: string;
  /** Manual-CoT seed prompt of tasks that set none. */
  readonly defaultSystemPrompt?: string;
  readonly behaviours: readonly BehaviourSpec[];
  /** Pairs that hurt every task when both are present (tasks may add their own). */
  readonly conflicts?: readonly ConflictSpec[];
  readonly metaBehaviours?: readonly MetaBehaviourSpec[];
  readonly promptAgent?: PromptAgentSpec;
  readonly responses?: ResponseSpec;
  readonly tasks: readonly TaskSpec[];
}

/** An instruction atom a system prompt can contain. */
export interface BehaviourSpec {
  readonly id: string;
  /** Canonical phrase: what the simulated prompt agent writes; always also a match pattern. */
  readonly phrase: string;
  /** Phrases (matched case-insensitively, whitespace-flexible, on word boundaries) or `/regex/` or `/regex/i`. */
  readonly patterns?: readonly string[];
  /** Sentence written in a failed response when this behaviour would have helped. No digits. */
  readonly symptom: string;
}

/** The prompt agent's skills a meta-behaviour can shift (added to the base value, then clamped). */
export type SkillName =
  | 'keepRate'
  | 'diagnosisAccuracy'
  | 'explorationRate'
  | 'leakRate'
  | 'fillerSentences'
  | 'adviceRate';

export const SKILL_NAMES: readonly SkillName[] = [
  'keepRate',
  'diagnosisAccuracy',
  'explorationRate',
  'leakRate',
  'fillerSentences',
  'adviceRate',
];

/** A behaviour of prompt agents: found in the agent's own system prompt, it changes the agent's skill. */
export interface MetaBehaviourSpec extends BehaviourSpec {
  readonly effects: Readonly<Partial<Record<SkillName, number>>>;
}

export interface ConflictSpec {
  readonly between: readonly [string, string];
  /** Logit penalty when both behaviours are present. */
  readonly penalty: number;
}

/** A normal distribution over examples: value = mean + spread * z, z ~ N(0, 1) drawn per example. */
export interface Dist {
  readonly mean: number;
  readonly spread: number;
}

export type GeneratorName =
  | 'arithmetic'
  | 'unit-conversion'
  | 'string-transform'
  | 'list-sort'
  | 'letter-count'
  | 'date-arithmetic';

export type TaskSource =
  | { readonly kind: 'synthetic'; readonly generator: GeneratorName }
  | { readonly kind: 'external'; readonly taskId: string };

export interface TaskSpec {
  readonly id: string;
  readonly source: TaskSource;
  readonly description?: string;
  readonly kind?: TaskKind;
  readonly domain?: string;
  /** Split sizes of a synthetic task (external tasks bring their own). */
  readonly splits?: { readonly train: number; readonly val: number; readonly test: number };
  /** Whether SePO pre-training may use the task (false = an outside target). Default true. */
  readonly pool?: boolean;
  /** Extra words that name the task in a generator request ("generate a prompt for ..."). */
  readonly keywords?: readonly string[];
  readonly defaultSystemPrompt?: string;
  readonly baseLogit: Dist;
  /** Effect (logit) of each behaviour when present. Unlisted behaviours have no effect. */
  readonly behaviourEffects?: Readonly<Record<string, Dist>>;
  readonly conflicts?: readonly ConflictSpec[];
  /** Logit penalty perToken * max(0, promptTokens - freeTokens); tokens = ceil(chars / 4). */
  readonly length?: { readonly freeTokens: number; readonly perToken: number };
  /** Without this behaviour the answer is unparsable with probability unparsableRate. */
  readonly format?: { readonly behaviour: string; readonly unparsableRate: number };
  /** A prompt quoting an example with its answer: +boost on it, -elsewhere per quoted example on others. */
  readonly memorisation?: { readonly boost: number; readonly elsewhere: number };
  /** How the answer is written in responses to an external task, e.g. "\\boxed{{answer}}". */
  readonly answerTemplate?: string;
}

export interface PromptAgentSpec {
  readonly keepRate?: number;
  readonly diagnosisAccuracy?: number;
  readonly explorationRate?: number;
  readonly leakRate?: number;
  readonly fillerSentences?: number;
  readonly adviceRate?: number;
  readonly combineRate?: number;
  readonly generatorIncludeRate?: number;
  readonly maxDiagnoses?: number;
  readonly preamble?: string;
  readonly agentPreamble?: string;
  readonly fillers?: readonly string[];
}

export interface ResponseSpec {
  /** Probability that a wrong answer carries a symptom sentence at all. */
  readonly symptomRate?: number;
  /** Probability that the symptom is a misleading one (a behaviour that would not have helped). */
  readonly misleadingRate?: number;
}
