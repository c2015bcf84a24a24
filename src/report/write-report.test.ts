import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/run-store.js';
import {
  INJECTION,
  optimizeInput,
  optimizeRollouts,
  saveFixture,
  tempDir,
} from './test-support/report-fixtures.js';
import { defaultReportPath, readReportModel, writeReport } from './write-report.js';

describe('writeReport', () => {
  let temp = tempDir();
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('reads a run from a real store and writes HTML and Markdown', () => {
    const store = RunStore.open(join(temp.dir, 'store'));
    try {
      const runId = saveFixture(store, optimizeInput(), optimizeRollouts());
      const model = readReportModel(store, runId);
      expect(model.run.id).toBe(runId);
      expect(model.timeline?.points.map((p) => p.x)).toEqual([9, 13, 22, 35]);
      expect(model.flips?.rows[0]?.seedResponse).toBe(`seed says ${INJECTION}`);
      expect(model.summary.stopReason).toBe('finished 2 generations');

      const html = writeReport(store, runId, join(temp.dir, 'out', 'nested', 'r.html'));
      expect(readFileSync(html, 'utf8')).toContain('<section id="lineage">');
      const md = writeReport(store, runId, join(temp.dir, 'r.md'), 'md');
      expect(readFileSync(md, 'utf8')).toContain(`# sepo report: optimize run ${runId}`);
    } finally {
      store.close();
    }
  });

  it('names an unknown run in its error', () => {
    const store = RunStore.open(join(temp.dir, 'store'));
    try {
      expect(() => writeReport(store, 'r-nope', join(temp.dir, 'x.html'))).toThrow(/no run r-nope/);
    } finally {
      store.close();
    }
  });

  it('puts the default report beside the run in the store', () => {
    expect(defaultReportPath('.sepo', 'r1')).toBe(join('.sepo', 'r1.report.html'));
    expect(defaultReportPath('s', 'r1', 'md')).toBe(join('s', 'r1.report.md'));
  });
});
