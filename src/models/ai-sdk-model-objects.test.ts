import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.js';
import { ConfigError } from '../errors.js';
import { isScored, type RolloutRequest } from '../spec/rollout.js';
import type { Task } from '../spec/task.js';
import { task } from '../tasks/in-memory-task.js';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';

/** AI SDK model objects given straight to the Engine, on a task built with task(). */

const arith = task({
  id: 'arith',
  examples: Array.from({ length: 10 }, (_, i) => ({
    id: `q${i}`,
    input: `What is 10+${i}?`,
    answer: String(10 + i),
  })),
  scorer: 'exact',
});

/** The right answer to "What is 10+<i>?", on a Manual-CoT last line. */
function solve(question: string): string {
  const m = /10\+(\d+)/.exec(question);
  return `10 plus ${m?.[1] ?? '?'}.\nAnswer: ${10 + Number(m?.[1])}`;
}

function userText(options: LanguageModelV3CallOptions): string {
  const user = options.prompt.find((m) => m.role === 'user');
  return user === undefined || typeof user.content === 'string'
    ? ''
    : user.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

const usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 6, text: 6, reasoning: undefined },
};

function generated(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
  };
}

function streamed(text: string): LanguageModelV3StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...text
      .split(/(?<=\n)/)
      .map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

const requests = (t: Task, split: 'train' | 'test' = 'test'): RolloutRequest[] =>
  t.splits[split].map((example) => ({
    candidateId: 'c0',
    systemPrompt: t.defaultSystemPrompt,
    example,
    sample: 0,
  }));

let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Engine with AI SDK model objects', () => {
  it('runs a MockLanguageModelV3 through generateText, with seeds, as task and optimizer model', async () => {
    const model = new MockLanguageModelV3({
      provider: 'mock.chat',
      modelId: 'm',
      doGenerate: async (options) => generated(solve(userText(options))),
    });
    const engine = new Engine({ taskModel: model, concurrency: 2 });
    expect(engine.taskModel).toMatchObject({ id: 'mock.chat:m', provider: 'mock.chat', simulated: false });
    expect(engine.optimizerModel).toBe(engine.taskModel);
    const rollouts = await engine.evaluate(arith, requests(arith));
    expect(rollouts.map((r) => r.score)).toEqual([1, 1, 1]);
    expect(rollouts.every((r) => r.usage.inputTokens === 12 && r.usage.outputTokens === 6)).toBe(true);
    expect(model.doGenerateCalls).toHaveLength(3);
    expect(model.doGenerateCalls.every((call) => typeof call.seed === 'number')).toBe(true);
    expect(model.doGenerateCalls[0]?.prompt[0]).toEqual({
      role: 'system',
      content: arith.defaultSystemPrompt,
    });
    const completion = await engine.complete({ system: 'Propose.', prompt: 'What is 10+5?' });
    expect(completion.text).toBe(solve('What is 10+5?'));
  });

  it('streams from a MockLanguageModelV3', async () => {
    const model = new MockLanguageModelV3({
      doStream: async (options) => ({
        stream: simulateReadableStream({ chunks: streamed(solve(userText(options))) }),
      }),
    });
    const engine = new Engine({ taskModel: model, stream: true });
    const rollouts = await engine.evaluate(arith, requests(arith));
    expect(rollouts.map((r) => r.score)).toEqual([1, 1, 1]);
    expect(model.doStreamCalls).toHaveLength(3);
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('keeps a separate optimizer model object', async () => {
    const taskModel = new MockLanguageModelV3({ modelId: 'task', doGenerate: generated('Answer: 0') });
    const optimizerModel = new MockLanguageModelV3({
      modelId: 'agent',
      doGenerate: generated('A better prompt.'),
    });
    const engine = new Engine({ taskModel, optimizerModel });
    expect(engine.optimizerModel.id).toBe('mock-provider:agent');
    expect((await engine.complete({ system: 's', prompt: 'p' })).text).toBe('A better prompt.');
    expect(taskModel.doGenerateCalls).toHaveLength(0);
  });

  it('scores 0 with the reason when a scorer function throws; fails clearly on a bad return', async () => {
    const examples = [
      { id: 'a', input: 'What is 10+1?', answer: '11' },
      { id: 'b', input: 'What is 10+2?', answer: '12' },
    ];
    const model = new MockLanguageModelV3({
      doGenerate: async (options) => generated(solve(userText(options))),
    });
    const throwing = task({
      id: 'throws',
      splits: { test: examples },
      scorer: (response, example) => {
        if (example.id === 'b') throw new Error('cannot parse');
        return response.endsWith(example.answer);
      },
    });
    const rollouts = await new Engine({ taskModel: model }).evaluate(throwing, requests(throwing));
    expect(rollouts[0]).toMatchObject({ score: 1, feedback: 'Correct.' });
    expect(rollouts[1]).toMatchObject({ score: 0, failure: 'scorer error: cannot parse' });
    const malformed = task({ id: 'bad', splits: { test: examples }, scorer: () => 2 });
    const [bad] = await new Engine({ taskModel: model }).evaluate(malformed, requests(malformed).slice(0, 1));
    expect(bad).toMatchObject({ score: 0 });
    expect(bad !== undefined && isScored(bad) ? bad.failure : '').toMatch(
      /task\.scorer: the scorer function returned 2/,
    );
  });

  for (const stream of [false, true]) {
    it(`runs an @ai-sdk/openai-compatible model against a local server (stream ${stream ? 'on' : 'off'})`, async () => {
      server = await startOpenAICompatibleServer({
        respond: (body) => {
          const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
          return solve(String(user?.content ?? ''));
        },
      });
      const provider = createOpenAICompatible({ name: 'local', baseURL: server.baseURL, includeUsage: true });
      const engine = new Engine({ taskModel: provider.chatModel('test-model'), stream, timeoutMs: 5_000 });
      expect(engine.taskModel.id).toBe('local.chat:test-model');
      const rollouts = await engine.evaluate(arith, requests(arith, 'train'));
      expect(rollouts.map((r) => r.score)).toEqual([1, 1, 1, 1, 1]);
      expect(rollouts.every((r) => (r.usage.outputTokens ?? 0) > 0)).toBe(true);
      expect(server.requests).toBe(5);
      expect(server.bodies.every((b) => b.model === 'test-model' && typeof b.seed === 'number')).toBe(true);
      expect(server.bodies.every((b) => b.stream === (stream ? true : undefined))).toBe(true);
    });
  }

  it('runs an @ai-sdk/openai chat model (openai.chat(...)) against a local server', async () => {
    server = await startOpenAICompatibleServer({ respond: () => 'Answer: 10' });
    const openai = createOpenAI({ apiKey: 'test-key', baseURL: server.baseURL });
    const engine = new Engine({ taskModel: openai.chat('gpt-4.1-mini') });
    expect(engine.taskModel.id).toBe('openai.chat:gpt-4.1-mini');
    const [first] = await engine.evaluate(arith, requests(arith).slice(0, 1));
    expect(first?.status).not.toBe('failed');
    expect(server.bodies[0]?.model).toBe('gpt-4.1-mini');
  });

  it('rejects an object that is not a LanguageModelV3, naming the option', () => {
    const v2 = { specificationVersion: 'v2', provider: 'old', modelId: 'm' } as unknown as LanguageModelV3;
    expect(() => new Engine({ taskModel: v2 })).toThrow(ConfigError);
    expect(() => new Engine({ taskModel: v2 })).toThrow(
      /^taskModel: got an AI SDK Language Model v2 \(old:m\)/,
    );
    const model = new MockLanguageModelV3();
    expect(() => new Engine({ taskModel: model, optimizerModel: v2 })).toThrow(/^optimizerModel: /);
  });
});
