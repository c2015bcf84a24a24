/**
 * The option letter a multiple-choice response commits to, or undefined. In order of trust:
 * 1. the last explicit answer statement: "Answer: B", "**Answer:** (B)", "The answer is B.", "the
 *    correct option is (C)", "Final answer: D" (a bare "option C" in a discussion is not one);
 * 2. the last \boxed{B};
 * 3. a last line that is only a letter, possibly formatted: "B", "(B)", "B)", "B.", "**B**";
 * 4. only then, the last letter mentioned as an option: "(B)", "B)", "**B**", or a standalone capital
 *    letter (the article "A" before a lowercase word excluded).
 */
export function extractChoiceLetter(response: string, letters = 'ABCD'): string | undefined {
  const set = `[${letters}${letters.toLowerCase()}]`;
  const valid = (raw: string | undefined, wrapped: boolean): string | undefined => {
    if (raw === undefined) return undefined;
    const upper = raw.toUpperCase();
    if (!letters.includes(upper)) return undefined;
    // A lowercase letter counts only when clearly marked, e.g. "(b)" or "**b**".
    return raw === upper || wrapped ? upper : undefined;
  };

  const explicit = new RegExp(
    `(?<!\\p{L})(?:final\\s+answer|answer|correct\\s+(?:option|choice|letter))[*_\\s]*(?:is|would\\s+be|:|=|-|—|–)?[*_\\s]*(?:option|choice|letter)?[*_\\s]*[:=]?([*_\\s([]{0,6})(${set})([)\\]]?)(?![\\p{L}\\p{N}])`,
    'giu',
  );
  let found: string | undefined;
  for (const m of response.matchAll(explicit)) {
    const wrapped = /[([*_]/u.test(m[1] ?? '') || /[)\]]/u.test(m[3] ?? '');
    found = valid(m[2], wrapped) ?? found;
  }
  if (found !== undefined) return found;

  const boxed = [
    ...response.matchAll(
      new RegExp(`\\\\boxed\\{\\s*(?:\\\\text\\{)?\\s*\\(?(${set})\\)?\\s*\\}?\\s*\\}`, 'gu'),
    ),
  ];
  const lastBoxed = boxed[boxed.length - 1];
  const boxedLetter = valid(lastBoxed?.[1], true);
  if (boxedLetter !== undefined) return boxedLetter;

  const lines = response
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const lastLine = lines[lines.length - 1] ?? '';
  const alone = new RegExp(`^[*_]{0,2}\\s*\\(?\\[?(${set})\\]?\\)?[.:]?\\s*[*_]{0,2}$`, 'u').exec(lastLine);
  const aloneLetter = valid(alone?.[1], lastLine.length > 1);
  if (aloneLetter !== undefined) return aloneLetter;

  let last: { index: number; letter: string } | undefined;
  const consider = (re: RegExp, wrapped: boolean): void => {
    for (const m of response.matchAll(re)) {
      const letter = valid(m[1], wrapped);
      const index = m.index ?? 0;
      if (letter !== undefined && (last === undefined || index > last.index)) last = { index, letter };
    }
  };
  consider(new RegExp(`\\((${set})\\)`, 'gu'), true);
  consider(new RegExp(`(?<![\\p{L}\\p{N}])(${set})\\)`, 'gu'), true);
  consider(new RegExp(`\\*\\*(${set})\\*\\*`, 'gu'), true);
  const standalone = (cls: string, tail: string): RegExp =>
    new RegExp(`(?<![\\p{L}\\p{N}'’-])([${cls}])(?![\\p{L}\\p{N}'’-])${tail}`, 'gu');
  const others = letters.replace('A', '');
  if (others !== '') consider(standalone(others, ''), false);
  // "A" before a lowercase word is the article, not an option.
  if (letters.includes('A')) consider(standalone('A', '(?!\\s+\\p{Ll})'), false);
  return last?.letter;
}
