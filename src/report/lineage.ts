import type { CandidateRecord } from '../store/records.js';
import { str } from './json-value.js';
import type { Lineage, LineageNode } from './report-model.js';
import { wordDiff } from './word-diff.js';

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}

/** The score a node shows: validation, else train, else test (other labels are not on a 0–1 scale). */
export function displayScore(c: CandidateRecord): number | undefined {
  return finite(c.scores.val?.mean) ?? finite(c.scores.train?.mean) ?? finite(c.scores.test?.mean);
}

/**
 * The archive as a forest: each candidate with its parent (when the parent is in the archive), its
 * scores, rationale and a word diff of its prompt against the parent's.
 */
export function buildLineage(
  candidates: readonly CandidateRecord[],
  bestIds: ReadonlySet<string>,
  groupOf: (id: string) => string = () => '',
): Lineage | undefined {
  if (candidates.length === 0) return undefined;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const children = new Map<string, number>();
  for (const c of candidates) {
    if (c.parentId !== undefined && byId.has(c.parentId)) {
      children.set(c.parentId, (children.get(c.parentId) ?? 0) + 1);
    }
  }
  const nodes = candidates.map((c): LineageNode => {
    const parent = c.parentId === undefined ? undefined : byId.get(c.parentId);
    return {
      id: c.id,
      parentId: parent?.id,
      generation: c.generation,
      level: c.level,
      status: c.status,
      group: groupOf(c.id),
      train: finite(c.scores.train?.mean),
      val: finite(c.scores.val?.mean),
      score: displayScore(c),
      isBest: bestIds.has(c.id),
      prompt: c.prompt,
      rationale: str(c.meta?.rationale),
      children: children.get(c.id) ?? 0,
      diff: parent === undefined ? undefined : wordDiff(parent.prompt, c.prompt),
    };
  });
  const [first] = bestIds;
  return { nodes, bestId: first };
}
