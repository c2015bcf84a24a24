import type { ModelHandle } from '../models/model-handle.js';
import type { SamplingSettings } from '../spec/sampling.js';
import { hashValue } from '../util/hash.js';

/**
 * The content address of a model call: provider, model, messages, sampling settings and sample index.
 * Two calls with the same key are interchangeable, so a stored completion answers the second one.
 */
export function callKey(
  model: ModelHandle,
  system: string,
  prompt: string,
  sampling: SamplingSettings | undefined,
  sample: number,
): string {
  return hashValue({ v: 1, model: model.id, system, prompt, sampling: sampling ?? {}, sample });
}
