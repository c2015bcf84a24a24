import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { getProvider } from '../models/provider-registry.js';
import { loadWorld } from './load-world.js';
import './register.js';
import { SimLanguageModel } from './sim-language-model.js';
import { parseSimModelString } from './sim-model-string.js';
import { loadSimTask } from './sim-task.js';
import { simulateText } from './simulate-call.js';

const world = loadWorld('demo');
const task = loadSimTask('sim:demo');
const ex = task.splits.train[0];
if (ex === undefined) throw new Error('no example');
const SYSTEM = task.defaultSystemPrompt;

const call = (
  seed?: number,
  extra: Partial<LanguageModelV3CallOptions> = {},
): LanguageModelV3CallOptions => ({
  prompt: [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: [{ type: 'text', text: ex.input }] },
  ],
  ...(seed === undefined ? {} : { seed }),
  ...extra,
});

describe('SimLanguageModel', () => {
  const model = new SimLanguageModel(world);

  it('says it is simulated: provider sim, provider metadata, model id', async () => {
    expect(model.provider).toBe('sim');
    expect(model.specificationVersion).toBe('v3');
    const r = await model.doGenerate(call(3));
    expect(r.providerMetadata).toEqual({ sim: { simulated: true, world: 'demo', source: 'builtin:demo' } });
    expect(r.response?.modelId).toBe('sim:demo');
    expect(r.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(r.warnings).toEqual([]);
  });

  it('returns the pure simulation text, using the seed as sample identity (absent = 0)', async () => {
    const r = await model.doGenerate(call(7));
    expect(r.content).toEqual([{ type: 'text', text: simulateText(world, SYSTEM, ex.input, 7) }]);
    const none = await model.doGenerate(call());
    expect(none.content).toEqual((await model.doGenerate(call(0))).content);
  });

  it('counts tokens as ceil(characters / 4)', async () => {
    const r = await model.doGenerate(call(1));
    const text = r.content[0]?.type === 'text' ? r.content[0].text : '';
    const input = Math.ceil((SYSTEM.length + ex.input.length) / 4);
    expect(r.usage.inputTokens).toEqual({ total: input, noCache: input, cacheRead: 0, cacheWrite: 0 });
    expect(r.usage.outputTokens).toEqual({
      total: Math.ceil(text.length / 4),
      text: Math.ceil(text.length / 4),
      reasoning: 0,
    });
  });

  it('truncates at maxOutputTokens with finish reason length', async () => {
    const r = await model.doGenerate(call(1, { maxOutputTokens: 3 }));
    expect(r.content[0]?.type === 'text' ? r.content[0].text.length : -1).toBe(12);
    expect(r.finishReason.unified).toBe('length');
  });

  it('streams text-start, deltas, text-end and finish with the same text and usage', async () => {
    const { stream } = await model.doStream(call(5));
    const parts: LanguageModelV3StreamPart[] = [];
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    const types = parts.map((p) => p.type);
    expect(types[0]).toBe('stream-start');
    expect(types).toContain('text-start');
    expect(types.at(-2)).toBe('text-end');
    expect(types.at(-1)).toBe('finish');
    const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');
    expect(text).toBe(simulateText(world, SYSTEM, ex.input, 5));
    const finish = parts.at(-1);
    const generated = await model.doGenerate(call(5));
    expect(finish?.type === 'finish' ? finish.usage : undefined).toEqual(generated.usage);
  });

  it('works through the AI SDK (generateText / streamText)', async () => {
    const g = await generateText({ model, system: SYSTEM, prompt: ex.input, seed: 11 });
    expect(g.text).toBe(simulateText(world, SYSTEM, ex.input, 11));
    const s = streamText({ model, system: SYSTEM, prompt: ex.input, seed: 11 });
    expect(await s.text).toBe(g.text);
  });

  it('waits the simulated latency and honours the abort signal', async () => {
    const slow = new SimLanguageModel(world, { latencyMs: 40 });
    const t0 = performance.now();
    await slow.doGenerate(call(1));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
    const controller = new AbortController();
    const pending = slow.doGenerate(call(1, { abortSignal: controller.signal }));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    const aborted = new AbortController();
    aborted.abort(new Error('already'));
    await expect(model.doGenerate(call(1, { abortSignal: aborted.signal }))).rejects.toThrow('already');
  });

  it('answers prompt-writing requests as the prompt agent', async () => {
    const r = await model.doGenerate({
      prompt: [
        { role: 'system', content: 'You improve prompts.' },
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `<current_prompt>\n${SYSTEM}\n</current_prompt>\nAnswer between <prompt> and </prompt>.`,
            },
          ],
        },
      ],
      seed: 2,
    });
    expect(r.content[0]?.type === 'text' ? r.content[0].text : '').toMatch(/<prompt>\n[\s\S]+\n<\/prompt>$/);
  });
});

describe('the sim provider', () => {
  it('registers "sim" and builds a simulated handle that honours seeds', () => {
    const handle = getProvider('sim')('demo?latency=25', { env: {} });
    expect(handle).toMatchObject({
      id: 'sim:demo?latency=25',
      provider: 'sim',
      modelId: 'demo?latency=25',
      supportsSeed: true,
      simulated: true,
      inProcess: true,
    });
    expect(handle.model.provider).toBe('sim');
    expect((handle.model as SimLanguageModel).latencyMs).toBe(25);
    expect((handle.model as SimLanguageModel).world).toBe(world);
  });

  it('parses model strings and rejects bad options naming the flag', () => {
    expect(parseSimModelString('demo')).toEqual({ world: 'demo', latencyMs: undefined });
    expect(parseSimModelString('./w.json?latency=100')).toEqual({ world: './w.json', latencyMs: 100 });
    expect(() => parseSimModelString('demo?speed=2', '--model')).toThrow(ConfigError);
    expect(() => parseSimModelString('demo?speed=2', '--model')).toThrow(
      /^--model: unknown sim option "speed"/,
    );
    expect(() => parseSimModelString('demo?latency=-1')).toThrow(
      /latency must be a number of milliseconds >= 0/,
    );
    expect(() => parseSimModelString('?latency=1')).toThrow(/names no world/);
    expect(() => getProvider('sim')('nope', { env: {} })).toThrow(/unknown sim world "nope"/);
  });
});
