import type { Splits } from '../../spec/example.js';
import type { Task, TaskInfo } from '../../spec/task.js';
import { mathScorer } from '../scorers/math-scorer.js';
import { MATH_PROMPTS, type MathPromptFamily } from './math-prompts.js';

/** A math task: the problem is the user message, the family's Manual-CoT prompt, the math scorer. */
export function mathTask(info: TaskInfo, family: MathPromptFamily, splits: Splits): Task {
  return {
    ...info,
    splits,
    defaultSystemPrompt: MATH_PROMPTS[family],
    scorer: mathScorer,
    toUserMessage: (example) => example.input,
  };
}
