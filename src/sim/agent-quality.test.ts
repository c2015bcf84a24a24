import { describe, expect, it } from 'vitest';
import type { Example } from '../spec/example.js';
import { loadWorld } from './load-world.js';
import { simulateAgentCall } from './prompt-agent.js';
import { loadSimTask } from './sim-task.js';
import { simulateText } from './simulate-call.js';
import { successProbability } from './success-probability.js';

/**
 * The prompt agent's skill is set by its own system prompt. These tests run SePO-like proposal steps
 * (parent prompt, a minibatch of 8 training examples with responses and scorer feedback) and measure
 * the children's true success probabilities.
 */
const world = loadWorld('demo');
const task = loadSimTask('sim:demo');
const PARENT = task.defaultSystemPrompt;
const BASE_SKILLS =
  'You improve prompts. Diagnose each failure before editing the prompt. Keep the instructions that already work. ' +
  'Keep the prompt short and free of filler.';
const NO_COPY = ' Never copy answers from the examples into the prompt.';
const PLAIN = 'You improve prompts.';

const mean = (prompt: string, examples: readonly Example[]): number =>
  examples.reduce((s, e) => s + successProbability(world, 'arith', prompt, e.id), 0) / examples.length;

function proposalRequest(step: number): { text: string; minibatch: Example[] } {
  const start = (step * 8) % task.splits.train.length;
  const minibatch = task.splits.train.slice(start, start + 8);
  const shown = minibatch.map((ex, i) => {
    const response = simulateText(world, PARENT, ex.input, step * 100 + i);
    const r = task.scorer.score(ex, response);
    return `Example ${i + 1}\nQuestion: ${ex.input}\nResponse: ${response}\nFeedback: ${r instanceof Promise ? '' : r.feedback}`;
  });
  const text = `Task: ${task.description}\n<current_prompt>\n${PARENT}\n</current_prompt>\n\n${shown.join('\n\n')}\n\nWrite the improved prompt between <prompt> and </prompt>.`;
  return { text, minibatch };
}

/** Mean and standard error of paired differences. */
function paired(diffs: readonly number[]): { mean: number; se: number } {
  const m = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  const v = diffs.reduce((a, b) => a + (b - m) ** 2, 0) / (diffs.length - 1);
  return { mean: m, se: Math.sqrt(v / diffs.length) };
}

const STEPS = 150;
const requests = Array.from({ length: STEPS }, (_, s) => proposalRequest(s));

describe('prompt-agent skill', () => {
  it('an agent with the meta-behaviours writes better children than one without', () => {
    const diffs: number[] = [];
    let skilledMean = 0;
    let plainMean = 0;
    for (const r of requests) {
      const skilled = simulateAgentCall(world, BASE_SKILLS + NO_COPY, r.text, 0).prompt ?? '';
      const plain = simulateAgentCall(world, PLAIN, r.text, 0).prompt ?? '';
      const a = mean(skilled, task.splits.test);
      const b = mean(plain, task.splits.test);
      skilledMean += a / STEPS;
      plainMean += b / STEPS;
      diffs.push(a - b);
    }
    const d = paired(diffs);
    expect(d.mean / d.se).toBeGreaterThan(4);
    expect(skilledMean - plainMean).toBeGreaterThan(0.05);
    // Skilled children improve on the parent on average; unskilled ones mostly do not.
    expect(skilledMean).toBeGreaterThan(mean(PARENT, task.splits.test) + 0.02);
  });

  it('an agent that leaks answers overfits: higher on the shown training examples, lower on test', () => {
    const train: number[] = [];
    const test: number[] = [];
    let leaky = 0;
    for (const r of requests) {
      const careful = simulateAgentCall(world, BASE_SKILLS + NO_COPY, r.text, 0).prompt ?? '';
      const leaking = simulateAgentCall(world, BASE_SKILLS, r.text, 0).prompt ?? '';
      if (world.featuresOf(leaking).leaked.size > 0) leaky++;
      expect(world.featuresOf(careful).leaked.size).toBe(0);
      train.push(mean(leaking, r.minibatch) - mean(careful, r.minibatch));
      test.push(mean(leaking, task.splits.test) - mean(careful, task.splits.test));
    }
    expect(leaky).toBeGreaterThan(STEPS * 0.3);
    const tr = paired(train);
    const te = paired(test);
    expect(tr.mean / tr.se).toBeGreaterThan(3);
    expect(te.mean / te.se).toBeLessThan(-3);
  });
});
