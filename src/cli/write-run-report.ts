import { defaultReportPath, writeReport } from '../report/write-report.js';
import { RunStore } from '../store/run-store.js';
import type { ParsedOptions } from './options.js';

/** Writes `<store>/<run>.report.html` after a run finished; returns its path. */
export function writeRunReport(parsed: ParsedOptions, runId: string): string {
  const storeDir = typeof parsed.store === 'string' ? parsed.store : '.sepo';
  const store = RunStore.open(storeDir);
  try {
    return writeReport(store, runId, defaultReportPath(storeDir, runId));
  } finally {
    store.close();
  }
}
