import type { Engine } from '../engine/engine.js';
import { SepoError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import type { RewardTensor } from '../stats/reward-tensor.js';
import { type AnalyzeRewardsOptions, analyzeRewards, type P1Analysis } from './analyze-rewards.js';
import { collectRewards } from './collect-rewards.js';
import { givenSystemPrompts, type SystemPromptSample, sampleSystemPrompts } from './sample-system-prompts.js';

/** Where the N system prompts come from. */
export type PromptSource =
  | {
      readonly kind: 'generate';
      /** N. */
      readonly count: number;
      readonly metaPrompt: string;
      /** The generator's system prompt. */
      readonly system: string;
    }
  | { readonly kind: 'given'; readonly prompts: readonly string[] };

export interface RunDiagnosisOptions extends AnalyzeRewardsOptions {
  /** The K examples of the tensor (e.g. the training split). */
  readonly examples: readonly Example[];
  /** M, responses per cell. */
  readonly samples: number;
  readonly prompts: PromptSource;
  /** Called with the system prompts before their rollouts start (the CLI stores them as candidates). */
  readonly onPrompts?: (prompts: readonly SystemPromptSample[]) => void;
  readonly label?: string;
  /** What to tell the user to lower when the budget is short. */
  readonly budgetHint?: string;
}

export interface Diagnosis {
  readonly prompts: readonly SystemPromptSample[];
  readonly tensor: RewardTensor;
  readonly analysis: P1Analysis;
  /** Task-model rollouts of the tensor (N × K × M). */
  readonly rollouts: number;
  /** Rollouts that failed (scored 0). */
  readonly failedRollouts: number;
  /** Generator calls (0 for given prompts). */
  readonly generatorCalls: number;
  readonly generatorFailures: readonly { readonly sample: number; readonly reason: string }[];
}

/**
 * p1 stage 1 end to end: obtain N system prompts (sampled from the generator with the meta-prompt, or
 * given), run N × K × M rollouts through the engine, and analyse the reward tensor. Checks N >= 2 and
 * K_top <= K before any model call.
 */
export async function runDiagnosis(
  engine: Engine,
  task: Task,
  options: RunDiagnosisOptions,
): Promise<Diagnosis> {
  const K = options.examples.length;
  if (K === 0) throw new SepoError(`no examples to diagnose ${task.id} on`);
  const kTop = options.subsetSize ?? 2;
  if (kTop > K) throw new SepoError(`the subset size K_top = ${kTop} exceeds the ${K} examples diagnosed`);
  const source = options.prompts;
  const N = source.kind === 'generate' ? source.count : source.prompts.length;
  if (N < 2) throw new SepoError(`p1 needs at least 2 system prompts to compare, got ${N}`);
  let prompts: readonly SystemPromptSample[];
  let generatorCalls = 0;
  let generatorFailures: Diagnosis['generatorFailures'] = [];
  if (source.kind === 'generate') {
    const sampled = await sampleSystemPrompts(engine, {
      metaPrompt: source.metaPrompt,
      system: source.system,
      count: source.count,
    });
    prompts = sampled.prompts;
    generatorCalls = sampled.calls;
    generatorFailures = sampled.failures;
  } else {
    prompts = givenSystemPrompts(source.prompts);
  }
  options.onPrompts?.(prompts);
  const collected = await collectRewards(engine, task, prompts, options.examples, {
    samples: options.samples,
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(options.budgetHint === undefined ? {} : { budgetHint: options.budgetHint }),
  });
  return {
    prompts,
    tensor: collected.tensor,
    analysis: analyzeRewards(collected.tensor, options),
    rollouts: collected.rollouts,
    failedRollouts: collected.failures,
    generatorCalls,
    generatorFailures,
  };
}
