/**
 * The final answer of a free-text response: the last "Final answer:" / "Answer:" line, else the last
 * \boxed{...} (nested braces), else the last non-empty line. Returns undefined for an empty response.
 */
export function extractFinalAnswer(response: string): string | undefined {
  const lines = response.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match =
      /^\s*(?:\*\*)?(?:final answer|answer)(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*?)\s*(?:\*\*)?\s*$/i.exec(
        lines[i] ?? '',
      );
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  const boxed = lastBoxed(response);
  if (boxed !== undefined) return boxed;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (line !== '') return line;
  }
  return undefined;
}

/** Content of the last \boxed{...}, honouring nested braces. */
export function lastBoxed(text: string): string | undefined {
  const at = text.lastIndexOf('\\boxed{');
  if (at < 0) return undefined;
  let depth = 0;
  const start = at + '\\boxed{'.length;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    }
  }
  return undefined;
}
