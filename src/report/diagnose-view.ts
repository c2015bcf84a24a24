import type { P1Analysis } from '../p1/analyze-rewards.js';
import type { CurvePoint } from '../stats/curves.js';
import { at, isRecord, list, num, str, strings } from './json-value.js';
import type { CurveRow, DiagnoseView } from './report-model.js';

function curve(value: unknown): CurveRow[] {
  return list(value)
    .map((p): CurveRow | undefined => {
      const size = num(at(p, 'size'));
      if (size === undefined) return undefined;
      return {
        size,
        signal: num(at(p, 'signal')),
        noise: num(at(p, 'noise')),
        ratio: num(at(p, 'ratio')),
        signalSd: num(at(p, 'signalSd')),
      };
    })
    .filter((p): p is CurveRow => p !== undefined)
    .sort((a, b) => a.size - b.size);
}

export interface DiagnosePrompt {
  readonly id: string;
  readonly meanReward: number | undefined;
  readonly prompt: string | undefined;
}

/**
 * The p1 diagnosis as shown: verdict, the Eq. 5 decomposition with its bootstrap intervals, the K- and
 * M-curves and the best subsets, from a stored `P1Analysis` (any field may be missing). Undefined when
 * `analysis` is not an object.
 */
export function buildDiagnoseView(
  analysis: unknown,
  source: string,
  prompts: readonly DiagnosePrompt[] = [],
): DiagnoseView | undefined {
  if (isP1Analysis(analysis)) return diagnoseViewOf(analysis, source, prompts);
  return legacyDiagnoseView(analysis, source, prompts);
}

/**
 * Whether a stored analysis is a current `P1Analysis`: the fields the view reads are present with
 * their types (a number stored as NaN reads back as null and sends the analysis to the legacy reader).
 */
export function isP1Analysis(value: unknown): value is P1Analysis {
  if (!isRecord(value)) return false;
  const { decomposition: d, intervals: i, verdict: v, subsets: s, shape, samplesForTarget } = value;
  const numbers = (o: unknown, keys: readonly string[]): boolean =>
    isRecord(o) && keys.every((k) => typeof o[k] === 'number');
  return (
    numbers(d, ['total', 'noise', 'signal', 'ratio', 'meanReward']) &&
    isRecord(d) &&
    Array.isArray(d.promptRewards) &&
    isRecord(i) &&
    typeof i.level === 'number' &&
    (['total', 'noise', 'signal', 'ratio'] as const).every((k) => numbers(i[k], ['low', 'high'])) &&
    isRecord(v) &&
    typeof v.headline === 'string' &&
    typeof v.explanation === 'string' &&
    isRecord(s) &&
    Array.isArray(s.top) &&
    typeof s.method === 'string' &&
    Array.isArray(value.kCurve) &&
    Array.isArray(value.mCurve) &&
    numbers(shape, ['prompts', 'examples', 'meanSamples']) &&
    numbers(samplesForTarget, ['targetRatio'])
  );
}

const curveRows = (points: readonly CurvePoint[]): CurveRow[] =>
  points
    .map((p) => ({ size: p.size, signal: p.signal, noise: p.noise, ratio: p.ratio, signalSd: p.signalSd }))
    .sort((a, b) => a.size - b.size);

const orUndefined = (x: number | null): number | undefined => (x === null ? undefined : x);

/** The view of a current analysis, read through its type. */
function diagnoseViewOf(a: P1Analysis, source: string, prompts: readonly DiagnosePrompt[]): DiagnoseView {
  // A prompt with no reward (NaN) is stored as null.
  const rewards = a.decomposition.promptRewards.map((r: number | null) => (r === null ? undefined : r));
  const shown: DiagnosePrompt[] =
    prompts.length > 0
      ? prompts.map((p, i) => ({ ...p, meanReward: p.meanReward ?? rewards[i] }))
      : rewards.map((meanReward, i) => ({ id: String(i), meanReward, prompt: undefined }));
  return {
    source,
    headline: a.verdict.headline,
    explanation: a.verdict.explanation,
    recommendation: a.verdict.recommendation,
    shape: { prompts: a.shape.prompts, examples: a.shape.examples, samples: a.shape.meanSamples },
    level: a.intervals.level,
    decomposition: (['total', 'noise', 'signal', 'ratio'] as const).map((name) => ({
      name,
      value: a.decomposition[name],
      low: a.intervals[name].low,
      high: a.intervals[name].high,
    })),
    meanReward: a.decomposition.meanReward,
    kCurve: curveRows(a.kCurve),
    mCurve: curveRows(a.mCurve),
    subsets: a.subsets.top.map((s) => ({
      ids: s.ids,
      score: s.score,
      low: s.scoreInterval.low,
      high: s.scoreInterval.high,
      ratio: s.ratio,
      samplesNeeded: orUndefined(s.samplesNeeded),
    })),
    subsetMethod: a.subsets.method,
    samplesForTarget: {
      target: a.samplesForTarget.targetRatio,
      all: orUndefined(a.samplesForTarget.allExamples),
    },
    prompts: shown,
  };
}

/** An analysis stored before the current shape (or with missing fields): read field by field. */
export function legacyDiagnoseView(
  analysis: unknown,
  source: string,
  prompts: readonly DiagnosePrompt[],
): DiagnoseView | undefined {
  if (!isRecord(analysis)) return undefined;
  const d = at(analysis, 'decomposition');
  const intervals = at(analysis, 'intervals');
  const decomposition = (['total', 'noise', 'signal', 'ratio'] as const).map((name) => ({
    name,
    value: num(at(d, name)),
    low: num(at(intervals, name, 'low')),
    high: num(at(intervals, name, 'high')),
  }));
  const subsets = list(at(analysis, 'subsets', 'top')).map((s) => ({
    ids: strings(at(s, 'ids')),
    score: num(at(s, 'score')),
    low: num(at(s, 'scoreInterval', 'low')),
    high: num(at(s, 'scoreInterval', 'high')),
    ratio: num(at(s, 'ratio')),
    samplesNeeded: num(at(s, 'samplesNeeded')),
  }));
  const rewards = list(at(d, 'promptRewards')).map(num);
  const shown: DiagnosePrompt[] =
    prompts.length > 0
      ? prompts.map((p, i) => ({ ...p, meanReward: p.meanReward ?? rewards[i] }))
      : rewards.map((meanReward, i) => ({ id: String(i), meanReward, prompt: undefined }));
  return {
    source,
    headline: str(at(analysis, 'verdict', 'headline')),
    explanation:
      str(at(analysis, 'verdict', 'explanation')) ?? str(at(analysis, 'learnability', 'explanation')),
    recommendation: str(at(analysis, 'verdict', 'recommendation')),
    shape: {
      prompts: num(at(analysis, 'shape', 'prompts')),
      examples: num(at(analysis, 'shape', 'examples')),
      samples: num(at(analysis, 'shape', 'meanSamples')),
    },
    level: num(at(intervals, 'level')),
    decomposition,
    meanReward: num(at(d, 'meanReward')),
    kCurve: curve(at(analysis, 'kCurve')),
    mCurve: curve(at(analysis, 'mCurve')),
    subsets,
    subsetMethod: str(at(analysis, 'subsets', 'method')),
    samplesForTarget: {
      target: num(at(analysis, 'samplesForTarget', 'targetRatio')),
      all: num(at(analysis, 'samplesForTarget', 'allExamples')),
    },
    prompts: shown,
  };
}
