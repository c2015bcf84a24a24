import { UnknownNameError } from '../../errors.js';
import type { Rng } from '../../util/rng.js';
import type { Candidate } from './candidate.js';

/** Chooses the parent of the next child among the archive members (never empty: the seed is a member). */
export interface ParentSelector {
  readonly name: string;
  select(members: readonly Candidate[], split: string, rng: Rng): Candidate;
}

export interface ScoreChildOptions {
  /** Temperature of the score sigmoid (docs/architecture.md: 0.1). */
  readonly temperature: number;
  /** Children-count scale c in exp(-(children/c)^3) (docs/architecture.md: 8). */
  readonly childScale: number;
}

/**
 * SePO's parent-selection decision (docs/architecture.md):
 * weight_i = sigmoid((score_i - mid) / T) * exp(-(children_i / c)^3) with mid the mean of the top-3
 * scores; parents are sampled proportionally to weight. Good prompts are favoured,
 * over-explored ones fade, and weaker stepping stones keep a chance.
 */
export function scoreChildSelector(
  options: ScoreChildOptions = { temperature: 0.1, childScale: 8 },
): ParentSelector {
  return {
    name: 'score-child',
    select(members, split, rng) {
      const scores = members.map((c) => c.scores[split]?.mean ?? 0);
      const top3 = [...scores].sort((a, b) => b - a).slice(0, 3);
      const mid = top3.reduce((a, b) => a + b, 0) / Math.max(1, top3.length);
      const weights = members.map((c, i) => {
        const s = scores[i] ?? 0;
        const sig = 1 / (1 + Math.exp(-(s - mid) / options.temperature));
        return sig * Math.exp(-((c.childrenCount / options.childScale) ** 3));
      });
      return weightedPick(members, weights, rng);
    },
  };
}

export const bestSelector: ParentSelector = {
  name: 'best',
  select(members, split) {
    let best = members[0] as Candidate;
    for (const c of members) if ((c.scores[split]?.mean ?? 0) > (best.scores[split]?.mean ?? 0)) best = c;
    return best;
  },
};

/** The "no archive" ablation: always the latest member, a linear chain. */
export const latestSelector: ParentSelector = {
  name: 'latest',
  select(members) {
    return members[members.length - 1] as Candidate;
  },
};

export const uniformSelector: ParentSelector = {
  name: 'uniform',
  select(members, _split, rng) {
    return rng.pick(members);
  },
};

function weightedPick<T>(items: readonly T[], weights: readonly number[], rng: Rng): T {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return rng.pick(items);
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

export const PARENT_SELECTORS = ['score-child', 'best', 'latest', 'uniform'] as const;

export function parentSelectorByName(name: string): ParentSelector {
  switch (name) {
    case 'score-child':
      return scoreChildSelector();
    case 'best':
      return bestSelector;
    case 'latest':
      return latestSelector;
    case 'uniform':
      return uniformSelector;
    default:
      throw new UnknownNameError('parent selector', name, PARENT_SELECTORS);
  }
}
