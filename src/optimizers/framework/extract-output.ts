/**
 * Pulls the proposed prompt out of a prompt agent's reply: the last <tag>...</tag>, else the last
 * fenced code block, else undefined (a failed proposal, never a crash). The text outside is the rationale.
 */
export function extractTagged(
  reply: string,
  tag: string,
): { content: string; rationale: string } | undefined {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const end = reply.lastIndexOf(close);
  if (end >= 0) {
    const start = reply.lastIndexOf(open, end);
    if (start >= 0) {
      const content = reply.slice(start + open.length, end).trim();
      if (content !== '')
        return { content, rationale: (reply.slice(0, start) + reply.slice(end + close.length)).trim() };
    }
  }
  const fences = [...reply.matchAll(/```[\w-]*\n([\s\S]*?)```/g)];
  const last = fences[fences.length - 1];
  if (last?.[1] !== undefined && last[1].trim() !== '') {
    return { content: last[1].trim(), rationale: reply.replace(last[0], '').trim() };
  }
  return undefined;
}

/**
 * GEPA's reading of a reflection reply (gepa's InstructionProposalSignature.output_extractor): the text
 * from the FIRST ``` to the LAST ``` (so an instruction that itself contains a fenced code example is
 * kept whole), minus a language tag on the opening line; with one fence only, the text after an opening
 * fence or before a closing one; with none, the whole reply. The rationale is what lies outside.
 */
export function extractFencedSpan(reply: string): { content: string; rationale: string } | undefined {
  const first = reply.indexOf('```');
  const last = reply.lastIndexOf('```');
  let content: string;
  let rationale = '';
  if (first >= 0 && first + 3 < last) {
    content = reply.slice(first + 3, last).replace(/^\S*\n/, '');
    rationale = `${reply.slice(0, first)}${reply.slice(last + 3)}`.trim();
  } else {
    const stripped = reply.trim();
    if (stripped.startsWith('```')) content = stripped.replace(/^```\S*\n?/, '');
    else if (stripped.endsWith('```')) content = stripped.slice(0, -3);
    else content = stripped;
  }
  content = content.trim();
  return content === '' ? undefined : { content, rationale };
}

/** The reply reader GEPA's reflection and merge calls use (see `extractFencedSpan`). */
export const FENCED_SPAN_REPLY = {
  name: 'instruction between ``` fences',
  extract: extractFencedSpan,
} as const;
