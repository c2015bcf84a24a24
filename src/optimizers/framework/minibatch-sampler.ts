import type { Example } from '../../spec/example.js';
import { rngFor } from '../../util/rng.js';

/**
 * Fixed per generation: every evaluation within generation g uses the same examples, so parent and
 * child are compared on the same items (a paired comparison). Generations cycle through a seeded
 * shuffle of the training set so every example is eventually used.
 */
export class MinibatchSampler {
  private readonly order: readonly Example[];

  constructor(
    examples: readonly Example[],
    private readonly size: number,
    seed: number,
  ) {
    this.order = rngFor(seed, 'minibatch').shuffle(examples);
  }

  forGeneration(generation: number): readonly Example[] {
    const n = this.order.length;
    if (n <= this.size) return this.order;
    const start = (generation * this.size) % n;
    const batch = this.order.slice(start, start + this.size);
    return batch.length < this.size ? [...batch, ...this.order.slice(0, this.size - batch.length)] : batch;
  }
}

/** The disjoint parts of a training set one search uses (see `partitionTraining`). */
export interface TrainingPartition {
  /** Held-back examples every archive member is scored on; empty when a validation split plays that role. */
  readonly selection: readonly Example[];
  /** Examples the prompt agent may be shown, with their reference answers, as feedback. */
  readonly feedback: readonly Example[];
  /** Examples a child is admitted on: never shown to the prompt agent. */
  readonly admission: readonly Example[];
}

/**
 * Splits a training set once, by a seeded shuffle, into disjoint parts: a selection set of
 * `selectionSize` examples (at most a third of the set; 0 when a validation split ranks the archive),
 * then the rest halved into a feedback pool and an admission pool. The prompt agent only ever sees
 * feedback examples with their answers, so neither admission nor ranking can reward a prompt that
 * copies them. With fewer than three examples and a selection set asked for, the admission pool
 * doubles as the selection set (both are unseen by the agent).
 */
export function partitionTraining(
  examples: readonly Example[],
  selectionSize: number,
  seed: number,
): TrainingPartition {
  const order = rngFor(seed, 'partition').shuffle(examples);
  const s = selectionSize <= 0 ? 0 : Math.min(selectionSize, Math.floor(order.length / 3));
  const rest = order.slice(s);
  const half = Math.ceil(rest.length / 2);
  const feedback = rest.slice(0, half);
  const admission = rest.slice(half);
  const selection = selectionSize > 0 && s === 0 ? admission : order.slice(0, s);
  return { selection, feedback, admission };
}
