import type { Example } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import { exactScorer } from '../tasks/scorers/exact-scorer.js';

/** A small in-memory task for engine and optimizer tests: question "q<i>", answer "a<i>". */
export function tinyTask(n = 10): Task {
  const examples: Example[] = Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    input: `q${i}`,
    answer: `a${i}`,
  }));
  return {
    id: 'tiny',
    description: 'Answer q<i> with a<i>.',
    kind: 'qa',
    domain: 'test',
    splits: { train: examples, val: [], test: examples },
    defaultSystemPrompt: 'Answer.',
    scorer: exactScorer,
    toUserMessage: (example) => example.input,
  };
}
