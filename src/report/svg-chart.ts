import { escapeHtml } from './escape.js';

/** Distinguishable series colors (also readable on white). */
export const PALETTE = [
  '#2563eb',
  '#ea580c',
  '#16a34a',
  '#9333ea',
  '#dc2626',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** An error bar from low to high. */
  readonly low?: number;
  readonly high?: number;
  /** Text drawn beside the point. */
  readonly label?: string;
  /** Hover text. */
  readonly title?: string;
  /** Draw the marker unfilled. */
  readonly hollow?: boolean;
}

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly ChartPoint[];
  /** Join the points with a line (default true). */
  readonly line?: boolean;
  readonly dashed?: boolean;
  readonly marker?: 'circle' | 'diamond' | 'none';
  /** Leave the series out of the legend. */
  readonly hideInLegend?: boolean;
}

export interface ChartOptions {
  /** `data-chart` attribute, for scripts and tests. */
  readonly id: string;
  /** Accessible name of the figure. */
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
  readonly xScale?: 'linear' | 'log2';
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  readonly yIncludeZero?: boolean;
  readonly xFormat?: (x: number) => string;
  readonly yFormat?: (y: number) => string;
}

/** About `target` round tick values (1, 2 or 5 × 10^k apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [];
  if (hi < lo) return niceTicks(hi, lo, target);
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude) as number;
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9) * step;
  for (let v = first; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function extent(values: readonly number[]): [number, number] | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  return [Math.min(...finite), Math.max(...finite)];
}

const defaultFormat = (v: number): string => {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
};

/** Legend entries laid out left to right, wrapping at `width` (text width estimated at 6.6 px a character). */
function legendLayout(
  names: readonly string[],
  width: number,
): { rows: number; positions: Array<{ x: number; row: number }> } {
  const positions: Array<{ x: number; row: number }> = [];
  let x = 0;
  let row = 0;
  for (const name of names) {
    const w = 24 + name.length * 6.6 + 22;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    positions.push({ x, row });
    x += w;
  }
  return { rows: names.length === 0 ? 0 : row + 1, positions };
}

/**
 * Point labels beside their points, moved up or down (and to the left near the right edge) so they do
 * not overlap each other; text width is estimated at 6.6 px a character.
 */
function placeLabels(labels: ReadonlyArray<{ x: number; y: number; text: string }>, width: number): string[] {
  const placed: Array<{ x0: number; x1: number; y0: number; y1: number }> = [];
  const out: string[] = [];
  for (const label of [...labels].sort((a, b) => a.x - b.x || a.y - b.y)) {
    const w = label.text.length * 6.6;
    const left = label.x + 8 + w > width - 4;
    const x0 = left ? label.x - 8 - w : label.x + 8;
    let y = label.y - 8;
    for (const dy of [-8, 18, -22, 32, -36, 46, -50, 60]) {
      y = label.y + dy;
      const box = { x0, x1: x0 + w, y0: y - 11, y1: y + 3 };
      if (!placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) break;
    }
    placed.push({ x0, x1: x0 + w, y0: y - 11, y1: y + 3 });
    out.push(
      `<text x="${f(left ? label.x - 8 : label.x + 8)}" y="${f(y)}" fill="#111827" class="point-label"${left ? ' text-anchor="end"' : ''}>${escapeHtml(label.text)}</text>`,
    );
  }
  return out;
}

const f = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * A line/scatter chart as an inline SVG string, with axes, ticks, axis labels and a legend. All text is
 * escaped. Points outside the finite reals are dropped.
 */
export function renderChart(o: ChartOptions): string {
  const width = o.width ?? 720;
  const height = o.height ?? 340;
  const legendItems = o.series.filter((s) => !s.hideInLegend && s.points.length > 0);
  const legend = legendLayout(
    legendItems.map((s) => s.name),
    width - 68 - 24,
  );
  const margin = { left: 68, right: 24, top: 18 + legend.rows * 20, bottom: 52 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const log = o.xScale === 'log2';
  const series = o.series.map((s) => ({
    ...s,
    points: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!log || p.x > 0)),
  }));
  const all = series.flatMap((s) => s.points);
  const label = `<title>${escapeHtml(o.title)}</title>`;
  if (all.length === 0) {
    return `<svg class="chart" data-chart="${escapeHtml(o.id)}" role="img" viewBox="0 0 ${width} 80" width="${width}" height="80">${label}<text x="${width / 2}" y="44" text-anchor="middle" class="empty">no data to plot</text></svg>`;
  }
  const tx = (x: number): number => (log ? Math.log2(x) : x);
  let [x0, x1] = o.xDomain ?? extent(all.map((p) => p.x)) ?? [0, 1];
  if (x0 === x1) {
    x0 = log ? x0 / 2 : x0 - 1;
    x1 = log ? x1 * 2 : x1 + 1;
  }
  const ys = all.flatMap((p) => [p.y, p.low ?? p.y, p.high ?? p.y]);
  let [y0, y1] = o.yDomain ?? extent(ys) ?? [0, 1];
  if (o.yDomain === undefined) {
    if (o.yIncludeZero === true) {
      y0 = Math.min(0, y0);
      y1 = Math.max(0, y1);
    }
    const pad = (y1 - y0) * 0.08 || Math.abs(y1) * 0.1 || 1;
    const ticks = niceTicks(y0 - (y0 === 0 ? 0 : pad), y1 + pad);
    y0 = Math.min(y0 - (y0 === 0 ? 0 : pad), ticks[0] ?? y0);
    y1 = Math.max(y1 + pad, ticks[ticks.length - 1] ?? y1);
  }
  const sx = (x: number): number => margin.left + ((tx(x) - tx(x0)) / (tx(x1) - tx(x0))) * plotW;
  const sy = (y: number): number => margin.top + plotH - ((y - y0) / (y1 - y0)) * plotH;
  const xFormat = o.xFormat ?? defaultFormat;
  const yFormat = o.yFormat ?? defaultFormat;
  const xTicks = log
    ? Array.from(
        { length: Math.floor(Math.log2(x1)) - Math.ceil(Math.log2(x0)) + 1 },
        (_, i) => 2 ** (Math.ceil(Math.log2(x0)) + i),
      )
    : niceTicks(x0, x1, Math.max(2, Math.round(plotW / 90)));
  const yTicks = niceTicks(y0, y1, Math.max(2, Math.round(plotH / 50))).filter(
    (t) => t >= y0 - 1e-12 && t <= y1 + 1e-12,
  );
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" data-chart="${escapeHtml(o.id)}" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
    label,
  );
  // grid and axes
  parts.push('<g class="grid">');
  for (const t of yTicks) {
    const y = f(sy(t));
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${y}" dy="0.32em" text-anchor="end" fill="#4b5563">${escapeHtml(yFormat(t))}</text>`,
    );
  }
  for (const t of xTicks) {
    if (t < x0 - 1e-12 || t > x1 + 1e-12) continue;
    const x = f(sx(t));
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#f1f5f9"/>`,
      `<line x1="${x}" x2="${x}" y1="${margin.top + plotH}" y2="${margin.top + plotH + 5}" stroke="#6b7280"/>`,
      `<text x="${x}" y="${margin.top + plotH + 18}" text-anchor="middle" fill="#4b5563">${escapeHtml(xFormat(t))}</text>`,
    );
  }
  parts.push('</g>');
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`,
    `<text class="axis-label" x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle" fill="#111827">${escapeHtml(o.xLabel)}</text>`,
    `<text class="axis-label" transform="translate(16 ${f(margin.top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#111827">${escapeHtml(o.yLabel)}</text>`,
  );
  // series
  const labels: Array<{ x: number; y: number; text: string }> = [];
  for (const s of series) {
    if (s.points.length === 0) continue;
    parts.push(`<g class="series" data-series="${escapeHtml(s.name)}">`);
    if (s.line !== false && s.points.length > 1) {
      const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(sx(p.x))} ${f(sy(p.y))}`).join(' ');
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.2"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} stroke-linejoin="round"/>`,
      );
    }
    for (const p of s.points) {
      const x = f(sx(p.x));
      const y = f(sy(p.y));
      if (p.low !== undefined && p.high !== undefined) {
        const lo = f(sy(p.low));
        const hi = f(sy(p.high));
        parts.push(
          `<path d="M${x} ${lo} V${hi} M${f(sx(p.x) - 4)} ${lo} h8 M${f(sx(p.x) - 4)} ${hi} h8" stroke="${s.color}" stroke-width="1.5" fill="none"/>`,
        );
      }
      const fill = p.hollow === true ? '#ffffff' : s.color;
      const title = p.title === undefined ? '' : `<title>${escapeHtml(p.title)}</title>`;
      if (s.marker === 'diamond') {
        parts.push(
          `<path class="marker" d="M${x} ${f(sy(p.y) - 5)} l5 5 l-5 5 l-5 -5 z" fill="${fill}" stroke="${s.color}" stroke-width="1.5">${title}</path>`,
        );
      } else if (s.marker !== 'none') {
        parts.push(
          `<circle class="marker" cx="${x}" cy="${y}" r="4" fill="${fill}" stroke="${s.color}" stroke-width="1.5">${title}</circle>`,
        );
      }
      if (p.label !== undefined) labels.push({ x: sx(p.x), y: sy(p.y), text: p.label });
    }
    parts.push('</g>');
  }
  parts.push(...placeLabels(labels, width));
  // legend
  legendItems.forEach((s, i) => {
    const at = legend.positions[i] ?? { x: 0, row: 0 };
    const lx = margin.left + at.x;
    const ly = 10 + at.row * 20;
    const swatch =
      s.line === false
        ? s.marker === 'diamond'
          ? `<path d="M${lx + 9} ${ly - 1} l5 5 l-5 5 l-5 -5 z" fill="${s.color}"/>`
          : `<circle cx="${lx + 9}" cy="${ly + 4}" r="4" fill="${s.color}"/>`
        : `<line x1="${lx}" x2="${lx + 18}" y1="${ly + 4}" y2="${ly + 4}" stroke="${s.color}" stroke-width="2.5"${s.dashed === true ? ' stroke-dasharray="5 3"' : ''}/>`;
    parts.push(
      `<g class="legend-item">${swatch}<text x="${lx + 24}" y="${ly + 4}" dy="0.32em" fill="#111827">${escapeHtml(s.name)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
