import { describe, expect, it } from 'vitest';
import { BudgetExhaustedError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import { createLlmJudgeScorer, type JudgeFn, judgePrompt, parseJudgeScore } from './llm-judge-scorer.js';

const example: Example = {
  id: 'e1',
  input: 'Summarize the plot of Hamlet.',
  answer: 'A prince avenges his father.',
};

describe('llm-judge scorer', () => {
  it('asks the injected judge with the rubric, task, reference and response; its reasons are the feedback', async () => {
    const prompts: string[] = [];
    const judge: JudgeFn = async (prompt) => {
      prompts.push(prompt);
      return 'Covers the revenge plot but omits the ending.\nSCORE: 7/10';
    };
    const scorer = createLlmJudgeScorer({ rubric: 'Mentions revenge and the ending.', judge });
    const r = await scorer.score(example, 'Hamlet wants revenge.');
    expect(r).toEqual({
      score: 0.7,
      extracted: '7/10',
      feedback: 'Judge score 7/10. Covers the revenge plot but omits the ending.',
    });
    expect(prompts[0]).toBe(
      judgePrompt('Mentions revenge and the ending.', example, 'Hamlet wants revenge.'),
    );
    expect(prompts[0]).toContain('## Rubric\nMentions revenge and the ending.');
    expect(prompts[0]).toContain('## Response to grade\nHamlet wants revenge.');
  });

  it('rejects a poor response and reports an unreadable verdict as a failure', async () => {
    const low = createLlmJudgeScorer({ rubric: 'r', judge: async () => 'Off topic. SCORE: 0/10' });
    expect((await low.score(example, 'Bananas.')).score).toBe(0);
    const vague = createLlmJudgeScorer({ rubric: 'r', judge: async () => 'Looks fine to me.' });
    const r = await vague.score(example, 'x');
    expect(r).toMatchObject({ score: 0, failure: 'unparsable: judge reply has no score' });
  });

  it('turns a failed judge call into this example failure, but lets budget errors stop the run', async () => {
    const flaky = createLlmJudgeScorer({
      rubric: 'r',
      judge: async () => {
        throw new Error('socket hang up');
      },
    });
    expect(await flaky.score(example, 'x')).toMatchObject({
      score: 0,
      failure: 'judge error: socket hang up',
    });
    const broke = createLlmJudgeScorer({
      rubric: 'r',
      judge: async () => {
        throw new BudgetExhaustedError('optimizer calls');
      },
    });
    await expect(broke.score(example, 'x')).rejects.toBeInstanceOf(BudgetExhaustedError);
  });

  it('parses the common score formats', () => {
    expect(parseJudgeScore('SCORE: 10/10')).toBe(1);
    expect(parseJudgeScore('score = 4')).toBe(0.4);
    expect(parseJudgeScore('Score: 0.8')).toBe(0.8);
    expect(parseJudgeScore('Score: **3** / 5')).toBe(0.6);
    expect(parseJudgeScore('first score: 2/10 ... final SCORE: 9/10')).toBe(0.9);
    expect(parseJudgeScore('no verdict')).toBeUndefined();
  });
});
