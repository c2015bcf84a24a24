import { describe, expect, it } from 'vitest';
import { ConfigError, MissingApiKeyError, UnknownNameError } from '../errors.js';
import type { ModelHandle, ResolveContext } from './model-handle.js';
import { knownProviders, registerProvider } from './provider-registry.js';
import { resolveModel } from './resolve-model.js';

const keys: ResolveContext = { env: { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' } };

function summary(handle: ModelHandle) {
  return {
    id: handle.id,
    provider: handle.provider,
    modelId: handle.modelId,
    supportsSeed: handle.supportsSeed,
    simulated: handle.simulated,
  };
}

describe('resolveModel', () => {
  it('resolves openai to a chat completions model', () => {
    const handle = resolveModel('openai:gpt-4.1-mini', keys);
    expect(summary(handle)).toEqual({
      id: 'openai:gpt-4.1-mini',
      provider: 'openai',
      modelId: 'gpt-4.1-mini',
      supportsSeed: true,
      simulated: false,
    });
    expect(handle.model.provider).toBe('openai.chat');
    expect(handle.model.modelId).toBe('gpt-4.1-mini');
  });

  it('resolves anthropic without seed support', () => {
    const handle = resolveModel('anthropic:claude-sonnet-4-5', keys);
    expect(summary(handle)).toMatchObject({ id: 'anthropic:claude-sonnet-4-5', supportsSeed: false });
    expect(handle.model.modelId).toBe('claude-sonnet-4-5');
  });

  it('resolves openai-compatible with a canonical id and no key needed', () => {
    const handle = resolveModel('openai-compatible:http://127.0.0.1:8000/v1/#Qwen/Qwen3-8B', { env: {} });
    expect(summary(handle)).toEqual({
      id: 'openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B',
      provider: 'openai-compatible',
      modelId: 'Qwen/Qwen3-8B',
      supportsSeed: true,
      simulated: false,
    });
  });

  it('resolves ollama model names that contain colons', () => {
    const handle = resolveModel('ollama:qwen3:4b', { env: {} });
    expect(summary(handle)).toMatchObject({ id: 'ollama:qwen3:4b', provider: 'ollama', modelId: 'qwen3:4b' });
    expect(handle.model.modelId).toBe('qwen3:4b');
  });

  it('rejects a bad OLLAMA_BASE_URL naming the variable', () => {
    expect(() => resolveModel('ollama:qwen3:4b', { env: { OLLAMA_BASE_URL: 'localhost:11434' } })).toThrow(
      /^OLLAMA_BASE_URL: /,
    );
  });

  it.each([
    ['openai:gpt-4o', 'OPENAI_API_KEY'],
    ['anthropic:claude-sonnet-4-5', 'ANTHROPIC_API_KEY'],
  ])('a missing key for %s names %s', (spec, variable) => {
    const run = () => resolveModel(spec, { env: { [variable]: '  ' } });
    expect(run).toThrow(MissingApiKeyError);
    expect(run).toThrow(`set the environment variable ${variable}`);
  });

  it('an unknown provider lists the known ones', () => {
    const run = () => resolveModel('gemini:pro', { env: {} });
    expect(run).toThrow(UnknownNameError);
    expect(run).toThrow(
      'unknown model provider "gemini"; known: anthropic, ollama, openai, openai-compatible',
    );
  });

  it('a malformed model string is a ConfigError naming the option', () => {
    expect(() => resolveModel('gpt-4o', { env: {}, option: '--optimizer-model' })).toThrow(
      /^--optimizer-model: "gpt-4o" is not a model string/,
    );
    expect(() => resolveModel('openai-compatible:http://h:8000/v1', { env: {} })).toThrow(ConfigError);
  });

  it('uses providers registered by other layers', () => {
    registerProvider('test-fake', (rest) => ({
      ...resolveModel('ollama:x', { env: {} }),
      id: `test-fake:${rest}`,
      provider: 'test-fake',
      modelId: rest,
      simulated: true,
    }));
    expect(knownProviders()).toContain('test-fake');
    expect(resolveModel('test-fake:world').id).toBe('test-fake:world');
  });
});
