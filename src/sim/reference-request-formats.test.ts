import { describe, expect, it } from 'vitest';
import { loadWorld } from './load-world.js';
import { simulateAgentCall } from './prompt-agent.js';
import { loadSimTask } from './sim-task.js';
import { detectBehaviours } from './success-probability.js';

/*
 * The simulated prompt agent reads the request formats of the reference implementations, so a
 * reference optimizer run against `sepo serve-sim` gets edits of its current instruction (as a real
 * model would give), not fresh prompts. Each request below is written the way the reference builds
 * it (paraphrased from the reference's own template, with the same structure and markers).
 */
const world = loadWorld('demo');
const MANUAL = loadSimTask('sim:demo').defaultSystemPrompt;
const SKILLED =
  'You improve prompts. Diagnose each failure before editing the prompt. Keep the instructions that already work. ' +
  'Never copy answers from the examples into the prompt. Keep the prompt short and free of filler.';
const FAILURES = [1, 2, 3]
  .map(
    (i) =>
      `Input: q${i}\nResponse: 12 + 5 = 16. I did not check my result.\nAnswer: 16\nFeedback: expected 17`,
  )
  .join('\n\n');

/** GEPA's reflection request: the instruction and the examples in ``` blocks, the answer in a ``` block. */
const gepa = (instruction: string): string =>
  `I provided an assistant with the following instructions to perform a task for me:\n\`\`\`\n${instruction}\n\`\`\`\n\nThe following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n\`\`\`\n${FAILURES}\n\`\`\`\n\nYour task is to write a new instruction for the assistant.\n\nProvide the new instructions within \`\`\` blocks.`;

/** TextGrad's update request: system names the output tags with a placeholder, the variable in <VARIABLE>. */
const TEXTGRAD_SYSTEM =
  'You are part of an optimization system that improves text (i.e., variable). You MUST give your response by sending the improved variable between <IMPROVED_VARIABLE> {improved variable} </IMPROVED_VARIABLE> tags.';
const textgrad = (instruction: string): string =>
  `Here is the role of the variable you will improve: <ROLE>system prompt to the language model</ROLE>.\n\nThe variable is the text within the following span: <VARIABLE> ${instruction} </VARIABLE>\n\nHere is the context and feedback we got for the variable:\n\n<CONTEXT><FEEDBACK>${FAILURES}</FEEDBACK></CONTEXT>\n\nImprove the variable using the feedback provided in <FEEDBACK> tags.\nSend the improved variable in the following format:\n\n<IMPROVED_VARIABLE>{the improved variable}</IMPROVED_VARIABLE>`;

/** OPRO's meta-prompt: past instructions as text/score pairs (0–100), the answer between <INS> tags. */
const opro = (entries: ReadonlyArray<readonly [string, number]>): string =>
  `Your task is to generate the instruction <INS>. Below are some previous instructions with their scores.\nThe score ranges from 0 to 100.\n\n${entries.map(([p, s]) => `text:\n${p}\nscore:\n${s}\n`).join('\n')}\nBelow are some problems.\n\nProblem:\nQ: q1\nA: <INS>\nGround truth answer:\n17\n\nGenerate an instruction that is different from all the instructions <INS> above, and has a higher score than all the instructions <INS> above. The instruction should begin with <INS> and end with </INS>.`;

/** A DSPy signature through the chat adapter: fields as [[ ## name ## ]] sections. */
const DSPY_SYSTEM =
  'Your input fields are:\n1. `current_instruction` (str)\n2. `examples_with_feedback` (str)\nYour output fields are:\n1. `proposed_instruction` (str)\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n[[ ## current_instruction ## ]]\n{current_instruction}\n\n[[ ## examples_with_feedback ## ]]\n{examples_with_feedback}\n\n[[ ## proposed_instruction ## ]]\n{proposed_instruction}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: Propose an improved instruction.';
const dspy = (instruction: string): string =>
  `[[ ## current_instruction ## ]]\n${instruction}\n\n[[ ## examples_with_feedback ## ]]\n${FAILURES}\n\nRespond with the corresponding output fields, starting with the field \`[[ ## proposed_instruction ## ]]\`, and then ending with the marker for \`[[ ## completed ## ]]\`.`;

/** Over 40 seeds: how often the answer keeps the current instruction's behaviours, and adds "check". */
function editsOf(system: string, request: string, format: RegExp): { kept: number; added: number } {
  let kept = 0;
  let added = 0;
  for (let s = 0; s < 40; s++) {
    const out = simulateAgentCall(world, `${SKILLED}\n${system}`, request, s);
    expect(out.mode).toBe('edit');
    expect(out.text).toMatch(format);
    const found = detectBehaviours(world, out.prompt ?? '');
    if (found.includes('stepwise') && found.includes('answer-line')) kept++;
    if (found.includes('check')) added++;
  }
  return { kept, added };
}

describe('prompt agent: request formats of the reference implementations', () => {
  it('GEPA: edits the instruction in the fenced block and answers in a fenced block', () => {
    const { kept, added } = editsOf('', gepa(MANUAL), /```\n[\s\S]+\n```$/);
    expect(kept).toBeGreaterThanOrEqual(34);
    expect(added).toBeGreaterThanOrEqual(30);
  });

  it('TextGrad: edits the <VARIABLE> and answers between <IMPROVED_VARIABLE> tags', () => {
    const { kept, added } = editsOf(
      TEXTGRAD_SYSTEM,
      textgrad(MANUAL),
      /<IMPROVED_VARIABLE>\n[\s\S]+\n<\/IMPROVED_VARIABLE>$/,
    );
    expect(kept).toBeGreaterThanOrEqual(34);
    expect(added).toBeGreaterThanOrEqual(30);
  });

  it('DSPy signature: edits the instruction field and answers in the output field', () => {
    const { kept, added } = editsOf(
      DSPY_SYSTEM,
      dspy(MANUAL),
      /^\[\[ ## proposed_instruction ## \]\]\n[\s\S]+\n\n\[\[ ## completed ## \]\]$/,
    );
    expect(kept).toBeGreaterThanOrEqual(34);
    expect(added).toBeGreaterThanOrEqual(30);
  });

  it('OPRO: starts from the best-scored past instruction and answers between <INS> tags', () => {
    const best = `${MANUAL}\nCheck your result before giving the final answer.`;
    let fromBest = 0;
    for (let s = 0; s < 40; s++) {
      const out = simulateAgentCall(
        world,
        SKILLED,
        opro([
          ['You are a helpful assistant.', 31],
          [best, 74],
        ]),
        s,
      );
      expect(out.mode).toBe('history');
      expect(out.text).toMatch(/<INS>\n[\s\S]+\n<\/INS>$/);
      const found = detectBehaviours(world, out.prompt ?? '');
      if (['stepwise', 'answer-line', 'check'].every((b) => found.includes(b))) fromBest++;
    }
    expect(fromBest).toBeGreaterThanOrEqual(32);
  });

  it('still writes a fresh prompt when there is nothing to edit', () => {
    const out = simulateAgentCall(
      world,
      SKILLED,
      'Write a system prompt for arithmetic word problems. Provide it within ``` blocks.',
      0,
    );
    expect(out.mode).toBe('generate');
  });
});
