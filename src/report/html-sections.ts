import { escapeHtml } from './escape.js';
import {
  count,
  DASH,
  duration,
  pct,
  pctInterval,
  points,
  pointsInterval,
  sig,
  tokens,
  usd,
} from './format-numbers.js';
import { bar, type Cell, card, diffSlot, facts, num, section, table, textSlot } from './html-parts.js';
import { renderLineageLegend, renderLineageSvg } from './lineage-svg.js';
import type { CompareView, DiagnoseView, FlipTable, Lineage, ReportModel, Timeline } from './report-model.js';
import { type ChartSeries, PALETTE, renderChart } from './svg-chart.js';

const pctAxis = (y: number): string => `${Math.round(y * 100)}%`;

function budgetText(m: ReportModel): string | undefined {
  const b = m.summary.budget;
  const parts = [
    ...(b.rollouts === undefined ? [] : [`${count(b.rollouts)} task-model rollouts`]),
    ...(b.maxCostUsd === undefined ? [] : [`${usd(b.maxCostUsd)} max cost`]),
  ];
  return parts.length === 0 ? 'no limit set (method defaults)' : parts.join(', ');
}

function totalUsd(m: ReportModel): number | undefined {
  let total = 0;
  for (const row of m.summary.spend) {
    if (row.usd === undefined) return undefined;
    total += row.usd;
  }
  return m.summary.spend.length === 0 ? undefined : total;
}

export function summarySection(m: ReportModel): string {
  const s = m.summary;
  const test = s.scores.find((r) => r.split === 'test');
  const cards: string[] = [];
  if (test !== undefined) {
    cards.push(card('seed prompt, test', pct(test.seed?.mean), intervalDetail(test.seed)));
    cards.push(card('best prompt, test', pct(test.best?.mean), intervalDetail(test.best)));
  }
  if (s.difference !== undefined) {
    const d = s.difference;
    const tone =
      d.low !== undefined && d.low > 0 ? 'good' : d.high !== undefined && d.high < 0 ? 'bad' : undefined;
    cards.push(card('difference (best − seed)', `${points(d.mean)} pts`, differenceDetail(d), tone));
  }
  if (s.accuracy !== undefined) {
    cards.push(
      card(
        `accuracy${s.accuracy.split === undefined ? '' : ` (${s.accuracy.split})`}`,
        pct(s.accuracy.mean),
        intervalDetail(s.accuracy),
      ),
    );
  }
  const task = s.spend.find((r) => r.role === 'task model');
  if (task !== undefined) {
    const budget = s.budget.rollouts === undefined ? undefined : `of ${count(s.budget.rollouts)} budgeted`;
    cards.push(card('task-model rollouts', count(task.rollouts), budget));
  }
  const cost = totalUsd(m);
  if (s.spend.length > 0)
    cards.push(card('cost', usd(cost), cost === undefined ? 'a model has no known price' : 'both models'));
  const run = facts([
    ['task', s.task],
    ['task model', s.model],
    ['optimizer model', s.optimizerModel],
    ['method', s.method],
    ['seed', String(s.seed)],
    ['status', m.run.status],
    ['budget', budgetText(m)],
    ['stopped because', s.stopReason],
    [
      'best prompt',
      s.bestId === undefined
        ? undefined
        : `${s.bestId}${s.chosenBy === undefined ? '' : ` (chosen by ${s.chosenBy})`}`,
    ],
    ['error', s.error],
    ...s.extra.map(([k, v]) => [k, v] as const),
  ]);
  const scoreRows = s.scores.map((r): Cell[] => [
    r.split,
    num(r.n === undefined ? DASH : count(r.n)),
    num(r.split === 'test' ? pctInterval(r.seed) : pct(r.seed?.mean)),
    num(r.split === 'test' ? pctInterval(r.best) : pct(r.best?.mean)),
    num(r.seed === undefined || r.best === undefined ? DASH : `${points(r.best.mean - r.seed.mean)} pts`),
  ]);
  const outcome =
    scoreRows.length === 0
      ? ''
      : `<h3>Seed vs best</h3>${table(['split', 'n', 'seed', 'best', 'change'], scoreRows, { className: 'scores' })}` +
        (s.difference === undefined
          ? ''
          : `<p class="note">Paired difference on the test split (best − seed, same examples): ${escapeHtml(pointsInterval(s.difference))}. Intervals are 95%.</p>`);
  const spend =
    s.spend.length === 0
      ? ''
      : `<h3>Spend per role</h3>${table(
          [
            'role',
            'rollouts',
            'calls',
            'cached',
            'replayed',
            'failed',
            'tokens in',
            'tokens out',
            'USD',
            'wall time',
          ],
          s.spend.map((r) => [
            r.role,
            num(count(r.rollouts)),
            num(count(r.calls)),
            num(count(r.cacheHits)),
            num(count(r.replayed)),
            num(count(r.failures)),
            num(tokens(r.inputTokens)),
            num(tokens(r.outputTokens)),
            num(usd(r.usd)),
            num(duration(r.wallMs)),
          ]),
          { className: 'spend' },
        )}`;
  const prompts =
    s.seedPrompt === undefined && s.bestPrompt === undefined
      ? ''
      : `<h3>Seed and best prompts</h3><div class="two-col"><div><h4>seed prompt</h4>${textSlot('seedPrompt')}</div><div><h4>best prompt, word diff against the seed</h4>${diffSlot('seedToBest')}</div></div>`;
  return section(
    'summary',
    'Summary',
    `<div class="cards">${cards.join('')}</div><div class="two-col"><div><h3>Run</h3>${run}</div><div>${outcome}</div></div>${spend}${prompts}`,
  );
}

function intervalDetail(e: { low?: number; high?: number; n?: number } | undefined): string | undefined {
  if (e === undefined || e.low === undefined || e.high === undefined)
    return e?.n === undefined ? undefined : `n = ${e.n}`;
  return `95% CI ${pct(e.low)} – ${pct(e.high)}${e.n === undefined ? '' : `, n = ${e.n}`}`;
}

function differenceDetail(d: { low?: number; high?: number; p?: number }): string | undefined {
  const ci =
    d.low === undefined || d.high === undefined ? '' : `95% CI ${points(d.low)} to ${points(d.high)}`;
  const p = d.p === undefined ? '' : `p = ${sig(d.p, 2)}`;
  return [ci, p].filter((x) => x !== '').join(', ') || undefined;
}

export function timelineSection(t: Timeline): string {
  const series: ChartSeries[] = [];
  const single = t.groups.length <= 1;
  t.groups.forEach((group, gi) => {
    const lines = t.series.filter((s) => s.group === group);
    const mine = t.points.filter((p) => p.group === group);
    if (single) {
      for (const [split, color, name, dashed] of [
        ['val', PALETTE[0], 'best validation score so far', false],
        ['train', PALETTE[1], 'best train score so far', true],
      ] as const) {
        const line = lines.find((l) => l.split === split);
        if (line !== undefined) {
          series.push({
            name,
            color: color ?? '#000',
            dashed,
            marker: 'none',
            points: line.points.map(([x, y]) => ({ x, y })),
          });
        }
      }
      series.push({
        name: 'candidate, validation',
        color: PALETTE[0] ?? '#000',
        line: false,
        marker: 'diamond',
        points: mine
          .filter((p) => p.val !== undefined)
          .map((p) => ({
            x: p.x,
            y: p.val ?? 0,
            title: `${p.candidateId} (${p.status}): validation ${pct(p.val)}`,
          })),
      });
      series.push({
        name: 'candidate, train minibatch (hollow: rejected)',
        color: PALETTE[1] ?? '#000',
        line: false,
        points: mine
          .filter((p) => p.train !== undefined)
          .map((p) => ({
            x: p.x,
            y: p.train ?? 0,
            hollow: p.status === 'rejected',
            title: `${p.candidateId} (${p.status}): train ${pct(p.train)}`,
          })),
      });
    } else {
      const color = PALETTE[gi % PALETTE.length] ?? '#000';
      const line = lines.find((l) => l.split === 'val') ?? lines.find((l) => l.split === 'train');
      if (line !== undefined) {
        series.push({
          name: `${group || 'run'} (best ${line.split === 'val' ? 'validation' : 'train'})`,
          color,
          marker: 'none',
          points: line.points.map(([x, y]) => ({ x, y })),
        });
      }
    }
  });
  const chart = renderChart({
    id: 'score-timeline',
    title: 'Score over task-model rollouts spent',
    xLabel: 'task-model rollouts spent (final test evaluation excluded)',
    yLabel: 'score (mean over examples)',
    series,
    yDomain: [0, 1],
    width: 960,
    height: 380,
    xDomain: [0, Math.max(1, ...Object.values(t.totals), ...t.points.map((p) => p.x))],
    yFormat: pctAxis,
    xFormat: (x) => count(x),
  });
  const intro = single
    ? 'Each candidate appears where its first evaluation ended; the lines are the best validation and train scores of the seed and admitted candidates so far.'
    : 'One line per run: the best score so far of its seed and admitted candidates.';
  return section('timeline', 'Score over rollouts', `<figure class="chart-box">${chart}</figure>`, intro);
}

export function lineageSection(l: Lineage): string {
  const panel = [
    '<aside id="node-detail" class="node-detail" hidden>',
    '<h3 id="node-title"></h3><div id="node-meta" class="node-meta"></div>',
    '<div id="node-rationale-box" hidden><h4>rationale</h4><p id="node-rationale" class="rationale"></p></div>',
    '<div class="two-col"><div><h4>prompt</h4><pre id="node-prompt" class="prompt"></pre></div>',
    '<div id="node-diff-box"><h4 id="node-diff-title">word diff against the parent</h4><pre id="node-diff" class="prompt diff"></pre></div></div>',
    '</aside>',
  ].join('');
  const counts = new Map<string, number>();
  for (const n of l.nodes) counts.set(n.status, (counts.get(n.status) ?? 0) + 1);
  const summary = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
  return section(
    'lineage',
    'Archive lineage',
    `<div class="tree-scroll">${renderLineageSvg(l)}</div>${renderLineageLegend()}${panel}`,
    `${l.nodes.length} candidates (${summary}). Click a node to see its prompt and what changed from its parent.`,
  );
}

export function flipsSection(f: FlipTable): string {
  const fixed = f.binary ? 'fixed (seed wrong, best right)' : 'improved';
  const broken = f.binary ? 'broken (seed right, best wrong)' : 'worsened';
  const counts = [
    card(fixed, String(f.improved), undefined, f.improved > 0 ? 'good' : undefined),
    card(broken, String(f.worsened), undefined, f.worsened > 0 ? 'bad' : undefined),
    ...(f.binary
      ? [card('both right', String(f.bothRight)), card('both wrong', String(f.bothWrong))]
      : [card('unchanged', String(f.unchanged))]),
  ].join('');
  const strip = [...f.rows]
    .sort((a, b) => a.position - b.position)
    .map((r) => {
      const kind =
        r.best > r.seed
          ? 'up'
          : r.best < r.seed
            ? 'down'
            : r.best >= 1
              ? 'right'
              : r.best <= 0
                ? 'wrong'
                : 'same';
      return `<span class="cell ${kind}" title="${escapeHtml(`${r.id}: seed ${sig(r.seed)} → best ${sig(r.best)}`)}"></span>`;
    })
    .join('');
  const changed = f.rows.filter((r) => r.best !== r.seed);
  const changedTable =
    changed.length === 0
      ? '<p class="note">No test example changed score.</p>'
      : `<div class="scroll-y">${table(
          ['example', 'seed', 'best', 'change', 'responses'],
          changed.map((r, i) => [
            r.id,
            num(sig(r.seed)),
            num(sig(r.best)),
            {
              html:
                r.best > r.seed
                  ? `<span class="up">▲ ${f.binary ? 'fixed' : 'better'}</span>`
                  : `<span class="down">▼ ${f.binary ? 'broken' : 'worse'}</span>`,
            },
            {
              html:
                r.seedResponse === undefined && r.bestResponse === undefined
                  ? DASH
                  : `<details><summary>show</summary><div class="two-col"><div><h4>seed response</h4>${textSlot(`flip:${i}:seed`, 'response')}</div><div><h4>best response</h4>${textSlot(`flip:${i}:best`, 'response')}</div></div></details>`,
            },
          ]),
          { className: 'flips', id: 'flip-table' },
        )}</div>`;
  const all = table(
    ['example', 'seed', 'best'],
    f.rows.map((r) => [r.id, num(sig(r.seed)), num(sig(r.best))]),
    { className: 'compact' },
  );
  return section(
    'examples',
    'Test examples: best vs seed',
    `<div class="cards">${counts}</div><div class="strip" aria-label="one square per test example">${strip}</div>` +
      `<p class="note strip-legend"><span class="cell up"></span> ${escapeHtml(fixed)} <span class="cell down"></span> ${escapeHtml(broken)} <span class="cell right"></span> both right <span class="cell wrong"></span> both wrong</p>` +
      `<h3>Examples that changed (${changed.length})</h3>${changedTable}<details><summary>all ${f.n} test examples</summary>${all}</details>`,
    `Per-example test scores of the best prompt against the seed (${f.n} examples).`,
  );
}

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
          : `<figure class="chart-box">${curveChart('k-curve', 'Signal and noise vs K', 'K, examples per subset (log scale)', d.kCurve)}<figcaption>Signal and noise over random subsets of K examples. On heterogeneous data the signal falls as K grows.</figcaption><details><summary>values</summary>${curveTable(d.kCurve, 'K')}</details></figure>`) +
        (d.mCurve.length === 0
          ? ''
          : `<figure class="chart-box">${curveChart('m-curve', 'Signal and noise vs M', 'M, responses per cell (log scale)', d.mCurve)}<figcaption>Keeping M responses per (prompt, example) cell: noise falls roughly as 1/M.</figcaption><details><summary>values</summary>${curveTable(d.mCurve, 'M')}</details></figure>`) +
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

/** The cost axis: USD when every method has a price, else tokens, else rollouts. */
export function costAxis(c: CompareView): {
  readonly label: string;
  readonly of: (r: CompareView['rows'][number]) => number | undefined;
  readonly format: (x: number) => string;
} {
  if (c.rows.every((r) => r.usd !== undefined) && c.rows.some((r) => (r.usd ?? 0) > 0)) {
    return { label: 'cost (USD)', of: (r) => r.usd, format: (x) => usd(x) };
  }
  if (c.rows.every((r) => r.tokens !== undefined) && c.rows.some((r) => (r.tokens ?? 0) > 0)) {
    return { label: 'tokens (task + optimizer)', of: (r) => r.tokens, format: (x) => tokens(x) };
  }
  return { label: 'task-model rollouts', of: (r) => r.rollouts, format: (x) => count(x) };
}

export function compareSection(c: CompareView): string {
  const rows = c.rows.map((r) => [
    r.method,
    num(r.seeds === undefined ? DASH : String(r.seeds)),
    num(pctInterval(r.accuracy)),
    num(r.method === c.baseline ? '(baseline)' : pointsInterval(r.difference)),
    num(count(r.rollouts)),
    num(count(r.optimizerCalls)),
    num(tokens(r.tokens)),
    num(usd(r.usd)),
    num(duration(r.wallMs)),
  ]);
  const axis = costAxis(c);
  const chart = renderChart({
    id: 'accuracy-cost',
    title: 'Accuracy vs cost per method',
    xLabel: axis.label,
    yLabel: 'test accuracy (95% CI)',
    yFormat: pctAxis,
    xFormat: axis.format,
    series: c.rows.map((r, i) => {
      const x = axis.of(r);
      const a = r.accuracy;
      return {
        name: r.method,
        color: PALETTE[i % PALETTE.length] ?? '#000',
        line: false,
        points:
          x === undefined || a === undefined
            ? []
            : [
                {
                  x,
                  y: a.mean,
                  ...(a.low === undefined ? {} : { low: a.low }),
                  ...(a.high === undefined ? {} : { high: a.high }),
                  label: r.method,
                  title: `${r.method}: ${pctInterval(a)}, ${axis.format(x)}`,
                },
              ],
      };
    }),
  });
  return section(
    'compare',
    'Method comparison',
    table(
      [
        'method',
        'seeds',
        'test accuracy [95% CI]',
        `vs ${c.baseline ?? 'baseline'} (paired)`,
        'rollouts',
        'optimizer calls',
        'tokens',
        'USD',
        'wall time',
      ],
      rows,
      { className: 'compare' },
    ) + `<figure class="chart-box">${chart}</figure>`,
    'Same task, budget and seeds for every method; differences are paired over test examples.',
  );
}
