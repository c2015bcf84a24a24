import type { Engine } from '../engine/engine.js';
import { SepoError } from '../errors.js';
import { ModelCallError } from '../models/call-model.js';
import { extractTagged } from '../optimizers/framework/extract-output.js';
import { GENERATED_PROMPT_TAG } from './meta-prompt.js';

/** One system prompt of a p1 analysis: sampled from the generator or given by the user. */
export interface SystemPromptSample {
  /** `g<i>` for generated prompts, `c<i>` for given ones; the row index of the reward tensor is the position. */
  readonly id: string;
  readonly prompt: string;
  readonly source: 'generator' | 'given';
  /** The generator call's sample index (generated prompts only). */
  readonly sample?: number;
}

export interface SampleSystemPromptsOptions {
  /** The user message of every generator call. */
  readonly metaPrompt: string;
  /** The generator's system prompt. */
  readonly system: string;
  /** N, how many system prompts to sample. */
  readonly count: number;
  /** Further calls allowed when a reply holds no usable prompt or the call fails (default N). */
  readonly extraCalls?: number;
}

export interface SampledSystemPrompts {
  readonly prompts: readonly SystemPromptSample[];
  /** Generator calls made (including the unusable ones). */
  readonly calls: number;
  readonly failures: readonly { readonly sample: number; readonly reason: string }[];
}

/**
 * Samples N system prompts from the generator (the engine's optimizer role): the k-th call uses sample
 * index k, so the calls are cached and replayed on resume like any other. The prompt is the reply's
 * <prompt>...</prompt> block, else its last fenced block, else the whole reply. A call that fails or
 * returns nothing usable is replaced by the next sample index, up to `extraCalls` more calls. Throws
 * when fewer than 2 prompts could be obtained (a decomposition needs 2); returns fewer than N otherwise.
 */
export async function sampleSystemPrompts(
  engine: Engine,
  options: SampleSystemPromptsOptions,
): Promise<SampledSystemPrompts> {
  const { count } = options;
  if (!(Number.isInteger(count) && count >= 2)) {
    throw new SepoError(`p1 needs at least 2 system prompts to compare, got ${count}`);
  }
  const limit = count + (options.extraCalls ?? count);
  const found: { sample: number; prompt: string }[] = [];
  const failures: { sample: number; reason: string }[] = [];
  let next = 0;
  while (found.length < count && next < limit) {
    const wanted = Math.min(count - found.length, limit - next);
    const samples = Array.from({ length: wanted }, (_, i) => next + i);
    next += wanted;
    const outcomes = await Promise.all(samples.map((sample) => generateOne(engine, options, sample)));
    for (const outcome of outcomes) {
      if (outcome.prompt !== undefined) found.push({ sample: outcome.sample, prompt: outcome.prompt });
      else failures.push({ sample: outcome.sample, reason: outcome.reason });
    }
  }
  if (found.length < 2) {
    const first = failures[0];
    throw new SepoError(
      `the generator gave usable system prompts for only ${found.length} of ${next} calls` +
        (first === undefined ? '' : ` (sample ${first.sample}: ${first.reason})`) +
        '; check --generator-model and the meta-prompt (it should ask for the prompt between <prompt> and </prompt>)',
    );
  }
  found.sort((a, b) => a.sample - b.sample);
  return {
    prompts: found.map((f, i) => ({ id: `g${i}`, prompt: f.prompt, source: 'generator', sample: f.sample })),
    calls: next,
    failures,
  };
}

async function generateOne(
  engine: Engine,
  options: SampleSystemPromptsOptions,
  sample: number,
): Promise<
  | { sample: number; prompt: string; reason?: undefined }
  | { sample: number; prompt?: undefined; reason: string }
> {
  let text: string;
  try {
    text = (await engine.complete({ system: options.system, prompt: options.metaPrompt, sample })).text;
  } catch (error) {
    if (error instanceof ModelCallError) return { sample, reason: `generator call failed: ${error.message}` };
    throw error;
  }
  const prompt = extractGeneratedPrompt(text);
  return prompt === undefined ? { sample, reason: 'empty reply' } : { sample, prompt };
}

/** The system prompt in a generator reply: the tagged block, else the last fenced block, else the reply. */
export function extractGeneratedPrompt(reply: string): string | undefined {
  const tagged = extractTagged(reply, GENERATED_PROMPT_TAG);
  if (tagged !== undefined) return tagged.content;
  const whole = reply.trim();
  return whole === '' ? undefined : whole;
}

/** Given prompts as samples `c0`, `c1`, ... */
export function givenSystemPrompts(prompts: readonly string[]): SystemPromptSample[] {
  return prompts.map((prompt, i) => ({ id: `c${i}`, prompt, source: 'given' }));
}
