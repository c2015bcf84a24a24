import type { TaskInfo } from '../../spec/task.js';

/** How related two tasks are, in [0, 1]. Pluggable; the default reads task metadata. */
export type Relevance = (a: TaskInfo, b: TaskInfo) => number;

/** Default relevance: same kind counts half, same domain half. */
export const metadataRelevance: Relevance = (a, b) =>
  (a.kind === b.kind ? 0.5 : 0) + (a.domain === b.domain ? 0.5 : 0);

export interface PoolSelectionOptions {
  readonly mode: 'generalist' | 'specialist';
  /** Tasks in a generalist pool (default 4). */
  readonly size?: number;
  /** Smoothing added to both factors of the greedy score (default 0.1): > 0 keeps unrelated-but-new tasks in play. */
  readonly smoothing?: number;
  readonly relevance?: Relevance;
}

/**
 * Chooses pre-training tasks for a target (docs/architecture.md, Stage 1). Never the target itself.
 * Specialist: the one most relevant task. Generalist: greedy; each step adds the task maximising
 * (s + relevance to the target) * (s + novelty), novelty = 1 - max relevance to the tasks already chosen:
 * a product, so a task must be both related and new to score well (a sum lets a duplicate of the first
 * pick tie with a related-but-different task). Ties keep the candidates' order.
 */
export function selectPool<T extends TaskInfo>(
  target: TaskInfo,
  candidates: readonly T[],
  options: PoolSelectionOptions,
): T[] {
  const relevance = options.relevance ?? metadataRelevance;
  const available = candidates.filter((t) => t.id !== target.id);
  if (available.length === 0) return [];
  if (options.mode === 'specialist') {
    let best = available[0] as T;
    for (const t of available) if (relevance(target, t) > relevance(target, best)) best = t;
    return [best];
  }
  const s = options.smoothing ?? 0.1;
  const size = Math.min(options.size ?? 4, available.length);
  const chosen: T[] = [];
  while (chosen.length < size) {
    let bestTask: T | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const t of available) {
      if (chosen.includes(t)) continue;
      const redundancy = chosen.length === 0 ? 0 : Math.max(...chosen.map((c) => relevance(c, t)));
      const score = (s + relevance(target, t)) * (s + 1 - redundancy);
      if (score > bestScore) {
        bestScore = score;
        bestTask = t;
      }
    }
    if (bestTask === undefined) break;
    chosen.push(bestTask);
  }
  return chosen;
}
