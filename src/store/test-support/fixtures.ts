import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredCompletion } from '../../engine/ports.js';
import type { ScoredRollout } from '../../spec/rollout.js';

/** A fresh directory under the OS temp dir, and a function removing it. */
export function tempDir(): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sepo-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The i-th rollout of a deterministic stream: candidate c<i % 3>, example e<i>, sample 0. */
export function makeRollout(i: number, overrides: Partial<ScoredRollout> = {}): ScoredRollout {
  return {
    candidateId: `c${i % 3}`,
    exampleId: `e${i}`,
    sample: 0,
    response: `response ${i}`,
    score: (i % 10) / 10,
    feedback: `feedback ${i}`,
    usage: { inputTokens: 100 + i, outputTokens: 20 },
    latencyMs: 12.5,
    source: 'call',
    ...overrides,
  };
}

export function rolloutMeta(i: number): { readonly systemPromptHash: string; readonly callKey: string } {
  return { systemPromptHash: `h${i % 3}`, callKey: `k${i}` };
}

export function makeCompletion(i: number): StoredCompletion {
  return { text: `completion ${i}`, usage: { inputTokens: i, outputTokens: 2 * i } };
}
