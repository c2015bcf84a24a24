import { escapeHtml } from './escape.js';

/** A table cell: text (escaped) or markup built by this module's callers from escaped parts. */
export type Cell = string | { readonly html: string; readonly className?: string };

export function cellHtml(cell: Cell, tag: 'td' | 'th'): string {
  if (typeof cell === 'string') return `<${tag}>${escapeHtml(cell)}</${tag}>`;
  const cls = cell.className === undefined ? '' : ` class="${escapeHtml(cell.className)}"`;
  return `<${tag}${cls}>${cell.html}</${tag}>`;
}

export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  options: { readonly className?: string; readonly id?: string } = {},
): string {
  const cls = options.className === undefined ? '' : ` class="${escapeHtml(options.className)}"`;
  const id = options.id === undefined ? '' : ` id="${escapeHtml(options.id)}"`;
  const head = `<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
  return `<table${id}${cls}>${head}<tbody>${body}</tbody></table>`;
}

export function num(text: string): Cell {
  return { html: escapeHtml(text), className: 'num' };
}

export function section(id: string, title: string, body: string, intro?: string): string {
  const lead = intro === undefined ? '' : `<p class="intro">${escapeHtml(intro)}</p>`;
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>${lead}${body}</section>`;
}

export function facts(rows: ReadonlyArray<readonly [string, string | undefined]>): string {
  const items = rows
    .filter((r): r is readonly [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  return `<dl class="facts">${items}</dl>`;
}

export function card(label: string, value: string, detail?: string, tone?: 'good' | 'bad'): string {
  const cls = tone === undefined ? 'card' : `card ${tone}`;
  const sub = detail === undefined ? '' : `<div class="card-detail">${escapeHtml(detail)}</div>`;
  return `<div class="${cls}"><div class="card-label">${escapeHtml(label)}</div><div class="card-value">${escapeHtml(value)}</div>${sub}</div>`;
}

/** A text block filled by the page script from the data block (`texts[key]`), never parsed as HTML. */
export function textSlot(key: string, className = 'prompt'): string {
  return `<pre class="${escapeHtml(className)}" data-text="${escapeHtml(key)}"></pre>`;
}

/** A word diff filled by the page script from `diffs[key]`. */
export function diffSlot(key: string): string {
  return `<pre class="prompt diff" data-diff="${escapeHtml(key)}"></pre>`;
}

/** A horizontal bar in [0, 1] for table cells. */
export function bar(value: number | undefined, label: string): Cell {
  const width = value === undefined || !Number.isFinite(value) ? 0 : Math.max(0, Math.min(1, value)) * 100;
  return {
    html: `<span class="bar"><span class="bar-fill" style="width:${width.toFixed(1)}%"></span></span> ${escapeHtml(label)}`,
    className: 'num',
  };
}
