import type { Splits } from '../../spec/example.js';
import type { Task, TaskInfo } from '../../spec/task.js';
import { MATH_PROMPTS, type MathPromptFamily } from './math-prompts.js';
import { mathAnswerScorer } from './score-math-response.js';

/** A math task: the problem is the user message, the family's Manual-CoT prompt, the math scorer. */
export function mathTask(info: TaskInfo, family: MathPromptFamily, splits: Splits): Task {
  return {
    ...info,
    splits,
    defaultSystemPrompt: MATH_PROMPTS[family],
    scorer: mathAnswerScorer,
    toUserMessage: (example) => example.input,
  };
}
