// Reports of a run: pure renderers from store records (HTML, Markdown) and one writer.
export {
  buildReportModel,
  candidatesFromEvents,
  type ReportInput,
  type ReportRollout,
} from './build-report-model.js';
export { escapeHtml, jsonForScript } from './escape.js';
export { renderHtml } from './render-html.js';
export { renderMarkdown } from './render-markdown.js';
export type * from './report-model.js';
export { type DiffPart, diffStats, wordDiff } from './word-diff.js';
export {
  defaultReportPath,
  REPORT_FORMATS,
  type ReportFormat,
  readReportModel,
  renderReport,
  writeReport,
} from './write-report.js';
