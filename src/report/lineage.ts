import type { CandidateRecord } from '../store/records.js';
import { str } from './json-value.js';
import type { Lineage, LineageNode } from './report-model.js';
import { wordDiff } from './word-diff.js';

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}

/** The score a node shows: validation, else train, else the first finite score it has. */
export function displayScore(c: CandidateRecord): number | undefined {
  const val = finite(c.scores.val?.mean);
  if (val !== undefined) return val;
  const train = finite(c.scores.train?.mean);
  if (train !== undefined) return train;
  for (const s of Object.values(c.scores)) {
    const x = finite(s.mean);
    if (x !== undefined) return x;
  }
  return undefined;
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
