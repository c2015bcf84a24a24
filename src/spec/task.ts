import type { Example, Splits } from './example.js';
import type { Scorer } from './score.js';

export type TaskKind = 'math' | 'code' | 'mcq' | 'grid' | 'instruction' | 'qa' | 'other';

/** Metadata used by pool selection (relevance and diversity) and shown in reports. */
export interface TaskInfo {
  readonly id: string;
  /** A sentence or two the prompt agent reads: what the task asks of the model. */
  readonly description: string;
  readonly kind: TaskKind;
  /** Free-form domain label, e.g. "competition-math", "arithmetic", "python". */
  readonly domain: string;
}

/**
 * A dataset with splits, a way to turn an example into the user message, a default (Manual-CoT)
 * system prompt and a scorer. Loaded tasks are plain data plus pure functions: no I/O after loading.
 */
export interface Task extends TaskInfo {
  readonly splits: Splits;
  readonly defaultSystemPrompt: string;
  readonly scorer: Scorer;
  toUserMessage(example: Example): string;
}
