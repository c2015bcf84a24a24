import type { Rng } from '../util/rng.js';

/** What the prompt agent starts from when it edits (indices into the behaviour or meta-behaviour list). */
export interface EditPlan {
  /** Atoms of the prompt being edited (or of the best shown candidate). */
  readonly start: readonly number[];
  /** Atoms of a second candidate to merge in (OPRO history, GEPA merge); may be empty. */
  readonly merge: readonly number[];
  /** Atoms the failure symptoms point to, most frequent first. */
  readonly symptoms: readonly number[];
  /** Atoms a critique in the request names by their canonical phrase. */
  readonly advice: readonly number[];
}

export interface EditRates {
  readonly keepRate: number;
  readonly diagnosisAccuracy: number;
  readonly explorationRate: number;
  readonly adviceRate: number;
  readonly maxDiagnoses: number;
}

/** Independent streams per decision, so that changing one rate does not reshuffle the other decisions. */
export interface EditStreams {
  readonly keep: Rng;
  readonly merge: Rng;
  readonly diagnose: Rng;
  readonly advice: Rng;
  readonly explore: Rng;
}

export interface EditResult {
  /** Atoms of the new prompt, ascending. */
  readonly chosen: readonly number[];
  readonly kept: readonly number[];
  readonly dropped: readonly number[];
  readonly merged: readonly number[];
  readonly diagnosed: readonly number[];
  readonly misdiagnosed: readonly number[];
  readonly advised: readonly number[];
  readonly ignoredAdvice: readonly number[];
  readonly explored: readonly number[];
}

/** A uniformly random atom of [0, n) not in `taken` and not `avoid`, from u in [0, 1); -1 if none. */
function pickOther(n: number, taken: ReadonlySet<number>, u: number, avoid = -1): number {
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (!taken.has(i) && i !== avoid) free.push(i);
  return free.length === 0 ? -1 : (free[Math.floor(u * free.length)] ?? -1);
}

/**
 * The prompt agent's edit: keep each present atom at keepRate; merge a second candidate's atoms at
 * keepRate; for each of the most frequent symptoms (up to maxDiagnoses) whose atom is missing, add it
 * at diagnosisAccuracy, else add a wrong atom; apply each critique's advice at adviceRate; explore one
 * random atom at explorationRate. Every decision draws its uniforms whatever the rates, so two agents
 * given the same streams differ only where their rates differ (common random numbers).
 */
export function proposeEdit(
  atomCount: number,
  plan: EditPlan,
  rates: EditRates,
  streams: EditStreams,
): EditResult {
  const chosen = new Set<number>();
  const kept: number[] = [];
  const dropped: number[] = [];
  for (const i of plan.start) {
    if (streams.keep.next() < rates.keepRate) {
      chosen.add(i);
      kept.push(i);
    } else dropped.push(i);
  }
  const merged: number[] = [];
  for (const i of plan.merge) {
    const u = streams.merge.next();
    if (chosen.has(i) || plan.start.includes(i)) continue;
    if (u < rates.keepRate) {
      chosen.add(i);
      merged.push(i);
    }
  }
  const diagnosed: number[] = [];
  const misdiagnosed: number[] = [];
  let addressed = 0;
  for (const target of plan.symptoms) {
    if (addressed >= rates.maxDiagnoses) break;
    if (chosen.has(target)) continue;
    addressed++;
    const u = streams.diagnose.next();
    const w = streams.diagnose.next();
    if (u < rates.diagnosisAccuracy) {
      chosen.add(target);
      diagnosed.push(target);
    } else {
      const wrong = pickOther(atomCount, chosen, w, target);
      if (wrong >= 0) {
        chosen.add(wrong);
        misdiagnosed.push(wrong);
      }
    }
  }
  const advised: number[] = [];
  const ignoredAdvice: number[] = [];
  for (const i of plan.advice) {
    const u = streams.advice.next();
    if (chosen.has(i)) continue;
    if (u < rates.adviceRate) {
      chosen.add(i);
      advised.push(i);
    } else ignoredAdvice.push(i);
  }
  const explored: number[] = [];
  const u = streams.explore.next();
  const w = streams.explore.next();
  if (u < rates.explorationRate) {
    const extra = pickOther(atomCount, chosen, w);
    if (extra >= 0) {
      chosen.add(extra);
      explored.push(extra);
    }
  }
  return {
    chosen: [...chosen].sort((a, b) => a - b),
    kept,
    dropped,
    merged,
    diagnosed,
    misdiagnosed,
    advised,
    ignoredAdvice,
    explored,
  };
}
