/** The report's stylesheet (inline: the file must open from disk with no network). */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --accent: #2563eb; --good: #15803d; --bad: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8fafc; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 12px 20px; margin-bottom: 8px; }
h1 { font-size: 26px; margin: 0; }
h2 { font-size: 20px; margin: 0 0 10px; }
h3 { font-size: 16px; margin: 18px 0 8px; }
h4 { font-size: 13px; margin: 10px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 18px 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; background: #e0e7ff; color: #3730a3; font-size: 13px; }
.badge.status-finished { background: #dcfce7; color: #166534; }
.badge.status-failed, .badge.status-cancelled, .badge.status-budget-exhausted, .badge.status-running { background: #fef3c7; color: #92400e; }
.meta { color: var(--muted); font-size: 13px; }
.banner { background: #fef3c7; border: 1px solid #f59e0b; color: #78350f; padding: 10px 16px; border-radius: 8px; font-weight: 600; margin: 12px 0; }
.notes { background: #eff6ff; border: 1px solid #bfdbfe; padding: 8px 16px; border-radius: 8px; margin: 12px 0; }
.notes p { margin: 4px 0; }
.intro, .note { color: var(--muted); font-size: 14px; margin: 4px 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 6px 0 14px; }
.card { flex: 1 1 160px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: #fcfcfd; }
.card.good { border-color: #86efac; background: #f0fdf4; }
.card.bad { border-color: #fca5a5; background: #fef2f2; }
.card-label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.card-value { font-size: 24px; font-weight: 650; margin-top: 2px; }
.card-detail { font-size: 12px; color: var(--muted); }
.two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 10px 28px; align-items: start; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 4px 0 8px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; border-bottom: 2px solid var(--line); }
td.nowrap { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.compact, table.scores, table.decomposition, table.subsets, table.diag-prompts { width: auto; min-width: 50%; }
table.compact { min-width: 0; }
table.compact td, table.compact th { padding: 3px 10px; }
pre.prompt, pre.response { white-space: pre-wrap; overflow-wrap: anywhere; background: #f9fafb; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 0; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-height: 420px; overflow: auto; }
ins.diff-add { background: #dcfce7; color: #14532d; text-decoration: none; border-radius: 3px; }
del.diff-del { background: #fee2e2; color: #7f1d1d; border-radius: 3px; }
figure.chart-box { margin: 8px 0; overflow-x: auto; }
figure.chart-box figcaption { color: var(--muted); font-size: 13px; }
svg.chart { max-width: 100%; height: auto; background: #fff; }
svg .empty { fill: var(--muted); }
.tree-scroll { overflow: auto; max-height: 640px; border: 1px solid var(--line); border-radius: 8px; background: #fcfcfd; }
svg.lineage-tree { display: block; margin: 0 auto; }
svg.lineage-tree .node { cursor: pointer; outline: none; }
svg.lineage-tree .node:hover .dot, svg.lineage-tree .node:focus .dot { stroke: var(--accent); stroke-width: 3; }
svg.lineage-tree .node.selected .dot { stroke: var(--accent); stroke-width: 4; stroke-dasharray: none; }
svg.lineage-legend { max-width: 100%; height: auto; margin-top: 6px; }
.node-detail { border-top: 1px solid var(--line); margin-top: 12px; padding-top: 6px; }
.node-meta { display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 14px; }
.rationale { margin: 0; color: #374151; white-space: pre-wrap; }
.strip { display: flex; flex-wrap: wrap; gap: 3px; margin: 4px 0; }
.cell { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle; }
.cell.up { background: #16a34a; } .cell.down { background: #dc2626; }
.cell.right { background: #bbf7d0; } .cell.wrong { background: #e5e7eb; } .cell.same { background: #fde68a; }
.strip-legend .cell { margin-left: 10px; }
span.up { color: var(--good); font-weight: 600; } span.down { color: var(--bad); font-weight: 600; }
.verdict { border-left: 4px solid var(--accent); background: #eff6ff; padding: 10px 14px; border-radius: 6px; margin-bottom: 10px; }
.verdict p { margin: 6px 0 0; color: #1f2937; }
.bar { display: inline-block; width: 90px; height: 10px; background: #e5e7eb; border-radius: 5px; vertical-align: middle; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: var(--accent); }
.scroll-y { max-height: 460px; overflow-y: auto; border: 1px solid var(--line); border-radius: 6px; }
.scroll-y table { margin: 0; }
.scroll-y thead th { position: sticky; top: 0; background: #fff; }
details > summary { cursor: pointer; color: var(--accent); }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
`;
