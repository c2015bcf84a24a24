import { ConfigError } from '../errors.js';

/** A model string split at its first colon: `<provider>:<rest>`. */
export interface ModelSpec {
  readonly provider: string;
  /** Everything after the first colon; may itself contain colons (e.g. "qwen3:4b"). */
  readonly rest: string;
}

/** The accepted forms, shown in every "bad model string" message. */
export const MODEL_SPEC_FORMS: readonly string[] = [
  'openai:<model>',
  'anthropic:<model>',
  'openai-compatible:<http(s)://host:port/v1>#<model>',
  'ollama:<model>',
  'sim:<world>',
];

const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;

function expectedForms(): string {
  return `expected one of ${MODEL_SPEC_FORMS.join(', ')} (e.g. openai:gpt-4.1-mini, ollama:qwen3:4b)`;
}

/**
 * Splits a model string at its first colon. Surrounding whitespace is ignored. Throws ConfigError
 * (naming `option`, e.g. "--model") when there is no colon, the provider name is not a lower-case
 * identifier, or nothing follows the colon. Whether the provider exists is checked by the registry.
 */
export function parseModelSpec(spec: string, option = 'model'): ModelSpec {
  const trimmed = spec.trim();
  const colon = trimmed.indexOf(':');
  if (trimmed === '' || colon < 0) {
    throw new ConfigError(option, `"${spec}" is not a model string; ${expectedForms()}`);
  }
  const provider = trimmed.slice(0, colon);
  const rest = trimmed.slice(colon + 1);
  if (!PROVIDER_NAME.test(provider)) {
    throw new ConfigError(
      option,
      `"${spec}": provider "${provider}" is not a valid name; ${expectedForms()}`,
    );
  }
  if (rest.trim() === '') {
    throw new ConfigError(option, `"${spec}": no model after "${provider}:"; ${expectedForms()}`);
  }
  return { provider, rest };
}

/**
 * Checks that `url` is an absolute http(s) URL and returns it without trailing slashes, so equal
 * servers give equal canonical model ids. `what` names the value in the error (a flag or variable).
 */
export function normalizeBaseURL(url: string, what: string, expected: string): string {
  if (!/^https?:\/\//i.test(url)) {
    throw new ConfigError(what, `"${url}" must start with http:// or https://; expected ${expected}`);
  }
  try {
    new URL(url);
  } catch {
    throw new ConfigError(what, `"${url}" is not a valid URL; expected ${expected}`);
  }
  return url.replace(/\/+$/, '');
}

const COMPATIBLE_FORM =
  'openai-compatible:<http(s)://host:port/v1>#<model>, e.g. openai-compatible:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B';

/**
 * Parses the part after "openai-compatible:" — `<baseURL>#<model>` — split at the first "#".
 * Throws ConfigError showing the expected form when the "#model" part is missing or empty or the base
 * URL is not http(s).
 */
export function parseCompatibleTarget(rest: string, option = 'model'): { baseURL: string; model: string } {
  const hash = rest.indexOf('#');
  if (hash < 0) {
    throw new ConfigError(
      option,
      `"openai-compatible:${rest}" has no "#<model>" part; expected ${COMPATIBLE_FORM}`,
    );
  }
  const model = rest.slice(hash + 1).trim();
  if (model === '') {
    throw new ConfigError(
      option,
      `"openai-compatible:${rest}" has an empty model after "#"; expected ${COMPATIBLE_FORM}`,
    );
  }
  const baseURL = normalizeBaseURL(rest.slice(0, hash).trim(), option, COMPATIBLE_FORM);
  return { baseURL, model };
}
