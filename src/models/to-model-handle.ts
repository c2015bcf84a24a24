import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { LanguageModel } from 'ai';
import { ConfigError } from '../errors.js';
import type { ModelHandle } from './model-handle.js';
import { MODEL_SPEC_FORMS } from './model-spec.js';
import { resolveModel } from './resolve-model.js';

/** What `modelHandle` accepts: a sepo model string, an AI SDK language model object, or a handle. */
export type ModelInput = string | LanguageModel | ModelHandle;

export interface ModelHandleOptions {
  /** Names the value in errors, e.g. "taskModel" or "--optimizer-model" (default "model"). */
  readonly role?: string;
  /** Overrides whether the model is the simulated world (reports then say "simulated"). */
  readonly simulated?: boolean;
  /** Overrides whether the engine sends a per-sample seed (see `modelHandle`). */
  readonly supportsSeed?: boolean;
  /**
   * The id of a wrapped model object (default `<provider>:<modelId>`). The id keys the call cache, the
   * store and price lookups, so give one when two objects share provider and model id but are not
   * the same model (e.g. the same model name on two servers).
   */
  readonly id?: string;
  /** Environment read when resolving a model string (API keys, base URLs); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const ACCEPTED = `a model string (${MODEL_SPEC_FORMS.join(', ')}), an AI SDK LanguageModelV3 object (e.g. openai.chat('gpt-4.1-mini') from @ai-sdk/openai 3.x), or a sepo ModelHandle`;

/**
 * One model handle from whatever names a model:
 * - a string goes through `resolveModel` (reading `options.env`, default `process.env`);
 * - an AI SDK LanguageModelV3 object is wrapped: id `<provider>:<modelId>` (or `options.id`), both
 *   read from the object. `supportsSeed` defaults to true: the engine then sends a seed derived from
 *   the sample, which makes repeated samples reproducible where the provider honours seeds, while a
 *   provider that does not (Anthropic, some local servers) ignores it with an AI SDK warning, never
 *   an error, so sending it costs nothing. `simulated` and `inProcess` are true only for sepo's
 *   SimLanguageModel (provider "sim"; recognised by that name because models/ must not import sim/);
 * - a ModelHandle is returned as is.
 * `options.simulated` / `options.supportsSeed` override what was detected, for every kind of input.
 * Anything else (a LanguageModelV2, an AI SDK gateway id such as "openai/gpt-4.1", a non-model) is a
 * ConfigError naming `options.role` and listing what is accepted. Makes no network call.
 */
export function modelHandle(model: ModelInput, options: ModelHandleOptions = {}): ModelHandle {
  const role = options.role ?? 'model';
  const handle = toHandle(model, options, role);
  if (options.simulated === undefined && options.supportsSeed === undefined) return handle;
  return {
    ...handle,
    ...(options.simulated === undefined ? {} : { simulated: options.simulated }),
    ...(options.supportsSeed === undefined ? {} : { supportsSeed: options.supportsSeed }),
  };
}

function toHandle(model: ModelInput, options: ModelHandleOptions, role: string): ModelHandle {
  if (typeof model === 'string') {
    if (!model.includes(':') && /^[\w.-]+\/\S+$/.test(model.trim())) {
      throw new ConfigError(
        role,
        `"${model}" looks like an AI SDK gateway id, which sepo does not resolve; write "${model.replace('/', ':')}" or pass a provider's model object; expected ${ACCEPTED}`,
      );
    }
    return resolveModel(model, { env: options.env ?? process.env, option: role });
  }
  if (isLanguageModelV3(model)) return wrapLanguageModel(model, options.id);
  if (isModelHandle(model)) {
    if (!isLanguageModelV3(model.model)) {
      throw new ConfigError(
        role,
        `handle "${model.id}" holds ${describe(model.model)}; expected ${ACCEPTED}`,
      );
    }
    return model;
  }
  throw new ConfigError(role, `got ${describe(model)}; expected ${ACCEPTED}`);
}

function wrapLanguageModel(model: LanguageModelV3, id: string | undefined): ModelHandle {
  const sim = model.provider === 'sim';
  return {
    id: id ?? `${model.provider}:${model.modelId}`,
    provider: model.provider,
    modelId: model.modelId,
    model,
    supportsSeed: true,
    simulated: sim,
    ...(sim ? { inProcess: true } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** The shape of the LanguageModelV3 interface, checked at run time (values may come from untyped code). */
export function isLanguageModelV3(value: unknown): value is LanguageModelV3 {
  return (
    isRecord(value) &&
    value.specificationVersion === 'v3' &&
    typeof value.provider === 'string' &&
    typeof value.modelId === 'string' &&
    typeof value.doGenerate === 'function' &&
    typeof value.doStream === 'function'
  );
}

function isModelHandle(value: unknown): value is ModelHandle {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.provider === 'string' &&
    typeof value.modelId === 'string' &&
    typeof value.supportsSeed === 'boolean' &&
    typeof value.simulated === 'boolean' &&
    isRecord(value.model)
  );
}

function describe(value: unknown): string {
  if (isRecord(value) && typeof value.specificationVersion === 'string') {
    const name =
      typeof value.provider === 'string' && typeof value.modelId === 'string'
        ? ` (${value.provider}:${value.modelId})`
        : '';
    return value.specificationVersion === 'v3'
      ? `an incomplete LanguageModelV3${name}, without doGenerate/doStream`
      : `an AI SDK Language Model ${value.specificationVersion}${name}; upgrade its provider package to the version for ai 6 (it returns LanguageModelV3 objects)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object that is not a language model (no specificationVersion "v3")';
  return `a value of type ${typeof value}`;
}
