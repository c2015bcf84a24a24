import { DataError } from '../errors.js';

/**
 * Parses a file of system prompts (`--candidates`): JSONL with a string "prompt" field on every
 * non-blank line (recognised by a first non-blank line starting with "{"), or plain text with prompts
 * separated by lines containing only `---`. Blank prompts between separators are skipped. Errors name
 * the file and the 1-based line.
 */
export function parseCandidatesText(text: string, file: string): string[] {
  const lines = text.split(/\r?\n/);
  const firstContent = lines.find((l) => l.trim() !== '');
  if (firstContent === undefined) throw new DataError(file, 'no system prompts in the file');
  const prompts = firstContent.trimStart().startsWith('{') ? parseJsonl(lines, file) : parseSeparated(lines);
  if (prompts.length === 0) throw new DataError(file, 'no system prompts in the file');
  return prompts;
}

function parseJsonl(lines: readonly string[], file: string): string[] {
  const prompts: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new DataError(file, `not valid JSON: ${(error as Error).message}`, i + 1);
    }
    const prompt =
      typeof row === 'object' && row !== null ? (row as Record<string, unknown>).prompt : undefined;
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      throw new DataError(file, 'expected a non-empty string', i + 1, 'prompt');
    }
    prompts.push(prompt.trim());
  });
  return prompts;
}

function parseSeparated(lines: readonly string[]): string[] {
  const prompts: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const prompt = current.join('\n').trim();
    if (prompt !== '') prompts.push(prompt);
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === '---') flush();
    else current.push(line);
  }
  flush();
  return prompts;
}
