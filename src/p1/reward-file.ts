import { DataError } from '../errors.js';
import {
  createRewardTensor,
  type RewardTensor,
  RewardTensorError,
  rewardTensorToArrays,
} from '../stats/reward-tensor.js';

/**
 * A saved reward tensor (`--save-rewards`, `--rewards`):
 * `{"rewards": [[[0, 1, ...], ...], ...], "exampleIds": [...], "prompts": [...]}`, rewards indexed
 * [system prompt][example][sample], each in [0, 1]. `exampleIds` (one per example) and `prompts` (one per
 * system prompt) are optional on input; sepo writes both, plus where the rewards came from.
 */
export interface RewardFile {
  readonly rewards: number[][][];
  readonly exampleIds?: readonly string[];
  readonly prompts?: readonly string[];
  readonly task?: string;
  readonly model?: string;
  readonly split?: string;
}

export interface ParsedRewardFile {
  readonly tensor: RewardTensor;
  readonly prompts: readonly string[] | undefined;
  readonly task: string | undefined;
  readonly model: string | undefined;
}

/** Parses and validates a reward file's text; every error is a DataError naming `file` and the bad index. */
export function parseRewardFile(text: string, file: string): ParsedRewardFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(file, `not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DataError(file, 'expected a JSON object with a "rewards" field');
  }
  const record = data as Record<string, unknown>;
  if (record.rewards === undefined) {
    throw new DataError(
      file,
      'missing; expected rewards[system prompt][example][sample]',
      undefined,
      'rewards',
    );
  }
  const ids = record.exampleIds;
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((x) => typeof x === 'string'))) {
    throw new DataError(file, 'expected an array of strings', undefined, 'exampleIds');
  }
  let tensor: RewardTensor;
  try {
    tensor = createRewardTensor(record.rewards as number[][][], ids === undefined ? {} : { exampleIds: ids });
  } catch (error) {
    if (error instanceof RewardTensorError) throw new DataError(file, error.message);
    throw error;
  }
  const prompts = record.prompts;
  if (prompts !== undefined) {
    if (!Array.isArray(prompts))
      throw new DataError(file, 'expected an array of strings', undefined, 'prompts');
    const bad = prompts.findIndex((p) => typeof p !== 'string');
    if (bad >= 0) throw new DataError(file, `prompts[${bad}] is not a string`, undefined, 'prompts');
    if (prompts.length !== tensor.prompts) {
      throw new DataError(
        file,
        `has ${prompts.length} prompts for ${tensor.prompts} rows of rewards`,
        undefined,
        'prompts',
      );
    }
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    tensor,
    prompts: prompts as string[] | undefined,
    task: str(record.task),
    model: str(record.model),
  };
}

/** The JSON object `--save-rewards` writes (read back by `parseRewardFile`). */
export function rewardFileOf(
  tensor: RewardTensor,
  prompts: readonly string[],
  source: { readonly task?: string; readonly model?: string; readonly split?: string } = {},
): RewardFile {
  return {
    ...source,
    exampleIds: tensor.exampleIds,
    prompts,
    rewards: rewardTensorToArrays(tensor),
  };
}
