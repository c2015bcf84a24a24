import { ConfigError, UnknownNameError } from '../../errors.js';
import type { Scorer } from '../../spec/score.js';
import type { JsonSchema } from '../../util/json-schema.js';
import { choiceScorer } from './choice-scorer.js';
import { containsScorer } from './contains-scorer.js';
import { exactScorer } from './exact-scorer.js';
import { createJsonSchemaScorer } from './json-schema-scorer.js';
import { createLlmJudgeScorer, type JudgeFn } from './llm-judge-scorer.js';
import { mathScorer } from './math-scorer.js';
import { normalizedScorer } from './normalized-scorer.js';
import { createNumericScorer } from './numeric-scorer.js';
import { createRegexScorer } from './regex-scorer.js';

/** Settings a scorer may need; each scorer reads only its own (all plain data, except `judge`). */
export interface ScorerOptions {
  /** regex: an extraction pattern shared by all examples. */
  readonly pattern?: string;
  /** numeric: relative tolerance (default 1e-6). */
  readonly tolerance?: number;
  /** json-schema: one schema for all examples (else each reference is its schema). */
  readonly schema?: JsonSchema;
  /** llm-judge: the rubric text. */
  readonly rubric?: string;
  /** llm-judge: calls the judge model (the CLI wires it to engine.complete). */
  readonly judge?: JudgeFn;
}

export type ScorerFactory = (options: ScorerOptions) => Scorer;

const factories = new Map<string, ScorerFactory>([
  ['exact', () => exactScorer],
  ['normalized', () => normalizedScorer],
  ['regex', (o) => createRegexScorer(o.pattern === undefined ? {} : { pattern: o.pattern })],
  ['numeric', (o) => createNumericScorer(o.tolerance === undefined ? {} : { tolerance: o.tolerance })],
  ['contains', () => containsScorer],
  ['math', () => mathScorer],
  ['choice', () => choiceScorer],
  ['json-schema', (o) => createJsonSchemaScorer(o.schema === undefined ? {} : { schema: o.schema })],
  [
    'llm-judge',
    (o) => {
      if (o.rubric === undefined) {
        throw new ConfigError('--rubric', 'the llm-judge scorer needs a rubric (text or @file)');
      }
      if (o.judge === undefined) {
        throw new ConfigError(
          '--judge-model',
          'the llm-judge scorer needs a judge model (the CLI uses --judge-model, else the optimizer model)',
        );
      }
      return createLlmJudgeScorer({ rubric: o.rubric, judge: o.judge });
    },
  ],
]);

/** Names usable as `--scorer <name>`. */
export function scorerNames(): string[] {
  return [...factories.keys()];
}

/** Whether the named scorer calls a judge model (so the caller must wire `judge`). */
export function scorerNeedsJudge(name: string): boolean {
  return name === 'llm-judge';
}

/** Adds a scorer name (e.g. from a plugin); a later registration replaces an earlier one. */
export function registerScorer(name: string, factory: ScorerFactory): void {
  factories.set(name, factory);
}

/** Builds a scorer by name; an unknown name lists the known ones. */
export function createScorer(name: string, options: ScorerOptions = {}): Scorer {
  const factory = factories.get(name);
  if (factory === undefined) throw new UnknownNameError('scorer', name, scorerNames());
  return factory(options);
}
