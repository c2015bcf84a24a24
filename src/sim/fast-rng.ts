import type { Rng } from '../util/rng.js';
import { mix32 } from './text-match.js';

/**
 * A seeded Rng that is cheap to construct (one object, methods on the prototype), for the per-call
 * path where a fresh stream is needed for every call: `createRng` builds closures and costs
 * microseconds, this costs nanoseconds. mulberry32 core: fine statistical quality for simulation.
 */
export class FastRng implements Rng {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.state = mix32(seed >>> 0, 0x6d2b79f5);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  fork(label: string | number): Rng {
    let h = 0x811c9dc5;
    const s = String(label);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return new FastRng(mix32(Math.floor(this.next() * 4294967296), h >>> 0));
  }
}
