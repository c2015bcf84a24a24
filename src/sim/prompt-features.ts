import type { CompiledBehaviour } from './compiled-behaviour.js';
import type { ExampleIndex } from './example-index.js';
import { fnv1a, simTokens } from './text-match.js';
import type { SimExample, WorldTask } from './world-task.js';

/** What the sim reads from a system prompt: computed once per distinct prompt text and memoised. */
export interface PromptFeatures {
  readonly text: string;
  readonly hash: number;
  readonly tokens: number;
  /** Indices of the behaviours present, ascending. */
  readonly active: readonly number[];
  /** 1 at the index of each behaviour present. */
  readonly present: Uint8Array;
  /** Examples the prompt quotes together with their answer (the memorisation trap). */
  readonly leaked: ReadonlySet<SimExample>;
  /** Number of leaked examples per task, for the "slightly lower elsewhere" penalty. */
  readonly leakedPerTask: ReadonlyMap<WorldTask, number>;
}

const NO_LEAKS: ReadonlySet<SimExample> = new Set();
const NO_COUNTS: ReadonlyMap<WorldTask, number> = new Map();

/** Detects behaviours (one combined regex each) and quoted examples whose answer also appears. */
export function computeFeatures(
  text: string,
  behaviours: readonly CompiledBehaviour[],
  index: ExampleIndex,
): PromptFeatures {
  const present = new Uint8Array(behaviours.length);
  const active: number[] = [];
  for (const b of behaviours) {
    if (b.matcher.test(text)) {
      present[b.index] = 1;
      active.push(b.index);
    }
  }
  let leaked = NO_LEAKS;
  let leakedPerTask = NO_COUNTS;
  const quoted = index.quotedWithAnswer(text);
  if (quoted.length > 0) {
    const set = new Set<SimExample>();
    const counts = new Map<WorldTask, number>();
    for (const ex of quoted) {
      set.add(ex);
      counts.set(ex.task, (counts.get(ex.task) ?? 0) + 1);
    }
    if (set.size > 0) {
      leaked = set;
      leakedPerTask = counts;
    }
  }
  return { text, hash: fnv1a(text), tokens: simTokens(text), active, present, leaked, leakedPerTask };
}
