/**
 * A fixed-capacity min-heap keeping the r best subsets (of a fixed size) seen so far, without
 * allocating per offer. Order: higher score is better; on equal scores the lexicographically smaller
 * subset is better, so results do not depend on the order of offers.
 */
export class TopSubsetHeap {
  private readonly scores: Float64Array;
  private readonly members: Int32Array;
  /** heap[i] = the slot held at heap position i. */
  private readonly heap: Int32Array;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`number of top subsets must be an integer >= 1, got ${capacity}`);
    }
    this.scores = new Float64Array(capacity);
    this.members = new Int32Array(capacity * width);
    this.heap = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** A score must exceed this to possibly enter (−Infinity until the heap is full). */
  threshold(): number {
    return this.count < this.capacity
      ? Number.NEGATIVE_INFINITY
      : (this.scores[this.heap[0] as number] as number);
  }

  /**
   * Offers the subset `prefix[0..width-2] ∪ {last}` (ascending) with `score`. NaN scores never enter.
   */
  offer(score: number, prefix: ArrayLike<number>, last: number): void {
    if (Number.isNaN(score)) return;
    const w = this.width;
    if (this.count < this.capacity) {
      const slot = this.count;
      this.write(slot, score, prefix, last);
      this.heap[this.count] = slot;
      this.count++;
      this.siftUp(this.count - 1);
      return;
    }
    const root = this.heap[0] as number;
    const rootScore = this.scores[root] as number;
    if (score < rootScore) return;
    if (score === rootScore) {
      // Enter only if lexicographically smaller than the root.
      let cmp = 0;
      for (let i = 0; i < w && cmp === 0; i++) {
        const v = i < w - 1 ? (prefix[i] as number) : last;
        cmp = v - (this.members[root * w + i] as number);
      }
      if (cmp >= 0) return;
    }
    this.write(root, score, prefix, last);
    this.siftDown(0);
  }

  /** The kept subsets, best first. */
  sorted(): { score: number; members: number[] }[] {
    const out: { score: number; members: number[] }[] = [];
    for (let s = 0; s < this.count; s++) {
      out.push({
        score: this.scores[s] as number,
        members: Array.from(this.members.subarray(s * this.width, (s + 1) * this.width)),
      });
    }
    out.sort((a, b) => b.score - a.score || lexCompare(a.members, b.members));
    return out;
  }

  private write(slot: number, score: number, prefix: ArrayLike<number>, last: number): void {
    const w = this.width;
    this.scores[slot] = score;
    for (let i = 0; i < w - 1; i++) this.members[slot * w + i] = prefix[i] as number;
    this.members[slot * w + w - 1] = last;
  }

  /** True when slot a is worse than slot b (lower score, or equal score and lexicographically later). */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    if (sa !== sb) return sa < sb;
    const w = this.width;
    for (let i = 0; i < w; i++) {
      const d = (this.members[a * w + i] as number) - (this.members[b * w + i] as number);
      if (d !== 0) return d > 0;
    }
    return false;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(h[i] as number, h[parent] as number)) break;
      const t = h[i] as number;
      h[i] = h[parent] as number;
      h[parent] = t;
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const n = this.count;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(h[l] as number, h[m] as number)) m = l;
      if (r < n && this.worse(h[r] as number, h[m] as number)) m = r;
      if (m === i) return;
      const t = h[i] as number;
      h[i] = h[m] as number;
      h[m] = t;
      i = m;
    }
  }
}

/** Lexicographic comparison of two index lists. */
export function lexCompare(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
