import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { normalizeBaseURL, parseCompatibleTarget, parseModelSpec } from './model-spec.js';

describe('parseModelSpec', () => {
  it.each([
    ['openai:gpt-4.1-mini', 'openai', 'gpt-4.1-mini'],
    ['anthropic:claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5'],
    ['ollama:qwen3:4b', 'ollama', 'qwen3:4b'],
    [
      'openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B',
      'openai-compatible',
      'http://127.0.0.1:8000/v1#Qwen/Qwen3-8B',
    ],
    ['sim:demo', 'sim', 'demo'],
    ['  openai:gpt-4o  ', 'openai', 'gpt-4o'],
  ])('splits %s at the first colon', (spec, provider, rest) => {
    expect(parseModelSpec(spec)).toEqual({ provider, rest });
  });

  it.each([
    ['', 'is not a model string'],
    ['gpt-4o', 'is not a model string'],
    ['openai:', 'no model after "openai:"'],
    ['openai:   ', 'no model after "openai:"'],
    [':gpt-4o', 'provider "" is not a valid name'],
    ['OpenAI:gpt-4o', 'provider "OpenAI" is not a valid name'],
  ])('rejects %j with a message showing the expected forms', (spec, detail) => {
    const error = captureConfigError(() => parseModelSpec(spec, '--model'));
    expect(error.option).toBe('--model');
    expect(error.message).toContain(detail);
    expect(error.message).toContain('openai-compatible:<http(s)://host:port/v1>#<model>');
    expect(error.message).toContain('ollama:qwen3:4b');
  });
});

describe('parseCompatibleTarget', () => {
  it('splits the base URL and the model at the first "#", dropping trailing slashes', () => {
    expect(parseCompatibleTarget('http://127.0.0.1:8000/v1/#org/model:q4')).toEqual({
      baseURL: 'http://127.0.0.1:8000/v1',
      model: 'org/model:q4',
    });
    expect(parseCompatibleTarget('https://llm.example.com/v1#m')).toEqual({
      baseURL: 'https://llm.example.com/v1',
      model: 'm',
    });
  });

  it.each([
    ['http://127.0.0.1:8000/v1', 'has no "#<model>" part'],
    ['http://127.0.0.1:8000/v1#', 'empty model after "#"'],
    ['127.0.0.1:8000/v1#m', 'must start with http:// or https://'],
    ['ftp://host/v1#m', 'must start with http:// or https://'],
    ['http://#m', 'is not a valid URL'],
  ])('rejects %j showing the expected form', (rest, detail) => {
    const error = captureConfigError(() => parseCompatibleTarget(rest, '--model'));
    expect(error.message).toContain(detail);
    expect(error.message).toContain('openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B');
  });
});

describe('normalizeBaseURL', () => {
  it('names the offending variable', () => {
    const error = captureConfigError(() =>
      normalizeBaseURL('localhost:11434', 'OLLAMA_BASE_URL', 'an http(s) URL'),
    );
    expect(error.message).toMatch(/^OLLAMA_BASE_URL: /);
  });
});

function captureConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
