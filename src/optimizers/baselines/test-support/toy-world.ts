import type { Example } from '../../../spec/example.js';
import type { Task } from '../../../spec/task.js';
import { exactScorer } from '../../../tasks/scorers/exact-scorer.js';
import { loadTemplates } from '../../../templates/load-templates.js';
import { type ScriptedCall, scriptedModel } from '../../../test-support/scripted-model.js';

/**
 * A world small enough to reason about, for the baselines' control-flow tests: the task model answers
 * "item i" correctly iff its instructions (system prompt plus any user-prompt instruction before the
 * item) contain the word the item needs — CHECK for even i, UNITS for odd i — and not BROKEN; a wrong
 * response says which word it missed. Prompt-writing calls go to the test's scripted agent.
 */
export const needs = (i: number): string => (i % 2 === 0 ? 'CHECK' : 'UNITS');

export const templates = loadTemplates();

export function toyTask(n = 32, id = 'toy'): Task {
  const examples: Example[] = Array.from({ length: n }, (_, i) => ({
    id: `x${i}`,
    input: `item ${i}`,
    answer: `r${i}`,
  }));
  return {
    id,
    description: 'Answer each item.',
    kind: 'qa',
    domain: 'toy',
    splits: {
      train: examples.slice(0, n / 2),
      val: examples.slice(n / 2, (3 * n) / 4),
      test: examples.slice((3 * n) / 4),
    },
    defaultSystemPrompt: 'Answer the item.',
    scorer: exactScorer,
    toUserMessage: (e) => e.input,
  };
}

const ITEM = /(?:^|\n\n)item (\d+)$/;

export function isTaskCall(call: ScriptedCall): boolean {
  return ITEM.test(call.user);
}

/** The scripted task model (items need `need(i)`) plus `agent` for every other call. */
export function toyWorld(agent: (call: ScriptedCall) => string, need: (i: number) => string = needs) {
  return scriptedModel((call) => {
    const item = ITEM.exec(call.user);
    if (item === null) return agent(call);
    const i = Number(item[1]);
    const instructions = `${call.system}\n${call.user.slice(0, item.index)}`;
    const ok = instructions.includes(need(i)) && !instructions.includes('BROKEN');
    return ok ? `Answer: r${i}` : `I forgot ${need(i)}.\nAnswer: wrong`;
  });
}

/** The text between <current_prompt> tags of a request. */
export function currentPrompt(user: string): string {
  return /<current_prompt>\n([\s\S]*?)\n<\/current_prompt>/.exec(user)?.[1] ?? '';
}

/** The words named by "I forgot X." symptoms in a request, each once, in order of appearance. */
export function symptoms(text: string): string[] {
  return [...new Set([...text.matchAll(/I forgot (\w+)\./g)].map((m) => m[1] as string))];
}
