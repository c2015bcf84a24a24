import type { Engine } from '../../engine/engine.js';
import type { Example } from '../../spec/example.js';
import { type ScoredRollout, scoredOnly } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import { type Candidate, mergeSplitScore } from './candidate.js';

/**
 * Evaluates candidates through the engine, remembering each candidate's rollouts per example so that a
 * parent re-used within a generation costs nothing more, and merging results into the candidate's
 * split scores. Responses are kept for feedback. Only scored rollouts are returned: a decision is made
 * on the examples that were scored, never on a failed call counted as a wrong answer.
 */
export class CandidateEvaluator {
  private readonly rollouts = new Map<string, Map<string, ScoredRollout>>();

  constructor(
    private readonly engine: Engine,
    private readonly task: Task,
    private readonly samples = 1,
  ) {}

  /** Rollouts of `candidate` on `examples` (sample 0..samples-1), running only those not yet known. */
  async run(
    candidate: Candidate,
    examples: readonly Example[],
    split: string,
    label?: string,
  ): Promise<ScoredRollout[]> {
    const known = this.rollouts.get(candidate.id) ?? new Map<string, ScoredRollout>();
    this.rollouts.set(candidate.id, known);
    const key = (exampleId: string, sample: number): string => `${split}\u0000${exampleId}\u0000${sample}`;
    const missing = examples.flatMap((example) =>
      Array.from({ length: this.samples }, (_, sample) => ({ example, sample })).filter(
        ({ sample }) => !known.has(key(example.id, sample)),
      ),
    );
    if (missing.length > 0) {
      // Failed calls (provider errors after retries) are not answers: they are left out of every score
      // and decision, and stay missing here so a later call (or a resumed run) runs them again.
      const fresh = scoredOnly(
        await this.engine.evaluate(
          this.task,
          missing.map(({ example, sample }) => ({
            candidateId: candidate.id,
            systemPrompt: candidate.prompt,
            example,
            sample,
          })),
          { label: label ?? `${candidate.id} ${split}` },
        ),
      );
      for (const r of fresh) known.set(key(r.exampleId, r.sample), r);
      candidate.scores[split] = mergeSplitScore(candidate.scores[split], fresh);
    }
    return examples.flatMap((example) =>
      Array.from({ length: this.samples }, (_, sample) => known.get(key(example.id, sample))).filter(
        (r): r is ScoredRollout => r !== undefined,
      ),
    );
  }

  /** The rollouts a candidate has on a split so far. */
  known(candidateId: string): ScoredRollout[] {
    return [...(this.rollouts.get(candidateId)?.values() ?? [])];
  }
}
