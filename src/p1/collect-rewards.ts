import type { Engine } from '../engine/engine.js';
import { BudgetExhaustedError } from '../errors.js';
import type { Example } from '../spec/example.js';
import type { RolloutRequest } from '../spec/rollout.js';
import type { Task } from '../spec/task.js';
import { createRewardTensor, type RewardTensor } from '../stats/reward-tensor.js';
import type { SystemPromptSample } from './sample-system-prompts.js';

export interface CollectRewardsOptions {
  /** M, responses per (system prompt, example) cell. */
  readonly samples: number;
  /** Progress label of the batch (default "p1 rewards"). */
  readonly label?: string;
  /** What to tell the user to lower when the budget is short (default "--n, --m or --limit"). */
  readonly budgetHint?: string;
}

export interface CollectedRewards {
  /** Rewards indexed [system prompt][example][sample], in the order given. */
  readonly tensor: RewardTensor;
  /** Rollouts run (N × K × M). */
  readonly rollouts: number;
  /**
   * Rollouts whose model call failed after its retries (provider errors): they have no reward and are
   * left out of their cell (the tensor allows cells of different sizes), never counted as a 0.
   */
  readonly failures: number;
  /** Failed calls per system prompt. */
  readonly failuresByPrompt: readonly number[];
}

/** N × K × M: the rollouts a reward tensor costs. */
export function rolloutsNeeded(prompts: number, examples: number, samples: number): number {
  return prompts * examples * samples;
}

/**
 * Runs every system prompt on every example M times through the engine (one cached, resumable,
 * budgeted batch) and builds the reward tensor. The j-th repeat of an identical prompt text uses sample
 * indices j·M .. j·M + M - 1, so repeated prompts get independent responses rather than the cached
 * responses of the first. Throws BudgetExhaustedError before any work when N × K × M rollouts do not
 * fit the remaining rollout budget.
 */
export async function collectRewards(
  engine: Engine,
  task: Task,
  prompts: readonly SystemPromptSample[],
  examples: readonly Example[],
  options: CollectRewardsOptions,
): Promise<CollectedRewards> {
  const M = options.samples;
  if (!(Number.isInteger(M) && M >= 1))
    throw new RangeError(`samples per cell must be an integer >= 1, got ${M}`);
  if (examples.length === 0) throw new RangeError('collectRewards needs at least one example');
  const needed = rolloutsNeeded(prompts.length, examples.length, M);
  const remaining = engine.remainingRollouts();
  if (needed > remaining) {
    throw new BudgetExhaustedError(
      `${options.label ?? 'p1 rewards'} needs N×K×M = ${prompts.length}×${examples.length}×${M} = ${needed} rollouts, ` +
        `${Math.max(0, remaining)} left; raise --budget or lower ${options.budgetHint ?? '--n, --m or --limit'}`,
    );
  }
  const repeats = new Map<string, number>();
  const requests: RolloutRequest[] = [];
  for (const p of prompts) {
    const j = repeats.get(p.prompt) ?? 0;
    repeats.set(p.prompt, j + 1);
    for (const example of examples) {
      for (let m = 0; m < M; m++) {
        requests.push({ candidateId: p.id, systemPrompt: p.prompt, example, sample: j * M + m });
      }
    }
  }
  const rollouts = await engine.evaluate(task, requests, { label: options.label ?? 'p1 rewards' });
  const rewards: number[][][] = [];
  let at = 0;
  const failuresByPrompt: number[] = [];
  for (let n = 0; n < prompts.length; n++) {
    const row: number[][] = [];
    let failed = 0;
    for (let k = 0; k < examples.length; k++) {
      const cell: number[] = [];
      for (let m = 0; m < M; m++) {
        const r = rollouts[at++];
        if (r === undefined) throw new Error('engine returned fewer rollouts than requested');
        if (r.status === 'failed') failed++;
        else cell.push(r.score);
      }
      row.push(cell);
    }
    rewards.push(row);
    failuresByPrompt.push(failed);
  }
  const tensor = createRewardTensor(rewards, { exampleIds: examples.map((e) => e.id) });
  const failures = failuresByPrompt.reduce((a, b) => a + b, 0);
  return { tensor, rollouts: needed, failures, failuresByPrompt };
}
