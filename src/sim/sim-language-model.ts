import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from '@ai-sdk/provider';
import { abortableSleep } from '../util/abortable-sleep.js';
import type { SimWorld } from './sim-world.js';
import { type SimCall, simulateCall } from './simulate-call.js';
import { simTokens } from './text-match.js';

export interface SimModelOptions {
  /** Overrides the world's latencyMs. */
  readonly latencyMs?: number;
  /** Reported model id (default: the world name). */
  readonly modelId?: string;
}

const STOP = { unified: 'stop', raw: 'stop' } as const;
const LENGTH = { unified: 'length', raw: 'length' } as const;
const DELTA_CHARS = 64;

function textOf(content: LanguageModelV3Prompt[number]['content']): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const part of content) {
    if (part.type === 'text' || part.type === 'reasoning')
      out = out === '' ? part.text : `${out}\n${part.text}`;
  }
  return out;
}

/** Reads a prompt once: system text, last user text, character count; the full text only on demand. */
function readPrompt(
  prompt: LanguageModelV3Prompt,
  seed: number | undefined,
): { call: SimCall; inputChars: number } {
  let system = '';
  let lastUser = '';
  let chars = 0;
  for (const m of prompt) {
    const text = textOf(m.content);
    chars += text.length;
    if (m.role === 'system') system = system === '' ? text : `${system}\n\n${text}`;
    else if (m.role === 'user') lastUser = text;
  }
  const allText = (): string =>
    prompt
      .filter((m) => m.role !== 'system')
      .map((m) => textOf(m.content))
      .join('\n\n');
  return { call: { system, lastUser, allText, seed }, inputChars: chars };
}

/**
 * An AI SDK LanguageModelV3 whose behaviour is a world file. Reports provider "sim" and marks every
 * result `providerMetadata.sim.simulated = true`. Tokens are ceil(characters / 4). The call's `seed` is
 * the sample identity (absent = sample 0); temperature and other sampling settings are ignored.
 */
export class SimLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3' as const;
  readonly provider = 'sim';
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  readonly latencyMs: number;
  private readonly metadata: SharedV3ProviderMetadata;

  constructor(
    readonly world: SimWorld,
    options: SimModelOptions = {},
  ) {
    this.modelId = options.modelId ?? world.name;
    this.latencyMs = options.latencyMs ?? world.latencyMs;
    this.metadata = { sim: { simulated: true, world: world.name, source: world.source } };
  }

  private async run(options: LanguageModelV3CallOptions): Promise<{
    text: string;
    usage: LanguageModelV3Usage;
    finishReason: typeof STOP | typeof LENGTH;
  }> {
    if (this.latencyMs > 0) await abortableSleep(this.latencyMs, options.abortSignal);
    else if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    const { call, inputChars } = readPrompt(options.prompt, options.seed);
    let text = simulateCall(this.world, call).outcome.text;
    let finishReason: typeof STOP | typeof LENGTH = STOP;
    const max = options.maxOutputTokens;
    if (max !== undefined && simTokens(text) > max) {
      text = text.slice(0, Math.max(0, max * 4));
      finishReason = LENGTH;
    }
    const input = Math.ceil(inputChars / 4);
    const output = simTokens(text);
    return {
      text,
      finishReason,
      usage: {
        inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: output, text: output, reasoning: 0 },
      },
    };
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { text, usage, finishReason } = await this.run(options);
    return {
      content: [{ type: 'text', text }],
      finishReason,
      usage,
      warnings: [],
      providerMetadata: this.metadata,
      response: { modelId: `sim:${this.modelId}` },
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { text, usage, finishReason } = await this.run(options);
    const metadata = this.metadata;
    const modelId = `sim:${this.modelId}`;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'response-metadata', modelId });
        controller.enqueue({ type: 'text-start', id: '0' });
        for (let i = 0; i < text.length; i += DELTA_CHARS) {
          controller.enqueue({ type: 'text-delta', id: '0', delta: text.slice(i, i + DELTA_CHARS) });
        }
        controller.enqueue({ type: 'text-end', id: '0' });
        controller.enqueue({ type: 'finish', usage, finishReason, providerMetadata: metadata });
        controller.close();
      },
    });
    return { stream };
  }
}
