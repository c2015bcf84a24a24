import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import type { ModelHandle } from '../models/model-handle.js';
import { resolveModel } from '../models/resolve-model.js';
import '../sim/register.js';
import { loadTask } from '../tasks/load-task.js';
import { loadTemplates } from '../templates/load-templates.js';
import { defaultMetaPrompt, generatorSystemPrompt, withOutputConvention } from './meta-prompt.js';
import { extractGeneratedPrompt, sampleSystemPrompts } from './sample-system-prompts.js';

function reply(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: 1, reasoning: undefined },
    },
    warnings: [],
  };
}

/** A generator that replies with the given texts in call order. */
function scripted(texts: readonly string[]): ModelHandle {
  let call = 0;
  const model = new MockLanguageModelV3({ doGenerate: async () => reply(texts[call++] ?? '') });
  return { id: 'mock:g', provider: 'mock', modelId: 'g', model, supportsSeed: true, simulated: false };
}

describe('sampleSystemPrompts', () => {
  it('samples N varied prompts from the simulated generator with the default meta-prompt', async () => {
    const templates = loadTemplates();
    const task = loadTask('sim:hetero');
    const engine = new Engine({ taskModel: resolveModel('sim:hetero', { env: {} }) });
    const metaPrompt = defaultMetaPrompt(task, templates);
    expect(metaPrompt).toContain(task.description);
    expect(metaPrompt).toContain('between <prompt> and </prompt>');
    const out = await sampleSystemPrompts(engine, {
      metaPrompt,
      system: generatorSystemPrompt(templates),
      count: 6,
    });
    expect(out.prompts.map((p) => p.id)).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5']);
    expect(out.prompts.map((p) => p.sample)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(out.prompts.map((p) => p.prompt)).size).toBeGreaterThan(3);
    for (const p of out.prompts) expect(p.prompt).not.toContain('<prompt>');
    expect(engine.spend().optimizer.calls).toBe(6);
  });

  it('replaces unusable replies with further samples', async () => {
    const handle = scripted(['<prompt>A</prompt>', '   ', 'plain B', '<prompt>C</prompt>']);
    const engine = new Engine({ taskModel: handle, concurrency: 1 });
    const out = await sampleSystemPrompts(engine, { metaPrompt: 'm', system: 's', count: 3 });
    expect(out.prompts.map((p) => p.prompt)).toEqual(['A', 'plain B', 'C']);
    expect(out.prompts.map((p) => p.sample)).toEqual([0, 2, 3]);
    expect(out.failures).toEqual([{ sample: 1, reason: 'empty reply' }]);
    expect(out.calls).toBe(4);
  });

  it('throws when fewer than 2 prompts can be had', async () => {
    const engine = new Engine({ taskModel: scripted(['<prompt>A</prompt>']), concurrency: 1 });
    await expect(
      sampleSystemPrompts(engine, { metaPrompt: 'm', system: 's', count: 2, extraCalls: 1 }),
    ).rejects.toThrow(/usable system prompts for only 1 of 3 calls/);
  });
});

describe('prompt extraction and meta-prompts', () => {
  it('takes the tagged block, else the fenced block, else the reply', () => {
    expect(extractGeneratedPrompt('why\n<prompt>\nX\n</prompt>')).toBe('X');
    expect(extractGeneratedPrompt('```\nY\n```')).toBe('Y');
    expect(extractGeneratedPrompt('  Z  ')).toBe('Z');
    expect(extractGeneratedPrompt('  ')).toBeUndefined();
  });

  it('appends the output convention to a user meta-prompt that lacks it', () => {
    expect(withOutputConvention('Write a prompt.')).toMatch(/between <prompt> and <\/prompt>\.$/);
    expect(withOutputConvention('Put it in <prompt></prompt>.')).toBe('Put it in <prompt></prompt>.');
  });
});
