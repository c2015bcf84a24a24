import { escapeHtml } from './escape.js';
import { count, DASH, pct, pctInterval, points, pointsInterval, sig, usd } from './format-numbers.js';
import { type Cell, card, diffSlot, facts, num, section, table, textSlot } from './html-parts.js';
import type { ReportModel } from './report-model.js';
import { SPEND_COLUMNS, spendCells } from './spend-table.js';

function budgetText(m: ReportModel): string | undefined {
  const b = m.summary.budget;
  const parts = [
    ...(b.rollouts === undefined ? [] : [`${count(b.rollouts)} task-model rollouts`]),
    ...(b.maxCostUsd === undefined ? [] : [`${usd(b.maxCostUsd)} max cost`]),
  ];
  if (parts.length === 0) return 'no limit set (method defaults)';
  return m.run.kind === 'compare' ? `${parts.join(', ')} per method and seed` : parts.join(', ');
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
    const budget =
      m.run.kind === 'compare'
        ? 'summed over the runs'
        : s.budget.rollouts === undefined
          ? undefined
          : `budget ${count(s.budget.rollouts)} (the test evaluation is exempt)`;
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
          [...SPEND_COLUMNS],
          s.spend.map((r) => spendCells(r).map((cell, k) => (k === 0 ? cell : num(cell)))),
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
