import type { CurvePoint } from '../stats/curves.js';
import { DIAGNOSIS_NOISE_ESTIMATOR, type P1Analysis } from './analyze-rewards.js';

const g = (x: number | null | undefined): string =>
  x === null || x === undefined
    ? '-'
    : Number.isInteger(x)
      ? String(x)
      : Number.isFinite(x)
        ? x.toPrecision(3)
        : String(x);
const pad = (s: string, n: number): string => s.padEnd(n);

function curveRows(label: string, points: readonly CurvePoint[]): string[] {
  return [
    `  ${pad(label, 6)} ${pad('signal', 11)} ${pad('noise', 11)} ${pad('ratio', 9)} draws`,
    ...points.map(
      (p) =>
        `  ${pad(String(p.size), 6)} ${pad(g(p.signal), 11)} ${pad(g(p.noise), 11)} ${pad(g(p.ratio), 9)} ${p.draws}`,
    ),
  ];
}

/** The analysis as plain text for a terminal (the CLI prints it; `--json` prints the object instead). */
export function renderAnalysis(a: P1Analysis): string {
  const d = a.decomposition;
  const i = a.intervals;
  const level = `${Math.round(i.level * 100)}%`;
  const ci = (x: { low: number; high: number }): string => `[${level} CI ${g(x.low)}, ${g(x.high)}]`;
  const s = a.subsets;
  const M = g(a.shape.meanSamples);
  const target = g(a.samplesForTarget.targetRatio);
  const l = a.learnability;
  const score =
    a.settings.noiseEstimator === 'plugin'
      ? "Score with the paper's plug-in noise p^(1-p^)/M"
      : 'Score with the unbiased noise p^(1-p^)/(M-1), --noise-estimator unbiased';
  const lines = [
    `verdict: ${a.verdict.headline}`,
    '',
    `decomposition on all ${a.shape.examples} examples, N = ${a.shape.prompts} system prompts, M = ${M} responses per cell ` +
      `(${DIAGNOSIS_NOISE_ESTIMATOR} noise estimator; ${i.resamples} bootstrap resamples):`,
    `  total variance     ${pad(g(d.total), 11)} ${ci(i.total)}`,
    `  noise (responses)  ${pad(g(d.noise), 11)} ${ci(i.noise)}`,
    `  signal (prompts)   ${pad(g(d.signal), 11)} ${ci(i.signal)}`,
    `  signal/noise       ${pad(g(d.ratio), 11)} ${ci(i.ratio)}`,
    `  mean reward ${(100 * d.meanReward).toFixed(1)}%; per prompt ${d.promptRewards.map((r) => (100 * r).toFixed(0)).join(' ')}`,
    '',
    `as K grows (random subsets of K examples, M = ${M}):`,
    ...curveRows('K', a.kCurve),
    `  ratio K = ${l.fullK} vs K = 1: ×${g(l.ratioChange)} ${ci(l.ratioChangeInterval)} -> ${l.ratioTrend} ` +
      '(heterogeneous only when falling: p1 §3.3)',
    '',
    'as M grows (all examples, M responses kept per cell):',
    ...curveRows('M', a.mCurve),
    '',
    `top subsets of K_top = ${s.size} (${s.method} search, ${s.evaluated} of ${s.candidates} subsets scored; ${score}):`,
    ...s.top.map(
      (t, r) =>
        `  ${r + 1}. ${pad(t.ids.join(', '), 24)} Score ${pad(g(t.score), 10)} ${ci(t.scoreInterval)}  ratio ${g(t.ratio)}` +
        `  M for ratio ${target}: ${g(t.samplesNeeded)}`,
    ),
    '',
    `M needed for signal/noise ${target}: all examples ${g(a.samplesForTarget.allExamples)}, best subset ` +
      `${g(a.samplesForTarget.topSubset)} (now M = ${M}; noise shrinks as 1/(K·M))`,
    '',
    a.verdict.explanation,
  ];
  return lines.join('\n');
}
