import { createRng, type Rng } from '../util/rng.js';

/**
 * How a stats function gets its randomness: an `Rng` (advanced by the call) or a `seed` (a fresh
 * generator). With neither, seed 0 is used, so every call is reproducible by default.
 */
export interface RandomSource {
  readonly rng?: Rng;
  readonly seed?: number;
}

export function randomSource(source: RandomSource | undefined): Rng {
  if (source?.rng !== undefined) return source.rng;
  return createRng(source?.seed ?? 0);
}
