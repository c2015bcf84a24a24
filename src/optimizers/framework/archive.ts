import type { Candidate, CandidateStatus } from './candidate.js';

/**
 * The archive of an open-ended search: every candidate ever proposed, admitted or not, with lineage.
 * Parent selection only sees admitted candidates (and the seed).
 */
export class Archive {
  private readonly byId = new Map<string, Candidate>();
  private readonly order: Candidate[] = [];

  add(candidate: Candidate): void {
    if (this.byId.has(candidate.id)) throw new Error(`duplicate candidate id ${candidate.id}`);
    this.byId.set(candidate.id, candidate);
    this.order.push(candidate);
  }

  get(id: string): Candidate | undefined {
    return this.byId.get(id);
  }

  all(): readonly Candidate[] {
    return this.order;
  }

  /** The seed and admitted candidates, in insertion order: the pool parents are drawn from. */
  members(): Candidate[] {
    return this.order.filter((c) => c.status !== 'rejected');
  }

  setStatus(id: string, status: CandidateStatus): void {
    const c = this.byId.get(id);
    if (c !== undefined) c.status = status;
  }

  /**
   * The member with the highest mean on `split` (ties: the earlier one). Means are comparable only
   * when every member was scored on the same examples of `split`: pass a selection split (the
   * validation examples, or a held-back set scored in full when a member joins), not "train", whose
   * means are over whichever minibatches each member happened to run on.
   */
  best(split: string): Candidate | undefined {
    let best: Candidate | undefined;
    for (const c of this.members()) {
      const s = c.scores[split];
      if (s === undefined) continue;
      const b = best?.scores[split];
      if (b === undefined || s.mean > b.mean) best = c;
    }
    return best;
  }

  /** The top `k` members by `split` score, best first (the same caveat as `best`). */
  top(split: string, k: number): Candidate[] {
    return this.members()
      .filter((c) => c.scores[split] !== undefined)
      .sort((a, b) => (b.scores[split]?.mean ?? 0) - (a.scores[split]?.mean ?? 0))
      .slice(0, k);
  }
}
