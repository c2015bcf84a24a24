import type { Rng } from '../../util/rng.js';

/** Per validation example id: the ids of the programs with the best score on it (GEPA's Pareto front). */
export type ParetoFronts = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The per-example Pareto fronts of programs given their per-example validation scores. A program is on
 * an example's front when no program scores higher on it (ties share the front).
 */
export function paretoFronts(scores: ReadonlyMap<string, Readonly<Record<string, number>>>): ParetoFronts {
  const best = new Map<string, number>();
  for (const perExample of scores.values()) {
    for (const [example, score] of Object.entries(perExample)) {
      const b = best.get(example);
      if (b === undefined || score > b) best.set(example, score);
    }
  }
  const fronts = new Map<string, Set<string>>();
  for (const [program, perExample] of scores) {
    for (const [example, score] of Object.entries(perExample)) {
      if (score !== best.get(example)) continue;
      let front = fronts.get(example);
      if (front === undefined) {
        front = new Set();
        fronts.set(example, front);
      }
      front.add(program);
    }
  }
  return fronts;
}

/** True when every front holding `program` also holds one of `others` (GEPA's is_dominated). */
function isDominated(program: string, others: ReadonlySet<string>, fronts: ParetoFronts): boolean {
  for (const front of fronts.values()) {
    if (!front.has(program)) continue;
    let covered = false;
    for (const p of front) {
      if (p !== program && others.has(p)) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
  return true;
}

/**
 * GEPA's remove_dominated_programs: programs are visited from the lowest aggregate score up, and one
 * whose every front is also held by a remaining program is removed; repeated until none is. Returns
 * the fronts restricted to the surviving (non-dominated) programs.
 */
export function removeDominated(fronts: ParetoFronts, aggregate: ReadonlyMap<string, number>): ParetoFronts {
  const programs: string[] = [];
  for (const front of fronts.values()) for (const p of front) if (!programs.includes(p)) programs.push(p);
  programs.sort((a, b) => (aggregate.get(a) ?? 0) - (aggregate.get(b) ?? 0));
  const dominated = new Set<string>();
  for (let found = true; found; ) {
    found = false;
    for (const p of programs) {
      if (dominated.has(p)) continue;
      const others = new Set(programs.filter((q) => q !== p && !dominated.has(q)));
      if (isDominated(p, others, fronts)) {
        dominated.add(p);
        found = true;
        break;
      }
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [example, front] of fronts)
    out.set(example, new Set([...front].filter((p) => !dominated.has(p))));
  return out;
}

/** The non-dominated programs (GEPA's find_dominator_programs), in first-appearance order. */
export function dominatorPrograms(fronts: ParetoFronts, aggregate: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const front of removeDominated(fronts, aggregate).values())
    for (const p of front) if (!out.includes(p)) out.push(p);
  return out;
}

/**
 * GEPA's Pareto candidate selection: after removing dominated programs, sample a program with
 * probability proportional to the number of validation examples on whose front it is. With no front
 * at all, the program with the best aggregate score.
 */
export function selectFromPareto(
  fronts: ParetoFronts,
  aggregate: ReadonlyMap<string, number>,
  rng: Rng,
): string | undefined {
  const frequency = new Map<string, number>();
  for (const front of removeDominated(fronts, aggregate).values())
    for (const p of front) frequency.set(p, (frequency.get(p) ?? 0) + 1);
  const total = [...frequency.values()].reduce((a, b) => a + b, 0);
  if (total === 0) {
    let best: string | undefined;
    for (const [p, s] of aggregate) if (best === undefined || s > (aggregate.get(best) ?? 0)) best = p;
    return best;
  }
  let r = rng.int(total);
  for (const [p, f] of frequency) {
    r -= f;
    if (r < 0) return p;
  }
  return [...frequency.keys()].pop();
}
