import { escapeMarkdownCell, markdownFence } from './escape.js';
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
import { costAxis } from './html-compare.js';
import { SIMULATED_TEXT } from './render-html.js';
import type { ReportModel } from './report-model.js';
import { SPEND_COLUMNS, spendCells } from './spend-table.js';
import { diffStats, wordDiff } from './word-diff.js';

/** Changed test examples listed in Markdown (the HTML report lists all). */
export const MAX_MARKDOWN_FLIPS = 30;
/** Archive rows listed in Markdown. */
export const MAX_MARKDOWN_ARCHIVE = 50;

function mdTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  numeric: readonly boolean[] = [],
): string {
  const head = `| ${headers.map(escapeMarkdownCell).join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (numeric[i] === true ? '---:' : '---')).join('|')}|`;
  const body = rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

/**
 * The report as Markdown, for pull requests and papers: the same numbers as the HTML report (summary,
 * seed vs best with intervals, spend, comparison or diagnosis tables, flipped examples, best prompt),
 * without the interactive parts.
 */
export function renderMarkdown(m: ReportModel): string {
  const s = m.summary;
  const out: string[] = [`# sepo report: ${m.run.kind} run ${m.run.id}`, ''];
  if (m.simulated) out.push(`> **${SIMULATED_TEXT}**`, '');
  for (const note of m.notes) out.push(`> ${note}`, '');
  const facts: Array<readonly [string, string | undefined]> = [
    ['task', s.task],
    ['task model', s.model],
    ['optimizer model', s.optimizerModel],
    ['method', s.method],
    ['seed', String(s.seed)],
    ['status', m.run.status],
    [
      'budget',
      [
        ...(s.budget.rollouts === undefined ? [] : [`${count(s.budget.rollouts)} rollouts`]),
        ...(s.budget.maxCostUsd === undefined ? [] : [`${usd(s.budget.maxCostUsd)} max cost`]),
      ].join(', ') +
        (m.run.kind === 'compare' && s.budget.rollouts !== undefined ? ' per method and seed' : '') ||
        'no limit set',
    ],
    ['stopped because', s.stopReason],
    [
      'best prompt',
      s.bestId === undefined
        ? undefined
        : `${s.bestId}${s.chosenBy === undefined ? '' : ` (chosen by ${s.chosenBy})`}`,
    ],
    ['error', s.error],
    ...s.extra,
  ];
  for (const [k, v] of facts)
    if (v !== undefined && v !== '') out.push(`- **${k}:** ${escapeMarkdownCell(v)}`);
  out.push('');
  if (s.accuracy !== undefined) {
    out.push(
      `**Accuracy${s.accuracy.split === undefined ? '' : ` (${s.accuracy.split})`}:** ${pctInterval(s.accuracy)}${s.accuracy.n === undefined ? '' : `, n = ${s.accuracy.n}`}`,
      '',
    );
  }
  if (s.scores.length > 0) {
    out.push('## Seed vs best', '');
    out.push(
      mdTable(
        ['split', 'n', 'seed', 'best', 'change'],
        s.scores.map((r) => [
          r.split,
          r.n === undefined ? DASH : count(r.n),
          r.split === 'test' ? pctInterval(r.seed) : pct(r.seed?.mean),
          r.split === 'test' ? pctInterval(r.best) : pct(r.best?.mean),
          r.seed === undefined || r.best === undefined ? DASH : `${points(r.best.mean - r.seed.mean)} pts`,
        ]),
        [false, true, true, true, true],
      ),
      '',
    );
    if (s.difference !== undefined) {
      out.push(
        `Paired difference on test (best − seed): ${pointsInterval(s.difference)}. Intervals are 95%.`,
        '',
      );
    }
  }
  if (s.spend.length > 0) {
    out.push('## Spend', '');
    out.push(
      mdTable([...SPEND_COLUMNS], s.spend.map(spendCells), [
        false,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
      ]),
      '',
    );
  }
  if (m.compare !== undefined) {
    const c = m.compare;
    out.push('## Method comparison', '');
    out.push(
      mdTable(
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
        c.rows.map((r) => [
          r.method,
          r.seeds === undefined ? DASH : String(r.seeds),
          pctInterval(r.accuracy),
          r.method === c.baseline ? '(baseline)' : pointsInterval(r.difference),
          count(r.rollouts),
          count(r.optimizerCalls),
          tokens(r.tokens),
          usd(r.usd),
          duration(r.wallMs),
        ]),
        [false, true, true, true, true, true, true, true, true],
      ),
      '',
      `Cost axis of the HTML plot: ${costAxis(c).label}.`,
      '',
    );
  }
  if (m.diagnose !== undefined) {
    const d = m.diagnose;
    out.push('## Diagnosis', '');
    if (d.headline !== undefined) out.push(`**${d.headline}**`, '');
    if (d.explanation !== undefined) out.push(d.explanation, '');
    out.push(
      `N = ${count(d.shape.prompts)} system prompts × K = ${count(d.shape.examples)} examples × M = ${sig(d.shape.samples)} responses; mean reward ${pct(d.meanReward)} (${d.source}).`,
      '',
    );
    const level = d.level === undefined ? '95%' : `${Math.round(d.level * 100)}%`;
    out.push(
      mdTable(
        ['quantity', 'estimate', `${level} interval`],
        d.decomposition.map((r) => [
          r.name,
          sig(r.value),
          r.low === undefined || r.high === undefined ? DASH : `${sig(r.low)} – ${sig(r.high)}`,
        ]),
        [false, true, true],
      ),
      '',
    );
    for (const [name, rows, label] of [
      ['K-curve (examples per subset)', d.kCurve, 'K'],
      ['M-curve (responses per cell)', d.mCurve, 'M'],
    ] as const) {
      if (rows.length === 0) continue;
      out.push(`### ${name}`, '');
      out.push(
        mdTable(
          [label, 'signal', 'noise', 'ratio'],
          rows.map((r) => [String(r.size), sig(r.signal), sig(r.noise), sig(r.ratio)]),
          [true, true, true, true],
        ),
        '',
      );
    }
    if (d.subsets.length > 0) {
      out.push('### Top training subsets', '');
      out.push(
        mdTable(
          ['rank', 'examples', 'Score(S)', `${level} interval`, 'signal / noise', 'M for target'],
          d.subsets.map((x, i) => [
            String(i + 1),
            x.ids.join(', '),
            sig(x.score),
            x.low === undefined || x.high === undefined ? DASH : `${sig(x.low)} – ${sig(x.high)}`,
            sig(x.ratio),
            x.samplesNeeded === undefined ? DASH : count(x.samplesNeeded),
          ]),
          [true, false, true, true, true, true],
        ),
        '',
      );
    }
  }
  if (m.timeline !== undefined) {
    const totals = Object.entries(m.timeline.totals);
    if (totals.length > 0) {
      out.push('## Score over rollouts', '');
      for (const group of m.timeline.groups) {
        const val = m.timeline.series.find((x) => x.group === group && x.split === 'val');
        const train = m.timeline.series.find((x) => x.group === group && x.split === 'train');
        const last = (pts: ReadonlyArray<readonly [number, number]> | undefined): string =>
          pts === undefined || pts.length === 0 ? DASH : pct(pts[pts.length - 1]?.[1]);
        out.push(
          `- ${group === '' ? 'run' : escapeMarkdownCell(group)}: ${count(m.timeline.totals[group])} rollouts${m.timeline.estimated ? ' (estimated)' : ''}; best validation ${last(val?.points)}, best train ${last(train?.points)}`,
        );
      }
      out.push('');
    }
  }
  if (m.lineage !== undefined) {
    const l = m.lineage;
    out.push('## Archive', '');
    out.push(
      mdTable(
        ['candidate', 'parent', 'generation', 'status', 'train', 'validation', 'words +/−'],
        l.nodes.slice(0, MAX_MARKDOWN_ARCHIVE).map((n) => {
          const stats = n.diff === undefined ? undefined : diffStats(n.diff);
          return [
            `${n.id}${n.isBest ? ' (best)' : ''}`,
            n.parentId ?? DASH,
            String(n.generation),
            n.status,
            pct(n.train),
            pct(n.val),
            stats === undefined ? DASH : `+${stats.added} / −${stats.removed}`,
          ];
        }),
        [false, false, true, false, true, true, true],
      ),
      '',
    );
    if (l.nodes.length > MAX_MARKDOWN_ARCHIVE) {
      out.push(`…and ${l.nodes.length - MAX_MARKDOWN_ARCHIVE} more candidates (see the HTML report).`, '');
    }
  }
  if (m.flips !== undefined) {
    const f = m.flips;
    out.push('## Test examples: best vs seed', '');
    out.push(
      f.binary
        ? `${f.n} examples: ${f.improved} fixed, ${f.worsened} broken, ${f.bothRight} right with both, ${f.bothWrong} wrong with both.`
        : `${f.n} examples: ${f.improved} improved, ${f.worsened} worsened, ${f.unchanged} unchanged.`,
      '',
    );
    const changed = f.rows.filter((r) => r.best !== r.seed);
    if (changed.length > 0) {
      const shown = changed.slice(0, MAX_MARKDOWN_FLIPS);
      out.push(
        mdTable(
          ['example', 'seed', 'best', 'change'],
          shown.map((r) => [
            r.id,
            sig(r.seed),
            sig(r.best),
            r.best > r.seed ? (f.binary ? 'fixed' : 'improved') : f.binary ? 'broken' : 'worsened',
          ]),
          [false, true, true, false],
        ),
        '',
      );
      if (changed.length > shown.length)
        out.push(`…and ${changed.length - shown.length} more changed examples (see the HTML report).`, '');
    }
  }
  if (s.bestPrompt !== undefined) {
    out.push('## Best prompt', '', markdownFence(s.bestPrompt), '');
    if (s.seedPrompt !== undefined && s.seedPrompt !== s.bestPrompt) {
      const stats = diffStats(wordDiff(s.seedPrompt, s.bestPrompt));
      out.push(
        `Against the seed prompt: +${stats.added} / −${stats.removed} words.`,
        '',
        '<details><summary>seed prompt</summary>',
        '',
        markdownFence(s.seedPrompt),
        '',
        '</details>',
        '',
      );
    }
  }
  const versions = Object.entries(m.run.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  out.push(`_Generated by sepo${versions === '' ? '' : ` (${versions})`} from run ${m.run.id}._`, '');
  return out.join('\n');
}
