import './builtin-providers.js';
import type { ModelHandle, ResolveContext } from './model-handle.js';
import { parseModelSpec } from './model-spec.js';
import { getProvider } from './provider-registry.js';

/**
 * Turns a model string (`openai:gpt-4.1-mini`, `anthropic:<model>`,
 * `openai-compatible:http://host:8000/v1#<model>`, `ollama:qwen3:4b`, `sim:<world>`) into a handle.
 * Reads API keys and base URLs from `context.env` (default: `process.env`). Makes no network call.
 * Throws ConfigError for a malformed string, UnknownNameError (listing the known providers) for an
 * unregistered provider, MissingApiKeyError (naming the variable) when a required key is unset.
 */
export function resolveModel(spec: string, context: ResolveContext = { env: process.env }): ModelHandle {
  const { provider, rest } = parseModelSpec(spec, context.option);
  return getProvider(provider)(rest, context);
}
