import type { Engine } from '../engine/engine.js';
import { SepoError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import { sha256 } from '../util/hash.js';
import { collectRewards } from './collect-rewards.js';

/** A malformed reward request; `field` names the offending JSON field (HTTP 400). */
export class RewardRequestError extends SepoError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

export interface RewardRequest {
  readonly prompts: readonly string[];
}

/** Per-prompt detail of a reward: the mean reward on each example and the rollouts behind it. */
export interface RewardDetail {
  readonly perExample: Readonly<Record<string, number>>;
  /** Rollouts behind the reward (K × M). */
  readonly n: number;
  /** Rollouts that failed (scored 0 with a reason). */
  readonly failures: number;
}

export interface RewardResponse {
  /** One reward per prompt, in request order: mean over the subset's examples of the mean over M responses. */
  readonly rewards: readonly number[];
  readonly details: readonly RewardDetail[];
  /** The run's cumulative spend after this request. */
  readonly spend: Spend;
}

export const DEFAULT_MAX_PROMPTS = 256;

/**
 * Validates a `POST /reward` body: `{"prompts": ["...", ...]}` with 1..maxPrompts non-empty strings.
 * Throws RewardRequestError naming the field (e.g. "prompts[2]").
 */
export function parseRewardRequest(body: unknown, maxPrompts = DEFAULT_MAX_PROMPTS): RewardRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RewardRequestError('body', 'expected a JSON object {"prompts": ["...", ...]}');
  }
  const prompts = (body as Record<string, unknown>).prompts;
  if (prompts === undefined)
    throw new RewardRequestError('prompts', 'is required: an array of system prompts');
  if (!Array.isArray(prompts)) throw new RewardRequestError('prompts', 'expected an array of strings');
  if (prompts.length === 0) throw new RewardRequestError('prompts', 'must hold at least one prompt');
  if (prompts.length > maxPrompts) {
    throw new RewardRequestError(
      'prompts',
      `holds ${prompts.length} prompts, at most ${maxPrompts} per request`,
    );
  }
  prompts.forEach((p, i) => {
    if (typeof p !== 'string')
      throw new RewardRequestError(`prompts[${i}]`, `expected a string, got ${typeof p}`);
    if (p.trim() === '') throw new RewardRequestError(`prompts[${i}]`, 'is empty');
  });
  return { prompts: prompts as string[] };
}

/**
 * The reward of generated system prompts on a fixed subset of examples (p1 stage 2's reward, served to
 * an external RL trainer): each prompt runs on every subset example M times through the engine (samples
 * 0..M-1, cached, budgeted), exactly as `sepo eval --samples M` would run it. A prompt repeated within
 * one request gets independent responses for each repeat; the same prompt in a later request gets the
 * cached ones.
 */
export class RewardService {
  constructor(
    private readonly engine: Engine,
    private readonly task: Task,
    readonly examples: readonly Example[],
    readonly samples: number,
  ) {
    if (examples.length === 0) throw new SepoError('the reward subset needs at least one example');
    if (!(Number.isInteger(samples) && samples >= 1)) {
      throw new SepoError(`responses per example must be an integer >= 1, got ${samples}`);
    }
  }

  async score(prompts: readonly string[]): Promise<RewardResponse> {
    const samples = prompts.map((prompt) => ({
      id: `s-${sha256(prompt).slice(0, 10)}`,
      prompt,
      source: 'given' as const,
    }));
    const { tensor, failuresByPrompt } = await collectRewards(
      this.engine,
      this.task,
      samples,
      this.examples,
      {
        samples: this.samples,
        label: `reward ${prompts.length} prompt(s)`,
        budgetHint: 'the prompts per request, --m or the subset',
      },
    );
    const K = tensor.examples;
    const rewards: number[] = [];
    const details: RewardDetail[] = [];
    for (let n = 0; n < tensor.prompts; n++) {
      const perExample: Record<string, number> = {};
      let sum = 0;
      let count = 0;
      for (let k = 0; k < K; k++) {
        const mean = tensor.means[n * K + k] as number;
        perExample[tensor.exampleIds[k] as string] = mean;
        sum += mean;
        count += tensor.counts[n * K + k] as number;
      }
      rewards.push(sum / K);
      details.push({ perExample, n: count, failures: failuresByPrompt[n] ?? 0 });
    }
    return { rewards, details, spend: this.engine.spend() };
  }
}
