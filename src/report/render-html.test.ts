import { describe, expect, it } from 'vitest';
import { buildReportModel } from './build-report-model.js';
import { pageData, renderHtml } from './render-html.js';
import { compareInput, diagnoseInput } from './test-support/analysis-fixtures.js';
import { INJECTION, optimizeInput, runRecord } from './test-support/report-fixtures.js';

/** The document without its JSON data block. */
function markup(html: string): string {
  return html.replace(/<script type="application\/json" id="report-data">[^<]*<\/script>/, '');
}

function dataBlock(html: string): unknown {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('no data block');
  return JSON.parse(match[1]);
}

describe('renderHtml', () => {
  const model = buildReportModel(optimizeInput());
  const html = renderHtml(model, { generatedAt: '2026-01-01T00:00:00Z' });

  it('is one self-contained document: inline style and script, nothing loaded from elsewhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(markup(html)).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(markup(html)).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('has the summary, banner, charts, tree, flips and footer', () => {
    expect(html).toContain('id="simulated-banner"');
    for (const id of ['summary', 'timeline', 'lineage', 'examples'])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('data-chart="score-timeline"');
    expect(html).toContain('data-chart="lineage"');
    expect(html.match(/<g class="node/g)).toHaveLength(4);
    expect(html).toContain('50.0% [19.0%, 81.0%]');
    expect(html).toContain('+16.7 pts');
    expect(html).toContain('at 2026-01-01T00:00:00Z');
  });

  it('never puts stored text into the markup: it travels as escaped JSON', () => {
    const scripts = html.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(2);
    expect(markup(html)).not.toContain('window.__pwned');
    expect(html).not.toContain('</svg><img');
    const block = /id="report-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(block).toContain('window.__pwned');
    expect(block).not.toMatch(/[<>]/);
    const data = dataBlock(html) as {
      nodes: Array<{ id: string; prompt: string; rationale?: string }>;
      texts: Record<string, string>;
    };
    expect(data.nodes.find((n) => n.id === 't1')?.prompt).toBe(INJECTION);
    expect(data.texts['flip:0:seed']).toBe(`seed says ${INJECTION}`);
  });

  it('escapes ids and labels drawn in the markup', () => {
    const input = optimizeInput();
    const evil = '<b onmouseover=x>t9</b>';
    const m = buildReportModel({
      ...input,
      run: runRecord('optimize', { result: { task: evil, model: 'sim:<x>' } }),
      candidates: [{ ...input.candidates[0], id: evil } as (typeof input.candidates)[number]],
    });
    const out = renderHtml(m);
    expect(out).not.toContain('<b onmouseover');
    expect(out).toContain('&lt;b onmouseover=x&gt;t9&lt;/b&gt;');
  });

  it('renders diagnose and compare sections', () => {
    const diag = renderHtml(buildReportModel(diagnoseInput()));
    expect(diag).toContain('<section id="diagnose">');
    expect(diag).toContain('data-chart="k-curve"');
    expect(diag).toContain('data-chart="m-curve"');
    expect(diag).toContain('e2, e5');
    expect(diag).not.toContain('<section id="lineage">');
    const cmp = renderHtml(buildReportModel(compareInput()));
    expect(cmp).toContain('<section id="compare">');
    expect(cmp).toContain('data-chart="accuracy-cost"');
    expect(cmp).toContain('cost (USD)');
    expect(cmp).toContain('(baseline)');
  });

  it('still renders with almost nothing recorded', () => {
    const out = renderHtml(
      buildReportModel({ run: runRecord('eval', undefined, { status: 'running' }), candidates: [] }),
    );
    expect(out).toContain('<section id="summary">');
    expect(out).not.toContain('<section id="lineage">');
  });

  it('ships the seed-to-best diff and the prompts in the data block', () => {
    const data = pageData(model) as {
      texts: Record<string, string>;
      diffs: Record<string, unknown[]>;
      bestId: string;
    };
    expect(data.bestId).toBe('t2');
    expect(data.texts.seedPrompt).toContain('Think step by step');
    expect(data.diffs.seedToBest?.length).toBeGreaterThan(1);
  });
});
