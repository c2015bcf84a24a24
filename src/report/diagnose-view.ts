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
