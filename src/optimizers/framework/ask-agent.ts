import type { CompletionRequest, Engine } from '../../engine/engine.js';
import { ModelCallError } from '../../models/call-model.js';
import { extractTagged } from './extract-output.js';

/** Reads the proposal out of a reply; undefined when there is none. */
export type ReplyExtractor = (reply: string) => { content: string; rationale: string } | undefined;

/** A prompt-agent reply reduced to the text between the requested tags (or a failure, never a throw). */
export type AgentAnswer =
  | { readonly ok: true; readonly content: string; readonly rationale: string }
  | { readonly ok: false; readonly failure: string };

/**
 * One prompt-agent call through the engine; the output is the last `<tag>...</tag>` (or fenced block).
 * A failed call or an unreadable reply is a failed proposal; budget and cancellation errors propagate.
 */
export async function askAgent(
  engine: Engine,
  request: CompletionRequest,
  /** The tag the proposal is asked between, or a reader of the reference's own format. */
  tag: string | { readonly name: string; readonly extract: ReplyExtractor },
): Promise<AgentAnswer> {
  let reply: string;
  try {
    reply = (await engine.complete(request)).text;
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    return { ok: false, failure: `prompt agent call failed: ${error.message}` };
  }
  if (typeof tag !== 'string') {
    const read = tag.extract(reply);
    return read === undefined ? { ok: false, failure: `no ${tag.name} in the reply` } : { ok: true, ...read };
  }
  const extracted = extractTagged(reply, tag);
  if (extracted === undefined) return { ok: false, failure: `no <${tag}>...</${tag}> in the reply` };
  return { ok: true, ...extracted };
}
