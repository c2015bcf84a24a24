import { methodOfGroup } from './compare-view.js';
import { escapeHtml } from './escape.js';
import { count, DASH, pct, sig } from './format-numbers.js';
import { card, num, section, table, textSlot } from './html-parts.js';
import { renderLineageLegend, renderLineageSvg } from './lineage-svg.js';
import type { FlipTable, Lineage, Timeline } from './report-model.js';
import { type ChartSeries, PALETTE, renderChart } from './svg-chart.js';

/** Percent tick labels of a 0–1 axis. */
export const pctAxis = (y: number): string => `${Math.round(y * 100)}%`;

/** `methodOrder` gives compare runs the same method colors as the comparison plot. */
export function timelineSection(t: Timeline, methodOrder: readonly string[] = []): string {
  const series: ChartSeries[] = [];
  const single = t.groups.length <= 1;
  const methods: string[] = [...methodOrder];
  t.groups.forEach((group) => {
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
      // One line per run, one color per method (its seeds share it).
      const method = methodOfGroup(group);
      if (!methods.includes(method)) methods.push(method);
      const color = PALETTE[methods.indexOf(method) % PALETTE.length] ?? '#000';
      const line = lines.find((l) => l.split === 'val') ?? lines.find((l) => l.split === 'train');
      if (line !== undefined) {
        const first = !series.some((x) => x.color === color);
        series.push({
          name: first ? method : group,
          hideInLegend: !first,
          color,
          marker: 'none',
          points: line.points.map(([x, y]) => ({
            x,
            y,
            title: `${group}: best ${line.split} ${pct(y)} after ${count(x)} rollouts`,
          })),
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
    : 'One line per run (method and seed; a method’s seeds share its color): the best validation score so far of its seed and admitted candidates, or the best train score when the method does not validate.';
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
              className: 'nowrap',
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
