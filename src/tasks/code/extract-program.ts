const FENCE = /```[ \t]*([\w+#.-]*)[^\n]*\n([\s\S]*?)```/g;
const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'py3']);

/**
 * The program in a model response: the last ```python (or ```py) fenced block; else the last
 * unlabelled fenced block; else an unterminated trailing ```python block (a cut-off response); else
 * MBPP's [BEGIN] ... [DONE] delimiters; else the whole response when it looks like code. Undefined
 * when none applies.
 */
export function extractProgram(response: string): string | undefined {
  const blocks = [...response.matchAll(FENCE)].map((m) => ({
    lang: (m[1] ?? '').toLowerCase(),
    body: m[2] ?? '',
    end: (m.index ?? 0) + m[0].length,
  }));
  const python = blocks.filter((b) => PYTHON_LANGS.has(b.lang)).at(-1);
  if (python !== undefined && python.body.trim() !== '') return python.body;
  const plain = blocks.filter((b) => b.lang === '').at(-1);
  if (plain !== undefined && plain.body.trim() !== '' && looksLikeCode(plain.body)) return plain.body;
  const rest = response.slice(blocks.at(-1)?.end ?? 0);
  const open = /```[ \t]*(?:python3?|py3?)[^\n]*\n([\s\S]*)$/i.exec(rest);
  if (open?.[1] !== undefined && open[1].trim() !== '') return open[1];
  const delimited = /\[BEGIN\]([\s\S]*?)(?:\[DONE\]|$)/.exec(response);
  if (delimited?.[1] !== undefined && delimited[1].trim() !== '') return delimited[1].trim();
  if (blocks.length === 0 && looksLikeCode(response)) return response.trim();
  return undefined;
}

/** A Python-looking text: it starts like code and defines or imports something. */
export function looksLikeCode(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const startsLikeCode = /^\s*(?:def |class |import |from \S+ import |@|#|[A-Za-z_][\w.]*\s*=)/.test(first);
  return startsLikeCode && /^\s*(?:def|class)\s+\w+|^\s*(?:import|from)\s+\w+/m.test(text);
}
