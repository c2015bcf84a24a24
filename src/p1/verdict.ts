import type { Interval } from '../stats/bootstrap-decomposition.js';
import type { LearnabilityVerdict } from '../stats/learnability.js';
import type { RatioTrend } from '../stats/ratio-trend.js';
import type { P1Settings } from './p1-settings.js';
import type { SubsetReport } from './subset-report.js';

/**
 * What to do about a task, from its diagnosis:
 * - `use-all`: homogeneous and learnable; optimize on all examples (filtering hurt IFBench in p1).
 * - `filter`: heterogeneous (the signal/noise ratio falls as K grows at fixed M); train on the best
 *   subset (p1's AIME result).
 * - `raise-samples`: noise-dominated; more responses per cell reach the target ratio.
 * - `diversify-prompts`: noise-dominated with no positive signal; more responses will not reveal one.
 */
export type P1Recommendation = 'use-all' | 'filter' | 'raise-samples' | 'diversify-prompts';

export interface P1Verdict {
  readonly kind: LearnabilityVerdict;
  readonly recommendation: P1Recommendation;
  /** One line in plain words, e.g. "heterogeneous: filter recommended — train on 17, 4". */
  readonly headline: string;
  /** The numbers behind it, in sentences. */
  readonly explanation: string;
  /** Example ids to train on when filtering is recommended, else undefined. */
  readonly subsetIds: readonly string[] | undefined;
  /** Responses per cell for `targetRatio` on all examples (null when no positive signal). */
  readonly samplesNeeded: number | null;
  readonly targetRatio: number;
}

export interface VerdictInputs {
  readonly decomposition: { readonly signal: number; readonly noise: number; readonly ratio: number };
  readonly learnability: {
    readonly verdict: LearnabilityVerdict;
    readonly explanation: string;
    readonly smallK: number;
    readonly fullK: number;
    readonly signalDrop: number;
    readonly ratioAtSmallK: number;
    readonly ratioAtFullK: number;
    readonly ratioChange: number;
    readonly ratioChangeInterval: Interval;
    readonly ratioTrend: RatioTrend;
  };
  readonly settings: P1Settings;
  readonly top: SubsetReport | undefined;
  readonly samplesForTarget: { readonly currentSamples: number; readonly allExamples: number | null };
}

const num = (x: number): string =>
  Number.isInteger(x) ? String(x) : Number.isFinite(x) ? x.toPrecision(3) : String(x);

export function describeVerdict(input: VerdictInputs): P1Verdict {
  const { decomposition: d, learnability: l, settings, top, samplesForTarget } = input;
  const target = settings.targetRatio;
  const M = num(samplesForTarget.currentSamples);
  const need = samplesForTarget.allExamples;
  const base = { kind: l.verdict, targetRatio: target, samplesNeeded: need };
  const change = `×${num(l.ratioChange)} [${Math.round(100 * settings.level)}% CI ×${num(l.ratioChangeInterval.low)}, ×${num(l.ratioChangeInterval.high)}]`;
  const ratioMove = `signal/noise ${num(l.ratioAtSmallK)} at K = 1 → ${num(l.ratioAtFullK)} at K = ${l.fullK} (${change})`;
  if (l.verdict === 'heterogeneous') {
    const ids = top?.ids ?? [];
    const subsetRatio =
      top === undefined ? '' : `; that subset's signal/noise is ${num(top.ratio)} at M = ${M}`;
    return {
      ...base,
      recommendation: 'filter',
      subsetIds: ids,
      headline:
        `heterogeneous: filter recommended — train on ${ids.join(', ')} (K_top = ${settings.subsetSize}); ` +
        `the ratio falls as K grows at M = ${M}: ${ratioMove}`,
      explanation: `${l.explanation} The best subset of ${settings.subsetSize} is ${ids.join(', ')}${subsetRatio}.`,
    };
  }
  if (l.verdict === 'noise-dominated') {
    if (need === null) {
      return {
        ...base,
        recommendation: 'diversify-prompts',
        subsetIds: undefined,
        headline:
          `noise-dominated: no variance among system prompts detected at M = ${M} (signal ${num(d.signal)}); ` +
          'more responses will not reveal one — try more varied system prompts (another meta-prompt or generator)',
        explanation: l.explanation,
      };
    }
    return {
      ...base,
      recommendation: 'raise-samples',
      subsetIds: undefined,
      headline: `noise-dominated: raise M to ${need} to reach ratio ${num(target)} (now ${num(d.ratio)} at M = ${M})`,
      explanation: l.explanation,
    };
  }
  return {
    ...base,
    recommendation: 'use-all',
    subsetIds: undefined,
    headline:
      `homogeneous and learnable: signal/noise ${num(d.ratio)} at M = ${M} and it does not fall as K grows ` +
      `(${ratioMove}); optimize on all the examples (filtering is not recommended)`,
    explanation: l.explanation,
  };
}
