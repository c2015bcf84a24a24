import type { Example } from '../spec/example.js';

/** The parts the simulated prompt agent writes a prompt from. */
export interface PromptDraft {
  readonly preamble: string;
  /** Canonical phrases of the chosen behaviours, in world order. */
  readonly phrases: readonly string[];
  /** Neutral sentences that only add length. */
  readonly fillers: readonly string[];
  /** Quoted examples with their answers (the memorisation trap). */
  readonly quotes: readonly string[];
}

const QUOTE_WORDS = 14;

/** One instruction a line; fillers as one paragraph; quoted examples last. */
export function renderPrompt(draft: PromptDraft): string {
  const lines = [draft.preamble, ...draft.phrases];
  if (draft.fillers.length > 0) lines.push(draft.fillers.join(' '));
  lines.push(...draft.quotes);
  return lines.filter((l) => l !== '').join('\n');
}

/** A quoted snippet of an example's question together with its answer, as a leaking agent writes it. */
export function quoteExample(example: Example): string {
  const words = example.input.trim().split(/\s+/);
  const snippet = words.slice(0, QUOTE_WORDS).join(' ');
  const more = words.length > QUOTE_WORDS ? ' ...' : '';
  return `For instance, "${snippet}${more}" has the answer ${example.answer}.`;
}
