import { describe, expect, it } from 'vitest';
import { buildReportModel } from './build-report-model.js';
import { renderMarkdown } from './render-markdown.js';
import { compareInput, diagnoseInput } from './test-support/analysis-fixtures.js';
import { optimizeInput } from './test-support/report-fixtures.js';

describe('renderMarkdown', () => {
  it('has the optimize summary with the same numbers as the HTML report', () => {
    const md = renderMarkdown(buildReportModel(optimizeInput()));
    expect(md).toContain('# sepo report: optimize run r20260101-000000-abcd');
    expect(md).toContain('> **SIMULATED');
    expect(md).toContain('- **budget:** 60 rollouts');
    expect(md).toContain('| test | 6 | 50.0% [19.0%, 81.0%] | 66.7% [30.0%, 90.0%] | +16.7 pts |');
    expect(md).toContain('Paired difference on test (best − seed): +16.7 pts [−30.0, +63.0], p=0.48');
    expect(md).toContain('| task model | 60 | 58 | 2 | 0 | 1 | 12.0k | 3400 | $0.0123 | 4.2 s |');
    expect(md).toContain('6 examples: 2 fixed, 1 broken, 2 right with both, 1 wrong with both.');
    expect(md).toContain('| t2 (best) | t0 | 1 | admitted | 75.0% | 80.0% | +3 / −0 |');
    expect(md).toMatch(/## Best prompt\n\n```text\nThink step by step\. Check the units\./);
  });

  it('keeps prompt text out of table markup', () => {
    const md = renderMarkdown(buildReportModel(optimizeInput()));
    expect(md).not.toContain('<script>');
  });

  it('has the diagnosis and the comparison tables', () => {
    const diag = renderMarkdown(buildReportModel(diagnoseInput()));
    expect(diag).toContain('**heterogeneous: filter recommended');
    expect(diag).toContain('| signal | 0.0081 | 0.002 – 0.014 |');
    expect(diag).toContain('| 1 | e2, e5 | 0.031 | 0.004 – 0.07 | 3.4 | 5 |');
    expect(diag).toContain('### K-curve');
    const cmp = renderMarkdown(buildReportModel(compareInput()));
    expect(cmp).toContain(
      '| sepo | 2 | 60.0% [30.0%, 80.0%] | +5.0 pts [−2.0, +12.0], p=0.20 | 7 | 3 | 1000 | $0.0300 | 1.5 s |',
    );
    expect(cmp).toContain('| manual | 2 | 50.0% [30.0%, 80.0%] | (baseline) |');
  });
});
