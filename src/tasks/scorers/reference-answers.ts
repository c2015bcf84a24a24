/**
 * The acceptable answers of an example: its reference, or each string when the reference is a JSON
 * array of strings (`["Paris", "paris, france"]`).
 */
export function referenceAnswers(answer: string): string[] {
  const trimmed = answer.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((a) => typeof a === 'string')) {
        return parsed as string[];
      }
    } catch {
      // Not JSON: the reference is the literal text.
    }
  }
  return [answer];
}

/** SQuAD-style normalization: lower case, no punctuation, no articles, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(?:a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function quoteList(answers: readonly string[]): string {
  return answers.map((a) => `"${a}"`).join(' or ');
}
