import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { MissingApiKeyError } from '../errors.js';
import type { ModelHandle, ProviderFactory, ResolveContext } from './model-handle.js';
import { normalizeBaseURL, parseCompatibleTarget } from './model-spec.js';
import { registerProvider } from './provider-registry.js';
import { redactUrlCredentials } from './redact-credentials.js';

/**
 * The built-in network providers. Importing this module registers them (side effect); `resolveModel`
 * imports it, so library users never need to. Every value is read from `context.env` (never from
 * `process.env` directly), so resolution is a pure function of the model string and the context.
 */

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com/v1';
export const OLLAMA_DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';

/** A non-empty environment value, or undefined. */
function envValue(context: ResolveContext, name: string): string | undefined {
  const value = context.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function requireKey(context: ResolveContext, variable: string, provider: string): string {
  const key = envValue(context, variable);
  if (key === undefined) throw new MissingApiKeyError(variable, provider);
  return key;
}

function baseURLFromEnv(context: ResolveContext, variable: string, fallback: string): string {
  const value = envValue(context, variable);
  return value === undefined ? fallback : normalizeBaseURL(value, variable, 'an http(s) URL');
}

/** `openai:<model>` — the Chat Completions API. Needs OPENAI_API_KEY; honours OPENAI_BASE_URL. */
export const openaiProvider: ProviderFactory = (rest, context) => {
  const modelId = rest.trim();
  const apiKey = requireKey(context, 'OPENAI_API_KEY', 'openai');
  const baseURL = baseURLFromEnv(context, 'OPENAI_BASE_URL', OPENAI_DEFAULT_BASE_URL);
  return handle('openai', modelId, createOpenAI({ apiKey, baseURL }).chat(modelId), true);
};

/** `anthropic:<model>` — the Messages API. Needs ANTHROPIC_API_KEY; honours ANTHROPIC_BASE_URL. No seeds. */
export const anthropicProvider: ProviderFactory = (rest, context) => {
  const modelId = rest.trim();
  const apiKey = requireKey(context, 'ANTHROPIC_API_KEY', 'anthropic');
  const baseURL = baseURLFromEnv(context, 'ANTHROPIC_BASE_URL', ANTHROPIC_DEFAULT_BASE_URL);
  return handle('anthropic', modelId, createAnthropic({ apiKey, baseURL }).languageModel(modelId), false);
};

/**
 * `openai-compatible:<baseURL>#<model>` — vLLM, SGLang, llama.cpp server, LM Studio. SEPO_API_KEY is
 * sent as a bearer token when set (local servers usually need none). The id keeps the base URL so
 * completions from different servers never share a cache key.
 */
export const openaiCompatibleProvider: ProviderFactory = (rest, context) => {
  const { baseURL, model } = parseCompatibleTarget(rest, context.option);
  // fetch refuses a URL with credentials: they are sent as HTTP basic auth instead.
  const url = new URL(baseURL);
  const basic =
    url.username === '' && url.password === ''
      ? undefined
      : Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString(
          'base64',
        );
  url.username = '';
  url.password = '';
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: basic === undefined ? baseURL : url.href.replace(/\/$/, ''),
    ...(basic === undefined
      ? { apiKey: envValue(context, 'SEPO_API_KEY') }
      : { headers: { Authorization: `Basic ${basic}` } }),
    includeUsage: true,
  });
  return {
    // Credentials in the URL never reach the id, which is stored, printed and part of cache keys.
    id: `openai-compatible:${redactUrlCredentials(baseURL)}#${model}`,
    provider: 'openai-compatible',
    modelId: model,
    model: provider.chatModel(model),
    supportsSeed: true,
    simulated: false,
  };
};

/** `ollama:<model>` (names may contain colons: `ollama:qwen3:4b`) at OLLAMA_BASE_URL or the local default. */
export const ollamaProvider: ProviderFactory = (rest, context) => {
  const modelId = rest.trim();
  const baseURL = baseURLFromEnv(context, 'OLLAMA_BASE_URL', OLLAMA_DEFAULT_BASE_URL);
  const provider = createOpenAICompatible({ name: 'ollama', baseURL, includeUsage: true });
  return handle('ollama', modelId, provider.chatModel(modelId), true);
};

function handle(
  provider: string,
  modelId: string,
  model: ModelHandle['model'],
  supportsSeed: boolean,
): ModelHandle {
  return { id: `${provider}:${modelId}`, provider, modelId, model, supportsSeed, simulated: false };
}

registerProvider('openai', openaiProvider);
registerProvider('anthropic', anthropicProvider);
registerProvider('openai-compatible', openaiCompatibleProvider);
registerProvider('ollama', ollamaProvider);
