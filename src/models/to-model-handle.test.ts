import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV2 } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadWorld } from '../sim/load-world.js';
import { SimLanguageModel } from '../sim/sim-language-model.js';
import type { ModelHandle } from './model-handle.js';
import { isLanguageModelV3, modelHandle } from './to-model-handle.js';

describe('modelHandle', () => {
  it('resolves a model string with the given environment', () => {
    const handle = modelHandle('openai-compatible:http://127.0.0.1:9/v1#m', { env: {} });
    expect(handle.id).toBe('openai-compatible:http://127.0.0.1:9/v1#m');
    expect(handle.provider).toBe('openai-compatible');
    expect(handle.simulated).toBe(false);
  });

  it('names the role in errors from model strings', () => {
    expect(() => modelHandle('openai:gpt-4.1-mini', { env: {}, role: 'taskModel' })).toThrow(
      /OPENAI_API_KEY/,
    );
    expect(() => modelHandle('gpt-4.1-mini', { role: 'taskModel' })).toThrow(
      /^taskModel: .*not a model string/,
    );
  });

  it('points an AI SDK gateway id to the sepo form', () => {
    expect(() => modelHandle('openai/gpt-4.1', { role: 'model' })).toThrow(
      /gateway id.*write "openai:gpt-4.1"/,
    );
  });

  it('wraps a LanguageModelV3 object: id, provider and model id from the object', () => {
    const model = new MockLanguageModelV3({ provider: 'acme.chat', modelId: 'm-1' });
    const handle = modelHandle(model);
    expect(handle).toEqual({
      id: 'acme.chat:m-1',
      provider: 'acme.chat',
      modelId: 'm-1',
      model,
      supportsSeed: true,
      simulated: false,
    });
    expect(handle.inProcess).toBeUndefined();
  });

  it('wraps an @ai-sdk/openai-compatible chat model', () => {
    const model = createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:9/v1' }).chatModel('q');
    const handle = modelHandle(model);
    expect(handle.id).toBe('local.chat:q');
    expect(handle.model).toBe(model);
  });

  it('marks sepo SimLanguageModel as simulated and in-process', () => {
    const model = new SimLanguageModel(loadWorld('demo'), { modelId: 'demo' });
    const handle = modelHandle(model);
    expect(handle).toMatchObject({ id: 'sim:demo', simulated: true, inProcess: true, supportsSeed: true });
  });

  it('applies overrides: id, supportsSeed, simulated', () => {
    const model = new MockLanguageModelV3();
    const handle = modelHandle(model, { id: 'server-a:m', supportsSeed: false, simulated: true });
    expect(handle).toMatchObject({ id: 'server-a:m', supportsSeed: false, simulated: true });
  });

  it('returns a ModelHandle as is, unless told otherwise', () => {
    const handle: ModelHandle = {
      id: 'x:y',
      provider: 'x',
      modelId: 'y',
      model: new MockLanguageModelV3(),
      supportsSeed: true,
      simulated: false,
    };
    expect(modelHandle(handle)).toBe(handle);
    expect(modelHandle(handle, { supportsSeed: false })).toEqual({ ...handle, supportsSeed: false });
  });

  it('rejects a LanguageModelV2 with a hint to upgrade the provider package', () => {
    const v2 = {
      specificationVersion: 'v2',
      provider: 'old',
      modelId: 'm',
      supportedUrls: {},
      doGenerate: () => Promise.reject(new Error('unused')),
      doStream: () => Promise.reject(new Error('unused')),
    } as unknown as LanguageModelV2;
    const call = () => modelHandle(v2, { role: 'optimizerModel' });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/^optimizerModel: got an AI SDK Language Model v2 \(old:m\); upgrade/);
    expect(call).toThrow(/expected a model string .*LanguageModelV3 object/);
  });

  it('rejects values that are not models, saying what is accepted', () => {
    const notAModel = { name: 'gpt' } as unknown as ModelHandle;
    expect(() => modelHandle(notAModel)).toThrow(/^model: got an object that is not a language model/);
    expect(() => modelHandle(42 as unknown as string)).toThrow(/got a value of type number; expected/);
    const badHandle = { ...modelHandle(new MockLanguageModelV3()), model: {} } as unknown as ModelHandle;
    expect(() => modelHandle(badHandle)).toThrow(/handle "mock-provider:mock-model-id" holds an object/);
  });

  it('recognises the LanguageModelV3 shape', () => {
    expect(isLanguageModelV3(new MockLanguageModelV3())).toBe(true);
    expect(isLanguageModelV3({ specificationVersion: 'v3' })).toBe(false);
    expect(isLanguageModelV3(undefined)).toBe(false);
  });
});
