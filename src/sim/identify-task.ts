import type { SimWorld } from './sim-world.js';
import { normalizeWords } from './text-match.js';
import type { WorldTask } from './world-task.js';

/**
 * The world task a prompt-writing request is about: examples of it quoted in the request count most,
 * then its description written out, then its keywords (id, domain, generator and `keywords` words).
 * Ties and no evidence fall back to the world's default task.
 */
export function identifyTask(world: SimWorld, text: string): WorldTask {
  if (world.tasks.length === 1) return world.defaultTask;
  const lower = text.toLowerCase();
  const words = new Set(normalizeWords(text));
  const quoted = new Map<WorldTask, number>();
  for (const ex of world.index.quoted(text)) quoted.set(ex.task, (quoted.get(ex.task) ?? 0) + 1);
  const score = (t: WorldTask): number => {
    let s = 5 * (quoted.get(t) ?? 0);
    if (lower.includes(t.description.toLowerCase())) s += 10;
    for (const k of t.keywords) if (k.includes(' ') ? lower.includes(k) : words.has(k)) s += 1;
    return s;
  };
  let best = world.defaultTask;
  let bestScore = score(best);
  for (const t of world.tasks) {
    const s = score(t);
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}
