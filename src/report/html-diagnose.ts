import { escapeHtml } from './escape.js';
import { count, DASH, pct, sig } from './format-numbers.js';
import { bar, num, section, table, textSlot } from './html-parts.js';
import type { DiagnoseView } from './report-model.js';
import { PALETTE, renderChart } from './svg-chart.js';

function curveChart(id: string, title: string, xLabel: string, rows: DiagnoseView['kCurve']): string {
  return renderChart({
    id,
    title,
    xLabel,
    yLabel: 'variance',
    xScale: rows.every((r) => r.size > 0) ? 'log2' : 'linear',
    yIncludeZero: true,
    width: 520,
    height: 300,
    series: [
      {
        name: 'signal (between prompts)',
        color: PALETTE[2] ?? '#000',
        points: rows
          .filter((r) => r.signal !== undefined)
          .map((r) => ({ x: r.size, y: r.signal ?? 0, title: `signal ${sig(r.signal)} at ${r.size}` })),
      },
      {
        name: 'noise (responses)',
        color: PALETTE[4] ?? '#000',
        dashed: true,
        points: rows
          .filter((r) => r.noise !== undefined)
          .map((r) => ({ x: r.size, y: r.noise ?? 0, title: `noise ${sig(r.noise)} at ${r.size}` })),
      },
    ],
    yFormat: (y) => sig(y, 2),
    xFormat: (x) => String(x),
  });
}

export function diagnoseSection(d: DiagnoseView): string {
  const level = d.level === undefined ? '95%' : `${Math.round(d.level * 100)}%`;
  const verdict =
    d.headline === undefined
      ? ''
      : `<div class="verdict"><strong>${escapeHtml(d.headline)}</strong>${d.explanation === undefined ? '' : `<p>${escapeHtml(d.explanation)}</p>`}</div>`;
  const names: Record<string, string> = {
    total: 'total variance',
    noise: 'response noise',
    signal: 'signal (variance among system prompts)',
    ratio: 'signal / noise',
  };
  const decomposition = table(
    ['quantity', 'estimate', `${level} interval`],
    d.decomposition.map((r) => [
      names[r.name] ?? r.name,
      num(sig(r.value)),
      num(r.low === undefined || r.high === undefined ? DASH : `${sig(r.low)} – ${sig(r.high)}`),
    ]),
    { className: 'decomposition' },
  );
  const shape = `N = ${count(d.shape.prompts)} system prompts × K = ${count(d.shape.examples)} examples × M = ${sig(d.shape.samples)} responses; mean reward ${pct(d.meanReward)}`;
  const curveTable = (rows: DiagnoseView['kCurve'], label: string): string =>
    table(
      [label, 'signal', 'noise', 'ratio'],
      rows.map((r) => [num(String(r.size)), num(sig(r.signal)), num(sig(r.noise)), num(sig(r.ratio))]),
      { className: 'compact' },
    );
  const curves =
    d.kCurve.length + d.mCurve.length === 0
      ? ''
      : `<div class="two-col">` +
        (d.kCurve.length === 0
          ? ''
          : `<figure class="chart-box"><h3>Signal and noise vs K</h3>${curveChart('k-curve', 'Signal and noise vs K', 'K, examples per subset (log scale)', d.kCurve)}<figcaption>Signal and noise over random subsets of K examples. On heterogeneous data the signal falls as K grows.</figcaption><details><summary>values</summary>${curveTable(d.kCurve, 'K')}</details></figure>`) +
        (d.mCurve.length === 0
          ? ''
          : `<figure class="chart-box"><h3>Signal and noise vs M</h3>${curveChart('m-curve', 'Signal and noise vs M', 'M, responses per cell (log scale)', d.mCurve)}<figcaption>Keeping M responses per (prompt, example) cell: noise falls roughly as 1/M.</figcaption><details><summary>values</summary>${curveTable(d.mCurve, 'M')}</details></figure>`) +
        '</div>';
  const subsets =
    d.subsets.length === 0
      ? ''
      : `<h3>Top training subsets${d.subsetMethod === undefined ? '' : ` (${escapeHtml(d.subsetMethod)} search)`}</h3>` +
        table(
          ['rank', 'examples', 'Score(S)', `${level} interval`, 'signal / noise', 'M for target'],
          d.subsets.map((s, i) => [
            num(String(i + 1)),
            s.ids.join(', '),
            num(sig(s.score)),
            num(s.low === undefined || s.high === undefined ? DASH : `${sig(s.low)} – ${sig(s.high)}`),
            num(sig(s.ratio)),
            num(s.samplesNeeded === undefined ? DASH : count(s.samplesNeeded)),
          ]),
          { className: 'subsets' },
        );
  const target =
    d.samplesForTarget.target === undefined
      ? ''
      : `<p class="note">Responses per cell for a signal/noise ratio of ${sig(d.samplesForTarget.target)} on all examples: ${d.samplesForTarget.all === undefined ? 'none (no positive signal)' : count(d.samplesForTarget.all)}.</p>`;
  const prompts =
    d.prompts.length === 0
      ? ''
      : `<h3>System prompts (${d.prompts.length})</h3>` +
        table(
          ['prompt', 'mean reward', 'text'],
          d.prompts.map((p, i) => [
            p.id,
            bar(p.meanReward, pct(p.meanReward)),
            {
              html:
                p.prompt === undefined
                  ? DASH
                  : `<details><summary>show</summary>${textSlot(`diag:${i}`)}</details>`,
            },
          ]),
          { className: 'diag-prompts' },
        );
  return section(
    'diagnose',
    'Diagnosis: is the task learnable?',
    `${verdict}<p class="note">${escapeHtml(shape)} (${escapeHtml(d.source)}).</p><h3>Variance decomposition</h3>${decomposition}${target}${curves}${subsets}${prompts}`,
  );
}
