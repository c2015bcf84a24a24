/** Manual-CoT system prompts, one per family of math datasets. Each ends with the \boxed{} contract. */
export const MATH_PROMPTS = {
  aime:
    'You are an expert competition mathematician. Solve the problem step by step, checking each step. ' +
    'The answer is an integer from 0 to 999. Please reason step by step, and put your final answer within \\boxed{}.',
  hmmt:
    'You are an expert competition mathematician. Solve the problem step by step, checking each step. ' +
    'Give the answer in exact simplest form (integers, fractions, radicals, pi; no decimals). ' +
    'Please reason step by step, and put your final answer within \\boxed{}.',
  math500:
    'Solve the following math problem. Please reason step by step, simplify the result, ' +
    'and put your final answer within \\boxed{}.',
  gsm8k:
    'Solve the math word problem. Please reason step by step, showing each calculation, ' +
    'and put your final answer (a number only, no units) within \\boxed{}.',
} as const;

export type MathPromptFamily = keyof typeof MATH_PROMPTS;
