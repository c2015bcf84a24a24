/** How the requester wants the answer written. */
export type OutputFormat =
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'critique'; readonly tag: string }
  | { readonly kind: 'fence' }
  /** DSPy's chat adapter: `[[ ## field ## ]]` then the value, then `[[ ## completed ## ]]`. */
  | { readonly kind: 'dspy-field'; readonly field: string }
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
  /**
   * The prompt to edit, if any: sepo's `<current_prompt>`, TextGrad's `<VARIABLE>`, GEPA's fenced
   * "I provided an assistant with the following instructions" block, or a DSPy instruction field.
   */
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

/*
 * The request formats of the reference implementations (each read from the reference's own code):
 * - TextGrad (zou-group/textgrad, optimizer_prompts.py): the variable in `<VARIABLE> … </VARIABLE>`, the
 *   answer asked "between <IMPROVED_VARIABLE> {improved variable} </IMPROVED_VARIABLE> tags".
 * - GEPA (gepa-ai/gepa, InstructionProposalSignature; also DSPy's GEPA): "I provided an assistant with
 *   the following instructions …:" then the instruction in a ``` block; the answer "within ``` blocks".
 * - OPRO (google-deepmind/opro): past instructions as "text:\n<instruction>\nscore:\n<0-100>", the
 *   answer to "begin with <INS> and end with </INS>".
 * - DSPy signatures (chat adapter): inputs as `[[ ## name ## ]]` sections, the output fields listed
 *   under "Your output fields are:"; an input field named like `*instruction*` holds the current one.
 */
const TEXTGRAD_VARIABLE = /<VARIABLE>([\s\S]*?)<\/VARIABLE>/i;
const FENCED_INSTRUCTION =
  /(?:following|current|existing|original)\s+(?:instructions?|(?:system\s+)?prompt)[^\n`]*:?\s*\n```[^\n]*\n([\s\S]*?)\n?```/i;
const PLACEHOLDER_TAG = /<([A-Za-z_][\w.-]*)>\s*\{+[^}]*\}+\s*<\/\1>/g;
const BEGIN_END_TAG = /begin\s+with\s+<([A-Za-z_][\w.-]*)>\s+and\s+end\s+with\s+<\/\1>/gi;
const OPRO_ENTRY = /(?:^|\n)\s*text:\s*\n([\s\S]*?)\n\s*score:\s*\n?\s*(-?[\d.]+)/gi;
const DSPY_FIELD = /\[\[ ## ([\w.-]+) ## \]\]\s*\n([\s\S]*?)(?=\n?\[\[ ## |$)/g;
const DSPY_OUTPUTS = /Your output fields are:\s*\n([\s\S]*?)(?:\n\s*\n|All interactions)/i;
const DSPY_INSTRUCTION_FIELD = /instruction|prompt/i;

/** DSPy's first output field (e.g. `proposed_instruction`), when the system message declares them. */
function dspyOutputField(system: string, text: string): string | undefined {
  const declared = DSPY_OUTPUTS.exec(`${system}\n${text}`)?.[1];
  if (declared === undefined) return undefined;
  return /`([\w.-]+)`/.exec(declared)?.[1];
}

/** The current instruction in a DSPy request: an input field named like an instruction or prompt. */
function dspyInstruction(text: string, output: string | undefined): string | undefined {
  for (const m of blocks(DSPY_FIELD, text)) {
    const name = m[1] ?? '';
    const value = (m[2] ?? '').trim();
    if (name === output || name === 'completed' || value === '' || value.startsWith('{')) continue;
    if (DSPY_INSTRUCTION_FIELD.test(name)) return value;
  }
  return undefined;
}

/** The instruction to edit in one of the reference formats, when sepo's own tag is absent. */
function referenceCurrentPrompt(text: string, dspyOutput: string | undefined): string | undefined {
  const variable = TEXTGRAD_VARIABLE.exec(text)?.[1]?.trim();
  if (variable !== undefined && variable !== '' && !/^\{.*\}$/.test(variable)) return variable;
  const fenced = FENCED_INSTRUCTION.exec(text)?.[1]?.trim();
  if (fenced !== undefined && fenced !== '' && !/^<\w+>$/.test(fenced)) return fenced;
  return dspyInstruction(text, dspyOutput);
}

/** OPRO's history ("text:" then "score:" with 0–100 scores) as scored candidates in [0, 1]. */
function oproHistory(text: string): ShownCandidate[] {
  return blocks(OPRO_ENTRY, text)
    .map((m) => ({ score: (Number(m[2]) || 0) / 100, prompt: (m[1] ?? '').trim() }))
    .filter((c) => c.prompt !== '');
}

function blocks(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

/** Reads the conventions every optimizer in this project follows (see docs/sim-world.md). */
export function parseAgentRequest(system: string, text: string): AgentRequest {
  const current = blocks(CURRENT, text).find((m) => !NOT_CONTENT.test(m[1] ?? ''));
  const dspyOutput = dspyOutputField(system, text);
  const tagged = blocks(CANDIDATE, text)
    .filter((m) => !NOT_CONTENT.test(m[2] ?? ''))
    .map((m) => ({ score: Number(SCORE_ATTR.exec(m[1] ?? '')?.[1] ?? 0) || 0, prompt: (m[2] ?? '').trim() }));
  const candidates = (tagged.length > 0 ? tagged : oproHistory(text)).sort((a, b) => b.score - a.score);
  const currentPrompt = current?.[1]?.trim() ?? referenceCurrentPrompt(text, dspyOutput);
  // Evidence (feedback, symptoms) is read outside the prompts shown: the prompt being edited and the
  // scored history are what the agent edits, not advice to it.
  let stripped = text.replace(CURRENT, ' ').replace(CANDIDATE, ' ').replace(TEXTGRAD_VARIABLE, ' ');
  if (tagged.length === 0) stripped = stripped.replace(OPRO_ENTRY, ' ');
  if (currentPrompt !== undefined && current === undefined)
    stripped = stripped.split(currentPrompt).join(' ');
  const both = `${text}\n${system}`;
  const tags = [
    ...blocks(BETWEEN_TAGS, both),
    ...blocks(BEGIN_END_TAG, both),
    ...blocks(PLACEHOLDER_TAG, both),
  ]
    .map((m) => m[1] ?? '')
    .filter((t) => !CONTENT_TAGS.test(t) && t.toUpperCase() !== 'VARIABLE');
  const outputTag = tags.find((t) => !CRITIQUE_TAGS.test(t));
  const critiqueTag = tags.find((t) => CRITIQUE_TAGS.test(t));
  const output: OutputFormat =
    outputTag !== undefined
      ? { kind: 'tag', tag: outputTag }
      : critiqueTag !== undefined
        ? { kind: 'critique', tag: critiqueTag }
        : dspyOutput !== undefined
          ? { kind: 'dspy-field', field: dspyOutput }
          : FENCE.test(stripped) || FENCE.test(system)
            ? { kind: 'fence' }
            : { kind: 'plain' };
  return {
    system,
    text,
    currentPrompt,
    candidates,
    output,
    saysOwnPrompt: OWN_PROMPT.test(text),
    evidence: stripped.toLowerCase(),
  };
}
