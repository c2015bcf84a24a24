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
