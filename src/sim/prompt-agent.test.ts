import { describe, expect, it } from 'vitest';
import type { Example } from '../spec/example.js';
import { loadWorld } from './load-world.js';
import { simulateAgentCall } from './prompt-agent.js';
import { loadSimTask } from './sim-task.js';
import { simulateText } from './simulate-call.js';
import { detectBehaviours, detectMetaBehaviours } from './success-probability.js';

const world = loadWorld('demo');
const task = loadSimTask('sim:demo');
const MANUAL = task.defaultSystemPrompt;
const SKILLED =
  'You improve prompts. Diagnose each failure before editing the prompt. Keep the instructions that already work. ' +
  'Never copy answers from the examples into the prompt. Keep the prompt short and free of filler.';
const CHECK = 'Check your result before giving the final answer.';
const CHECK_SYMPTOM = 'I did not check my result.';

/** Feedback as optimizers show it: question, response, scorer feedback. */
function feedback(prompt: string, examples: readonly Example[], seed: number): string {
  return examples
    .map((ex, i) => {
      const response = simulateText(world, prompt, ex.input, seed + i);
      const r = task.scorer.score(ex, response);
      const fb = r instanceof Promise ? '' : r.feedback;
      return `Example ${i + 1}\nQuestion: ${ex.input}\nResponse: ${response}\nFeedback: ${fb}`;
    })
    .join('\n\n');
}

/** A failure whose response names the "check" symptom, repeated. */
const checkFailures = [1, 2, 3]
  .map(
    (i) =>
      `Question: q${i}\nResponse: 12 + 5 = 16. ${CHECK_SYMPTOM}\nAnswer: 16\nFeedback: expected 17, extracted 16`,
  )
  .join('\n\n');

const edit = (tagInstruction: string, current = MANUAL, extra = checkFailures): string =>
  `Improve the system prompt.\n<current_prompt>\n${current}\n</current_prompt>\n\n${extra}\n\n${tagInstruction}`;

describe('prompt agent: output conventions', () => {
  it('answers "between <TAG> and </TAG>" with that tag, whatever its name, plus a rationale outside', () => {
    for (const tag of ['prompt', 'new_prompt', 'IMPROVED_VARIABLE', 'INS']) {
      const out = simulateAgentCall(
        world,
        SKILLED,
        edit(`Write the new prompt between <${tag}> and </${tag}>.`),
        1,
      );
      const m = new RegExp(`^([\\s\\S]+?)\\n\\n<${tag}>\\n([\\s\\S]+)\\n</${tag}>$`).exec(out.text);
      expect(m, out.text).not.toBeNull();
      expect(m?.[1]).toMatch(/^Rationale: /);
      expect(m?.[2]).toBe(out.prompt);
      expect(out.mode).toBe('edit');
    }
  });

  it('answers "in a fenced code block" with a fence', () => {
    const out = simulateAgentCall(world, SKILLED, edit('Return the new prompt in a fenced code block.'), 1);
    expect(out.text).toMatch(/^Rationale: [\s\S]+\n\n```\n[\s\S]+\n```$/);
    expect(out.text).toContain(`\`\`\`\n${out.prompt}\n\`\`\``);
  });

  it('answers with the prompt alone when no format is asked for', () => {
    const out = simulateAgentCall(world, SKILLED, edit('Improve it.'), 1);
    expect(out.text).toBe(out.prompt);
  });

  it('does not mistake the format instruction "between <current_prompt> and </current_prompt>" for the prompt', () => {
    const text = `The prompt to edit is between <current_prompt> and </current_prompt>.\n${edit('Answer between <prompt> and </prompt>.')}`;
    const out = simulateAgentCall(world, SKILLED, text, 1);
    expect(detectBehaviours(world, out.prompt ?? '')).toEqual(
      expect.arrayContaining(['stepwise', 'answer-line']),
    );
  });

  it('keeps the behaviours of the prompt and adds the one the symptoms point to (a skilled agent)', () => {
    let withCheck = 0;
    let keptAll = 0;
    for (let s = 0; s < 40; s++) {
      const out = simulateAgentCall(world, SKILLED, edit('Answer between <prompt> and </prompt>.'), s);
      const found = detectBehaviours(world, out.prompt ?? '');
      if (found.includes('check')) withCheck++;
      if (found.includes('stepwise') && found.includes('answer-line')) keptAll++;
      expect(out.rationale).toContain('"check"');
    }
    expect(withCheck).toBeGreaterThanOrEqual(34);
    expect(keptAll).toBeGreaterThanOrEqual(34);
  });

  it('writes a critique naming the canonical phrases of diagnosed behaviours, which an update call applies', () => {
    const critiqueRequest = edit(
      'Criticise the prompt. Write your feedback between <feedback> and </feedback>.',
    );
    let named = 0;
    let applied = 0;
    for (let s = 0; s < 30; s++) {
      const critique = simulateAgentCall(world, SKILLED, critiqueRequest, s);
      expect(critique.mode).toBe('critique');
      expect(critique.prompt).toBeUndefined();
      expect(critique.text).toMatch(/^<feedback>\n[\s\S]+\n<\/feedback>\n\nRationale: /);
      if (critique.text.includes(CHECK)) named++;
      const update = simulateAgentCall(
        world,
        'You apply feedback to prompts.',
        `<current_prompt>\n${MANUAL}\n</current_prompt>\nFeedback on the prompt:\n${critique.text}\nWrite the improved prompt between <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>.`,
        s,
      );
      const found = detectBehaviours(world, update.prompt ?? '');
      if (critique.text.includes(CHECK) && found.includes('check')) applied++;
    }
    expect(named).toBeGreaterThanOrEqual(25);
    expect(applied / named).toBeGreaterThan(0.8);
  });

  it('starts from the best-scored <candidate> of an OPRO history', () => {
    const best = `${MANUAL}\n${CHECK}`;
    const worse = 'You are a helpful assistant.\nAnswer as briefly as possible.';
    const history = `Here are previous prompts with their scores:\n<candidate score="0.31">\n${worse}\n</candidate>\n<candidate score="0.74">\n${best}\n</candidate>\nWrite a new prompt that scores higher, between <INS> and </INS>.`;
    let fromBest = 0;
    let hasBrief = 0;
    for (let s = 0; s < 40; s++) {
      const out = simulateAgentCall(world, SKILLED, history, s);
      expect(out.mode).toBe('history');
      expect(out.text).toMatch(/<INS>\n[\s\S]+\n<\/INS>$/);
      const found = detectBehaviours(world, out.prompt ?? '');
      if (['stepwise', 'answer-line', 'check'].every((b) => found.includes(b))) fromBest++;
      if (found.includes('brief')) hasBrief++;
    }
    expect(fromBest).toBeGreaterThanOrEqual(32);
    // Merging the worse candidate happens at combineRate * keepRate; exploration may add it too.
    expect(hasBrief).toBeGreaterThan(5);
    expect(hasBrief).toBeLessThan(32);
  });

  it('merges the behaviours of two candidates when asked to merge', () => {
    const a = `${MANUAL}\n${CHECK}`;
    const b = `${MANUAL}\nWrite down every quantity from the problem before computing.`;
    const request = `Merge the strengths of these two prompts.\n<candidate score="0.7">\n${a}\n</candidate>\n<candidate score="0.68">\n${b}\n</candidate>\nAnswer between <prompt> and </prompt>.`;
    let both = 0;
    for (let s = 0; s < 30; s++) {
      const found = detectBehaviours(world, simulateAgentCall(world, SKILLED, request, s).prompt ?? '');
      if (found.includes('check') && found.includes('quantities')) both++;
    }
    expect(both).toBeGreaterThanOrEqual(24);
  });

  it('writes fresh, varied prompts for a generator request (p1), with the answer format', () => {
    const request =
      'Directly generate an effective system prompt for a large language model designed to solve arithmetic word problems. Generate the system prompt only.';
    const prompts = Array.from({ length: 16 }, (_, s) => simulateAgentCall(world, '', request, s));
    for (const out of prompts) {
      expect(out.mode).toBe('generate');
      expect(out.text).toBe(out.prompt);
      expect(detectBehaviours(world, out.prompt ?? '')).toContain('answer-line');
    }
    expect(new Set(prompts.map((o) => o.prompt)).size).toBeGreaterThanOrEqual(10);
    const tagged = simulateAgentCall(world, '', `${request} Put it between <prompt> and </prompt>.`, 0);
    expect(tagged.text).toMatch(/<prompt>\n[\s\S]+\n<\/prompt>$/);
  });

  it('generates for the task the request names (pool world)', () => {
    const pool = loadWorld('pool');
    const request =
      'Generate an effective system prompt for a model that converts quantities between measurement units.';
    let factor = 0;
    for (let s = 0; s < 20; s++) {
      if (detectBehaviours(pool, simulateAgentCall(pool, '', request, s).prompt ?? '').includes('factor'))
        factor++;
    }
    expect(factor).toBeGreaterThan(4);
    const dates = 'Generate a system prompt for date arithmetic: days after a calendar date.';
    let months = 0;
    for (let s = 0; s < 20; s++) {
      if (
        detectBehaviours(pool, simulateAgentCall(pool, '', dates, s).prompt ?? '').includes('month-lengths')
      )
        months++;
    }
    expect(months).toBeGreaterThan(4);
  });

  it('reads real sim feedback: symptoms in responses and scorer feedback anywhere in the message', () => {
    const shown = task.splits.train.slice(0, 12);
    const out = simulateAgentCall(
      world,
      SKILLED,
      edit('Answer between <prompt> and </prompt>.', MANUAL, feedback(MANUAL, shown, 5)),
      0,
    );
    expect(out.rationale).toMatch(/I read \d+ failure signal\(s\); the most frequent points to "/);
  });

  it('is deterministic per call and varies with the call seed', () => {
    const r = edit('Answer between <prompt> and </prompt>.');
    expect(simulateAgentCall(world, SKILLED, r, 3).text).toBe(simulateAgentCall(world, SKILLED, r, 3).text);
    const texts = new Set(Array.from({ length: 20 }, (_, s) => simulateAgentCall(world, '', r, s).text));
    expect(texts.size).toBeGreaterThan(5);
  });
});

describe('prompt agent: editing a prompt agent prompt', () => {
  const AGENT = 'You improve the system prompts of other agents.\nKeep the instructions that already work.';
  const evidence = [
    'Your past proposals and how they did:',
    'Proposal 1 (regressed by 0.12). Rationale: Kept 1 of 2; added "persona". I changed the prompt without analysing the failures one by one. I rewrote the prompt from scratch.',
    'Proposal 2 (regressed by 0.05). Rationale: added "python". I changed the prompt without analysing the failures one by one.',
  ].join('\n');

  it('treats a <current_prompt> with meta-behaviours as an agent-level edit over meta-behaviours', () => {
    let diagnose = 0;
    for (let s = 0; s < 30; s++) {
      const out = simulateAgentCall(
        world,
        'You are a prompt engineer.',
        `<current_prompt>\n${AGENT}\n</current_prompt>\n${evidence}\nWrite it between <prompt> and </prompt>.`,
        s,
      );
      expect(out.level).toBe('agent');
      expect(detectBehaviours(world, out.prompt ?? '')).toEqual([]);
      if (detectMetaBehaviours(world, out.prompt ?? '').includes('diagnose')) diagnose++;
    }
    expect(diagnose).toBeGreaterThan(10);
  });

  it('recognises "your own system prompt" and a prompt equal to the agent\'s system prompt', () => {
    const plain = 'You are a prompt engineer.';
    const own = simulateAgentCall(
      world,
      plain,
      `Improve your own system prompt.\n<current_prompt>\n${plain}\n</current_prompt>\n${evidence}\nAnswer between <prompt> and </prompt>.`,
      0,
    );
    expect(own.level).toBe('agent');
    const same = simulateAgentCall(
      world,
      plain,
      `<current_prompt>\n${plain}\n</current_prompt>\n${evidence}\nAnswer between <prompt> and </prompt>.`,
      0,
    );
    expect(same.level).toBe('agent');
    const taskLevel = simulateAgentCall(world, plain, edit('Answer between <prompt> and </prompt>.'), 0);
    expect(taskLevel.level).toBe('task');
  });

  it('writes the symptoms of missing meta-behaviours into its rationale when they showed', () => {
    const withSymptoms = Array.from({ length: 40 }, (_, s) =>
      simulateAgentCall(world, 'You improve prompts.', edit('Answer between <prompt> and </prompt>.'), s),
    );
    const dropped = withSymptoms.filter((o) => /removed/.test(o.rationale));
    expect(dropped.length).toBeGreaterThan(0);
    for (const o of dropped) expect(o.rationale).toContain('I rewrote the prompt from scratch.');
    const skilled = Array.from({ length: 40 }, (_, s) =>
      simulateAgentCall(world, SKILLED, edit('Answer between <prompt> and </prompt>.'), s),
    );
    for (const o of skilled) {
      expect(o.rationale).not.toContain('I rewrote the prompt from scratch.');
      expect(o.rationale).not.toContain('I copied a worked example');
      expect(o.rationale).not.toContain('I added general advice');
    }
  });
});
