import type { FailedRollout, ScoredRollout } from './rollout.js';
import type { Spend } from './usage.js';

/** Typed events: progress bars, logs and the store subscribe; optimizers and the engine emit. */
export type SepoEvent =
  | { readonly type: 'rollout-finished'; readonly rollout: ScoredRollout }
  /** A model call failed after its retries: no score, counted apart, retried on resume. */
  | { readonly type: 'rollout-failed'; readonly rollout: FailedRollout }
  | { readonly type: 'batch-started'; readonly label: string; readonly total: number }
  | { readonly type: 'batch-finished'; readonly label: string; readonly total: number }
  | { readonly type: 'budget-updated'; readonly spend: Spend }
  | {
      readonly type: 'call-retry';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | {
      readonly type: 'candidate-proposed';
      readonly candidateId: string;
      readonly parentId: string | undefined;
      readonly generation: number;
      readonly prompt: string;
      readonly level?: 'task' | 'agent';
    }
  | {
      readonly type: 'candidate-evaluated';
      readonly candidateId: string;
      readonly split: string;
      readonly score: number;
      readonly n: number;
      readonly level?: 'task' | 'agent';
    }
  | {
      readonly type: 'candidate-admitted' | 'candidate-rejected';
      readonly candidateId: string;
      readonly score: number;
      readonly parentScore: number | undefined;
      readonly level?: 'task' | 'agent';
    }
  | { readonly type: 'generation-finished'; readonly generation: number; readonly best: number }
  | { readonly type: 'stopped'; readonly reason: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn'; readonly message: string };

export type EventListener = (event: SepoEvent) => void;
