import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ModelHandle } from '../models/model-handle.js';

export interface ScriptedCall {
  readonly system: string;
  readonly user: string;
  readonly seed: number | undefined;
}

function parts(options: LanguageModelV3CallOptions): ScriptedCall {
  let system = '';
  let user = '';
  for (const m of options.prompt) {
    if (m.role === 'system') system += m.content;
    else if (m.role === 'user') user += m.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  }
  return { system, user, seed: options.seed };
}

/**
 * A LanguageModelV3 whose reply is a function of (system, user, seed): a mock implementing the real
 * interface, for tests of the engine and optimizers. Records every call.
 */
export function scriptedModel(
  reply: (call: ScriptedCall) => string,
  id = 'scripted',
): { handle: ModelHandle; calls: ScriptedCall[] } {
  const calls: ScriptedCall[] = [];
  const model: LanguageModelV3 = {
    specificationVersion: 'v3',
    provider: 'scripted',
    modelId: id,
    supportedUrls: {},
    doStream: () => Promise.reject(new Error('streaming is not scripted')),
    doGenerate: async (options) => {
      const call = parts(options);
      calls.push(call);
      const text = reply(call);
      const tokens = (s: string): number => Math.ceil(s.length / 4);
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: {
            total: tokens(call.system + call.user),
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: tokens(text), text: undefined, reasoning: undefined },
        },
        warnings: [],
      };
    },
  };
  return {
    handle: {
      id: `scripted:${id}`,
      provider: 'scripted',
      modelId: id,
      model,
      supportsSeed: true,
      simulated: true,
      inProcess: true,
    },
    calls,
  };
}
