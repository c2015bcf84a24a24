/**
 * Python's `json.loads` acceptance: standard JSON plus the constants `NaN`, `Infinity` and `-Infinity`
 * outside strings. Returns whether the text parses, with the parser's message when it does not.
 */
export function parsePythonJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    if (!/NaN|Infinity/u.test(text)) return { ok: false, error: message };
    try {
      return { ok: true, value: JSON.parse(replaceConstants(text)) };
    } catch {
      return { ok: false, error: message };
    }
  }
}

/** Replaces NaN / Infinity / -Infinity outside string literals with 0. */
function replaceConstants(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text.charAt(i + 1);
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const rest = text.slice(i);
    const constant = /^(?:-?Infinity|NaN)/u.exec(rest);
    if (constant) {
      out += '0';
      i += constant[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}
