import type { Candidate } from '../../optimizers/framework/candidate.js';
import type { MethodSpec } from './method-spec.js';

export const manual: MethodSpec = {
  name: 'manual',
  summary: "the task's Manual-CoT system prompt, evaluated as is (the reference row)",
  options: [],
  run: async (_ctx, optimizer) => {
    const seed: Candidate = {
      id: 't0',
      prompt: optimizer.task.defaultSystemPrompt,
      parentId: undefined,
      generation: 0,
      status: 'seed',
      childrenCount: 0,
      scores: {},
    };
    optimizer.onCandidate?.(seed, 'task');
    return {
      seed,
      best: seed,
      archive: [seed],
      chosenBy: 'none',
      stopReason: 'manual: the Manual-CoT prompt is evaluated as is',
      stopCategory: 'none',
      details: { method: 'manual' },
    };
  },
};
