/** One run of a word diff: text kept, added (only in the new text) or removed (only in the old text). */
export interface DiffPart {
  readonly op: 'same' | 'add' | 'del';
  readonly text: string;
}

interface Token {
  /** The word compared. */
  readonly word: string;
  /** The word with the whitespace that follows it (what is displayed). */
  readonly text: string;
}

/** Above this many DP cells (after trimming the common prefix and suffix) the middle is replaced whole. */
export const MAX_DIFF_CELLS = 4_000_000;

function tokenize(text: string): { leading: string; tokens: Token[] } {
  const leading = /^\s*/.exec(text)?.[0] ?? '';
  const tokens: Token[] = [];
  for (const match of text.slice(leading.length).matchAll(/(\S+)(\s*)/g)) {
    tokens.push({ word: match[1] ?? '', text: match[0] });
  }
  return { leading, tokens };
}

/**
 * Appends a run, merging with the previous one of the same kind. Where two runs would touch without
 * whitespace (after the last word of a text), a space goes into the removed run, so displayed words
 * never fuse and the new text (kept + added) stays exact.
 */
function push(parts: DiffPart[], op: DiffPart['op'], text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last !== undefined && last.op === op) {
    parts[parts.length - 1] = { op, text: last.text + text };
    return;
  }
  if (last !== undefined && /\S$/.test(last.text) && /^\S/.test(text)) {
    if (op === 'del') text = ` ${text}`;
    else if (last.op === 'del') parts[parts.length - 1] = { op: 'del', text: `${last.text} ` };
  }
  parts.push({ op, text });
}

/**
 * Word-level diff of `before` → `after` by longest common subsequence of words (whitespace is carried
 * with the preceding word and not compared). Concatenating the `same` and `add` parts gives `after`
 * up to whitespace; `same` and `del` give `before` likewise. Adjacent parts of one kind are merged.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const parts: DiffPart[] = [];
  push(parts, 'same', b.leading);
  const n = a.tokens.length;
  const m = b.tokens.length;
  let start = 0;
  while (start < n && start < m && a.tokens[start]?.word === b.tokens[start]?.word) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a.tokens[endA - 1]?.word === b.tokens[endB - 1]?.word) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) push(parts, 'same', b.tokens[i]?.text ?? '');
  const midA = a.tokens.slice(start, endA);
  const midB = b.tokens.slice(start, endB);
  for (const part of diffMiddle(midA, midB)) push(parts, part.op, part.text);
  for (let j = endB; j < m; j++) push(parts, 'same', b.tokens[j]?.text ?? '');
  return parts;
}

function diffMiddle(a: readonly Token[], b: readonly Token[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const out: DiffPart[] = [];
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) {
    for (const t of a) push(out, 'del', t.text);
    for (const t of b) push(out, 'add', t.text);
    return out;
  }
  // lcs[i][j] = LCS length of a[i..] and b[j..], stored row-major in one typed array.
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i]?.word === b[j]?.word
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ta = a[i];
    const tb = b[j];
    if (ta === undefined || tb === undefined) break;
    if (ta.word === tb.word) {
      push(out, 'same', tb.text);
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      push(out, 'del', ta.text);
      i++;
    } else {
      push(out, 'add', tb.text);
      j++;
    }
  }
  for (; i < n; i++) push(out, 'del', a[i]?.text ?? '');
  for (; j < m; j++) push(out, 'add', b[j]?.text ?? '');
  return out;
}

/** Words added and removed by a diff. */
export function diffStats(parts: readonly DiffPart[]): { readonly added: number; readonly removed: number } {
  let added = 0;
  let removed = 0;
  for (const part of parts) {
    const words = part.text.split(/\s+/).filter((w) => w !== '').length;
    if (part.op === 'add') added += words;
    else if (part.op === 'del') removed += words;
  }
  return { added, removed };
}
