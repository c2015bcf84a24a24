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
