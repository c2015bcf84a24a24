import { readFileSync } from 'node:fs';
import { DataError } from '../errors.js';

/** Reads an agent.json written by `sepo pretrain` (or any {"prompt": "..."} file). */
export function readAgentFile(path: string): string {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataError(
      path,
      missing ? 'file not found (from --agent)' : `not valid JSON: ${(error as Error).message}`,
    );
  }
  const prompt = (data as { prompt?: unknown } | null)?.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw new DataError(path, 'expected a non-empty string', undefined, 'prompt');
  return prompt;
}
