import { generateText, type LanguageModelUsage, streamText } from 'ai';
import type { SamplingSettings } from '../spec/sampling.js';
import type { Usage } from '../spec/usage.js';
import { classifyModelError } from './model-call-error.js';
import type { ModelHandle } from './model-handle.js';

export { isModelCallError, ModelCallError, type ModelCallErrorKind } from './model-call-error.js';

export interface CallModelRequest {
  readonly system: string;
  /** The user message. */
  readonly prompt: string;
  readonly sampling?: SamplingSettings;
  /** The seed for this call; wins over `sampling.seed`. Sent only when `handle.supportsSeed`. */
  readonly seed?: number;
  /** The caller's cancellation: when it fires the call rejects with kind `aborted`. */
  readonly signal?: AbortSignal;
  /** Deadline for the whole call, including reading a stream; on expiry it rejects with kind `timeout`. */
  readonly timeoutMs?: number;
  /** Use the streaming API (some local servers only stream, or time out on long non-streamed answers). */
  readonly stream?: boolean;
}

export interface CallModelResult {
  readonly text: string;
  /** As the provider reported it; undefined fields mean "not reported". */
  readonly usage: Usage;
  /** The AI SDK finish reason: 'stop', 'length', 'content-filter', 'tool-calls', 'error' or 'other'. */
  readonly finishReason: string;
}

/**
 * The single low-level model call: one system prompt, one user message, one completion. No retries
 * (`maxRetries: 0`: the engine owns retries, backoff and budgets). Every failure rejects with a
 * ModelCallError saying whether a retry may help; in streaming mode an error inside the stream
 * rejects too, even if some text had arrived (partial output is never returned as a result).
 */
export async function callModel(handle: ModelHandle, request: CallModelRequest): Promise<CallModelResult> {
  const timeoutSignal =
    request.timeoutMs === undefined ? undefined : AbortSignal.timeout(Math.max(1, request.timeoutMs));
  const signals = [request.signal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
  const abortSignal =
    signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  const sampling = request.sampling ?? {};
  const seed = request.seed ?? sampling.seed;
  const settings = {
    model: handle.model,
    system: request.system,
    prompt: request.prompt,
    maxRetries: 0,
    abortSignal,
    temperature: sampling.temperature,
    topP: sampling.topP,
    maxOutputTokens: sampling.maxOutputTokens,
    seed: handle.supportsSeed ? seed : undefined,
  };
  try {
    if (abortSignal?.aborted === true) throw abortSignal.reason;
    if (request.stream === true) return await streamCall(settings);
    if (handle.inProcess === true) return await directCall(handle, settings);
    const result = await generateText(settings);
    return { text: result.text, usage: toUsage(result.usage), finishReason: result.finishReason };
  } catch (error) {
    throw classifyModelError(error, {
      modelId: handle.id,
      callerSignal: request.signal,
      timeoutSignal,
      timeoutMs: request.timeoutMs,
    });
  }
}

type CallSettings = Parameters<typeof generateText>[0];

/**
 * streamText reports stream errors to `onError` (default: console) and keeps going; here the first
 * error part is rethrown after the stream ends, and an abort part rethrows the signal's reason, so
 * both reach `classifyModelError`.
 */
async function streamCall(settings: CallSettings): Promise<CallModelResult> {
  const result = streamText({ ...settings, onError: () => {} });
  let text = '';
  let usage: Usage = { inputTokens: undefined, outputTokens: undefined };
  let finishReason = 'other';
  let failure: { error: unknown } | undefined;
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'text-delta':
        text += part.text;
        break;
      case 'error':
        failure ??= { error: part.error };
        break;
      case 'abort':
        throw settings.abortSignal?.reason ?? new DOMException('stream aborted', 'AbortError');
      case 'finish':
        usage = toUsage(part.totalUsage);
        finishReason = part.finishReason;
        break;
      default:
        break;
    }
  }
  if (failure !== undefined) throw failure.error;
  return { text, usage, finishReason };
}

/** The same single-turn call as generateText, on the LanguageModelV3 interface directly. */
async function directCall(handle: ModelHandle, settings: CallSettings): Promise<CallModelResult> {
  const result = await handle.model.doGenerate({
    prompt: [
      { role: 'system', content: String(settings.system ?? '') },
      { role: 'user', content: [{ type: 'text', text: String(settings.prompt ?? '') }] },
    ],
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    ...(settings.topP === undefined ? {} : { topP: settings.topP }),
    ...(settings.maxOutputTokens === undefined ? {} : { maxOutputTokens: settings.maxOutputTokens }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(settings.abortSignal === undefined ? {} : { abortSignal: settings.abortSignal }),
  });
  let text = '';
  for (const part of result.content) if (part.type === 'text') text += part.text;
  return {
    text,
    usage: { inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total },
    finishReason: result.finishReason.unified,
  };
}

function toUsage(usage: LanguageModelUsage | undefined): Usage {
  return { inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens };
}
