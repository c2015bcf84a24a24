import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunStore } from '../store/run-store.js';
import { buildReportModel, type ReportInput } from './build-report-model.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportModel } from './report-model.js';

export type ReportFormat = 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md'];

/** `<store dir>/<run>.report.html` (or `.report.md`). */
export function defaultReportPath(storeDir: string, runId: string, format: ReportFormat = 'html'): string {
  return join(storeDir, `${runId}.report.${format}`);
}

/** Reads a run's records from the store (rollouts streamed) and derives the report model. */
export function readReportModel(store: RunStore, runId: string): ReportModel {
  const run = store.requireRun(runId);
  const artifacts: Record<string, unknown> = {};
  for (const name of store.artifactNames(runId)) artifacts[name] = store.getArtifact(runId, name);
  const input: ReportInput = {
    run,
    candidates: store.candidates(runId),
    events: store.events(runId),
    rollouts: store.rollouts(runId),
    artifacts,
  };
  return buildReportModel(input);
}

/** The report of a run as text, in HTML (one self-contained file) or Markdown. */
export function renderReport(model: ReportModel, format: ReportFormat, generatedAt?: string): string {
  return format === 'md'
    ? renderMarkdown(model)
    : renderHtml(model, generatedAt === undefined ? {} : { generatedAt });
}

/**
 * Writes the report of `runId` to `path` (parent directories created) and returns the path. The one
 * report function that touches the file system; `sepo report`, `sepo optimize` and `sepo compare` call it.
 */
export function writeReport(
  store: RunStore,
  runId: string,
  path: string,
  format: ReportFormat = 'html',
): string {
  const model = readReportModel(store, runId);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderReport(model, format, new Date().toISOString()));
  return path;
}
