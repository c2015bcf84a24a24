import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import {
  type Constraint,
  type ConstraintOutcome,
  checkInstructions,
  type FollowMode,
} from './check-instructions.js';
import { type InstructionBenchmark, verifiersFor } from './instruction-registry.js';
import type { Kwargs } from './verifier.js';

/** A scorer that answers synchronously. */
export interface SyncScorer extends Scorer {
  score(example: Example, response: string): ScoreResult;
}

/** The constraints stored on an instruction-following example (`meta.instructions`). */
export function constraintsOf(example: Example): Constraint[] | undefined {
  const raw = example.meta?.instructions;
  if (!Array.isArray(raw)) return undefined;
  const out: Constraint[] = [];
  for (const item of raw) {
    if (item === null || typeof item !== 'object') return undefined;
    const { id, kwargs } = item as { id?: unknown; kwargs?: unknown };
    if (typeof id !== 'string' || kwargs === null || typeof kwargs !== 'object') return undefined;
    out.push({ id, kwargs: kwargs as Kwargs });
  }
  return out;
}

/** Feedback the prompt agent can act on: each failed constraint, what it asks and what the response did. */
export function instructionFeedback(outcomes: readonly ConstraintOutcome[], mode: FollowMode): string {
  const failed = outcomes.filter((o) => !o.followed);
  const suffix = mode === 'loose' ? ' (loose check)' : '';
  if (failed.length === 0) {
    return `All ${outcomes.length} constraint${outcomes.length === 1 ? '' : 's'} followed${suffix}: ${outcomes.map((o) => o.id).join(', ')}.`;
  }
  const lines = failed.map((o) => `- ${o.description} Not followed: ${o.detail}. [${o.id}]`);
  const followed = outcomes.filter((o) => o.followed).map((o) => o.id);
  return [
    `Failed ${failed.length} of ${outcomes.length} constraint${outcomes.length === 1 ? '' : 's'}${suffix}; the reward is 1 only when every constraint holds:`,
    ...lines,
    ...(followed.length > 0 ? [`Followed: ${followed.join(', ')}.`] : []),
  ].join('\n');
}

/**
 * The instruction-following scorer: score 1 only if every constraint of the example holds (strict by
 * default, IFEval's loose variants with mode "loose"), else 0 with feedback listing the failed ones.
 */
export function createInstructionScorer(
  benchmark: InstructionBenchmark,
  mode: FollowMode = 'strict',
): SyncScorer {
  const verifiers = verifiersFor(benchmark);
  return {
    name: `${benchmark}-${mode}`,
    score(example: Example, response: string): ScoreResult {
      const constraints = constraintsOf(example);
      if (constraints === undefined || constraints.length === 0) {
        return {
          score: 0,
          feedback: 'This example carries no instruction constraints to check.',
          failure: 'no instruction metadata',
        };
      }
      const outcomes = checkInstructions(response, constraints, verifiers, example.input, mode);
      const followed = outcomes.filter((o) => o.followed).length;
      const result: ScoreResult = {
        score: followed === outcomes.length ? 1 : 0,
        feedback: instructionFeedback(outcomes, mode),
        extracted: `${followed}/${outcomes.length} constraints followed`,
      };
      return response.trim() === '' ? { ...result, failure: 'empty response' } : result;
    },
  };
}
