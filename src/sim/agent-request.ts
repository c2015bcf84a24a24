/** How the requester wants the answer written. */
export type OutputFormat =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'critique'; readonly tag: string }
  | { readonly kind: 'fence' }
  | { readonly kind: 'plain' };

export interface ShownCandidate {
  readonly score: number;
  readonly prompt: string;
}

/** A prompt-writing request, as the simulated prompt agent reads it. */
export interface AgentRequest {
  /** The agent's own system prompt: it sets the agent's skill. */
  readonly system: string;
  /** All user text. */
  readonly text: string;
  /** The prompt to edit (`<current_prompt>`), if any. */
  readonly currentPrompt: string | undefined;
  /** `<candidate score="...">` blocks, best first. */
  readonly candidates: readonly ShownCandidate[];
  readonly output: OutputFormat;
  /** The request says the prompt being edited is the agent's own. */
  readonly saysOwnPrompt: boolean;
  /** Lower-cased user text outside prompt blocks: where feedback, symptoms and critiques are read. */
  readonly evidence: string;
}

const CURRENT = /<current_prompt>([\s\S]*?)<\/current_prompt>/gi;
const CANDIDATE = /<candidate\b([^>]*)>([\s\S]*?)<\/candidate>/gi;
const SCORE_ATTR = /score\s*=\s*["']?(-?[\d.]+)/i;
const BETWEEN_TAGS = /between\s+<([A-Za-z_][\w.-]*)>\s+and\s+<\/\1>/gi;
const FENCE = /fenced code block|code block|```/i;
const CRITIQUE_TAGS = /^(?:feedback|critique|gradient|gradients|criticism)$/i;
const CONTENT_TAGS = /^(?:current_prompt|candidate)$/i;
const OWN_PROMPT =
  /\byour own (?:system )?prompt\b|\bprompt[- ]agent'?s own\b|\bthe prompt agent'?s (?:system )?prompt\b|\byour own instructions\b/i;
/** A block whose content is only "and" is the format instruction itself ("between <x> and </x>"). */
const NOT_CONTENT = /^\s*(?:and|or)?\s*$/i;

function blocks(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

/** Reads the conventions every optimizer in this project follows (see docs/sim-world.md). */
export function parseAgentRequest(system: string, text: string): AgentRequest {
  const current = blocks(CURRENT, text).find((m) => !NOT_CONTENT.test(m[1] ?? ''));
  const candidates = blocks(CANDIDATE, text)
    .filter((m) => !NOT_CONTENT.test(m[2] ?? ''))
    .map((m) => ({ score: Number(SCORE_ATTR.exec(m[1] ?? '')?.[1] ?? 0) || 0, prompt: (m[2] ?? '').trim() }))
    .sort((a, b) => b.score - a.score);
  const stripped = text.replace(CURRENT, ' ').replace(CANDIDATE, ' ');
  const tags = blocks(BETWEEN_TAGS, `${text}\n${system}`)
    .map((m) => m[1] ?? '')
    .filter((t) => !CONTENT_TAGS.test(t));
  const outputTag = tags.find((t) => !CRITIQUE_TAGS.test(t));
  const critiqueTag = tags.find((t) => CRITIQUE_TAGS.test(t));
  const output: OutputFormat =
    outputTag !== undefined
      ? { kind: 'tag', tag: outputTag }
      : critiqueTag !== undefined
        ? { kind: 'critique', tag: critiqueTag }
        : FENCE.test(stripped) || FENCE.test(system)
          ? { kind: 'fence' }
          : { kind: 'plain' };
  return {
    system,
    text,
    currentPrompt: current?.[1]?.trim(),
    candidates,
    output,
    saysOwnPrompt: OWN_PROMPT.test(text),
    evidence: stripped.toLowerCase(),
  };
}
