import { count, DASH, duration, pctInterval, pointsInterval, tokens, usd } from './format-numbers.js';
import { num, section, table } from './html-parts.js';
import { pctAxis } from './html-sections.js';
import type { CompareView } from './report-model.js';
import { PALETTE, renderChart } from './svg-chart.js';

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
  const maxCost = Math.max(0, ...c.rows.map((r) => axis.of(r) ?? 0));
  const chart = renderChart({
    id: 'accuracy-cost',
    xDomain: [0, maxCost > 0 ? maxCost * 1.15 : 1],
    yDomain: [0, 1],
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
