import { describe, expect, it } from 'vitest';
import type { ScoredRollout } from '../../spec/rollout.js';
import { createRng } from '../../util/rng.js';
import { admissionRuleByName, betterOrWithinNoise, strictlyBetter } from './admission.js';
import { Archive } from './archive.js';
import { type Candidate, meanOn, mergeSplitScore } from './candidate.js';
import { extractFencedSpan, extractTagged } from './extract-output.js';
import { buildFeedback } from './feedback-builder.js';
import { MinibatchSampler } from './minibatch-sampler.js';
import {
  bestSelector,
  latestSelector,
  parentSelectorByName,
  scoreChildSelector,
} from './parent-selectors.js';
import { firstStopReason, maxGenerations, noImprovement, rolloutBudget } from './stop-conditions.js';

const candidate = (
  id: string,
  train: number,
  children = 0,
  status: Candidate['status'] = 'admitted',
): Candidate => ({
  id,
  prompt: `prompt ${id}`,
  parentId: undefined,
  generation: 0,
  status,
  childrenCount: children,
  scores: { train: { mean: train, n: 10, perExample: {}, counts: {} } },
});

describe('split scores', () => {
  it('averages per example first, so a re-evaluated example does not weigh double', () => {
    let s = mergeSplitScore(undefined, [
      { exampleId: 'a', score: 1 },
      { exampleId: 'b', score: 0 },
    ]);
    s = mergeSplitScore(s, [{ exampleId: 'a', score: 1 }]);
    expect(s.mean).toBe(0.5);
    expect(s.n).toBe(3);
    expect(meanOn(s, ['a'])).toBe(1);
    expect(meanOn(s, ['zzz'])).toBeUndefined();
  });
});

describe('parent selectors', () => {
  it('score-child favours high scores and fades over-explored parents', () => {
    const members = [candidate('low', 0.3), candidate('high', 0.8), candidate('tired', 0.8, 16)];
    const rng = createRng(1);
    const counts: Record<string, number> = { low: 0, high: 0, tired: 0 };
    const selector = scoreChildSelector();
    for (let i = 0; i < 2000; i++) {
      const picked = selector.select(members, 'train', rng).id;
      counts[picked] = (counts[picked] ?? 0) + 1;
    }
    expect(counts.high).toBeGreaterThan(1500);
    expect(counts.tired).toBeLessThan(50);
    expect(counts.low).toBeGreaterThan(0);
  });

  it('best, latest and by-name lookup', () => {
    const members = [candidate('a', 0.5), candidate('b', 0.9), candidate('c', 0.1)];
    expect(bestSelector.select(members, 'train', createRng(0)).id).toBe('b');
    expect(latestSelector.select(members, 'train', createRng(0)).id).toBe('c');
    expect(() => parentSelectorByName('nope')).toThrow(/known: score-child, best, latest, uniform/);
  });
});

describe('admission', () => {
  it('admits a child within one standard error of its parent, not below', () => {
    const rule = betterOrWithinNoise();
    // parent 0.5 on 16 examples: SE = sqrt(0.25/16) = 0.125
    expect(rule.admit({ childScore: 0.4375, parentScore: 0.5, n: 16 })).toBe(true);
    expect(rule.admit({ childScore: 0.3125, parentScore: 0.5, n: 16 })).toBe(false);
    expect(betterOrWithinNoise(0).admit({ childScore: 0.49, parentScore: 0.5, n: 16 })).toBe(false);
    expect(strictlyBetter.admit({ childScore: 0.5, parentScore: 0.5, n: 16 })).toBe(false);
    expect(admissionRuleByName('always').admit({ childScore: 0, parentScore: 1, n: 1 })).toBe(true);
  });
});

describe('minibatch sampler', () => {
  it('gives the same batch within a generation and cycles through all examples', () => {
    const examples = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, input: '', answer: '' }));
    const sampler = new MinibatchSampler(examples, 4, 7);
    expect(sampler.forGeneration(1)).toEqual(sampler.forGeneration(1));
    const seen = new Set([0, 1, 2].flatMap((g) => sampler.forGeneration(g).map((e) => e.id)));
    expect(seen.size).toBe(10);
    expect(sampler.forGeneration(2)).toHaveLength(4);
  });
});

describe('feedback builder', () => {
  const rollout = (id: string, score: number): ScoredRollout => ({
    candidateId: 'c',
    exampleId: id,
    sample: 0,
    response: `response for ${id}`,
    score,
    feedback: score === 1 ? 'Correct.' : `Expected x, extracted y (${id}).`,
    usage: { inputTokens: 1, outputTokens: 1 },
    latencyMs: 0,
    source: 'call',
  });
  const item = (id: string, score: number) => ({
    example: { id, input: `input ${id}`, answer: 'x' },
    rollout: rollout(id, score),
    userMessage: `input ${id}`,
  });

  it('balances failures and successes 1:1 and includes scorer feedback', () => {
    const items = [
      ...['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => item(id, 0)),
      ...['s1', 's2', 's3', 's4'].map((id) => item(id, 1)),
    ];
    const text = buildFeedback(items, createRng(3), { examples: 4, maxTokens: 3000, responseChars: 600 });
    expect((text.match(/verdict="WRONG"/g) ?? []).length).toBe(2);
    expect((text.match(/verdict="CORRECT"/g) ?? []).length).toBe(2);
    expect(text).toContain('Results on this minibatch: 4/9 correct.');
    expect(text).toMatch(/Expected x, extracted y/);
  });

  it('fills from failures when there are no successes, and respects the token budget', () => {
    const items = ['f1', 'f2', 'f3', 'f4'].map((id) => item(id, 0));
    expect(
      (
        buildFeedback(items, createRng(1), { examples: 4, maxTokens: 3000, responseChars: 600 }).match(
          /WRONG/g,
        ) ?? []
      ).length,
    ).toBe(4);
    const small = buildFeedback(items, createRng(1), { examples: 4, maxTokens: 40, responseChars: 600 });
    expect((small.match(/WRONG/g) ?? []).length).toBe(1);
  });
});

describe('extractTagged', () => {
  it('takes the last tagged block, else the last fence, else nothing', () => {
    expect(extractTagged('why\n<prompt>one</prompt> and <prompt>two</prompt>', 'prompt')?.content).toBe(
      'two',
    );
    expect(extractTagged('Reasoning.\n```text\nBe careful.\n```', 'prompt')).toEqual({
      content: 'Be careful.',
      rationale: 'Reasoning.',
    });
    expect(extractTagged('no prompt here', 'prompt')).toBeUndefined();
    expect(extractTagged('<prompt>  </prompt>', 'prompt')).toBeUndefined();
  });
});

describe('archive and stop conditions', () => {
  it('excludes rejected candidates from members and best', () => {
    const archive = new Archive();
    archive.add(candidate('s', 0.5, 0, 'seed'));
    archive.add(candidate('r', 0.9, 0, 'rejected'));
    archive.add(candidate('a', 0.7));
    expect(archive.members().map((c) => c.id)).toEqual(['s', 'a']);
    expect(archive.best('train')?.id).toBe('a');
    expect(() => archive.add(candidate('a', 0.1))).toThrow(/duplicate/);
  });

  it('reports the first stop reason', () => {
    const spend = {
      task: {
        rollouts: 0,
        calls: 0,
        cacheHits: 0,
        replayed: 0,
        failures: 0,
        inputTokens: 0,
        outputTokens: 0,
        usd: 0,
        wallMs: 0,
      },
    };
    const state = {
      generation: 2,
      spend: { ...spend, optimizer: spend.task },
      remainingRollouts: 10,
      bestScore: 0.5,
      stale: 3,
    };
    expect(firstStopReason([maxGenerations(5), rolloutBudget(32), noImprovement(3)], state)).toMatch(
      /below one step/,
    );
    expect(firstStopReason([maxGenerations(5)], state)).toBeUndefined();
  });
});

describe('extractFencedSpan (GEPA reference output extractor)', () => {
  it('keeps an instruction that contains a fenced code example whole', () => {
    const reply =
      'Here is the new instruction:\n```\nSolve the task.\nFormat your answer like this example:\n```json\n{"answer": 3}\n```\nThen stop.\n```\nDone.';
    expect(extractFencedSpan(reply)).toEqual({
      content:
        'Solve the task.\nFormat your answer like this example:\n```json\n{"answer": 3}\n```\nThen stop.',
      rationale: 'Here is the new instruction:\n\nDone.',
    });
  });

  it('drops a language tag, and reads a reply with one fence or none as the reference does', () => {
    expect(extractFencedSpan('```text\nBe brief.\n```')?.content).toBe('Be brief.');
    expect(extractFencedSpan('```markdown\nBe brief.')?.content).toBe('Be brief.');
    expect(extractFencedSpan('Be brief.\n```')?.content).toBe('Be brief.');
    expect(extractFencedSpan('Be brief.')?.content).toBe('Be brief.');
    expect(extractFencedSpan('``````')).toBeUndefined();
  });
});
