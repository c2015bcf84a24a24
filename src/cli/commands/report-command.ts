import { ConfigError } from '../../errors.js';
import { defaultReportPath, REPORT_FORMATS, type ReportFormat, writeReport } from '../../report/index.js';
import { RunStore } from '../../store/index.js';
import type { OptionDef, ParsedOptions } from '../options.js';

export const REPORT_OPTIONS: readonly OptionDef[] = [
  {
    name: 'out',
    kind: 'string',
    description: 'write the report here (default <store>/<run>.report.html, or .report.md)',
  },
  {
    name: 'format',
    kind: 'string',
    choices: REPORT_FORMATS,
    description: 'html (one self-contained file, default) or md (Markdown summary)',
  },
  { name: 'store', kind: 'string', description: 'run directory (default ./.sepo)' },
];

/** `sepo report [<run>]`: writes the report of a run (the newest when none is named) and prints its path. */
export function reportCommand(parsed: ParsedOptions, positionals: readonly string[]): number {
  if (positionals.length > 1) {
    throw new ConfigError(
      'sepo report',
      `expected one run id, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const storeDir = typeof parsed.store === 'string' ? parsed.store : '.sepo';
  const format: ReportFormat = parsed.format === 'md' ? 'md' : 'html';
  if (!RunStore.exists(storeDir)) {
    throw new ConfigError('sepo report', `no runs in ${storeDir}; start one with \`sepo optimize\``);
  }
  // Reading only: a read-only store can be reported on (with --out somewhere writable).
  const store = RunStore.openReadOnly(storeDir);
  try {
    const runId = positionals[0] ?? store.latestRun()?.id;
    if (runId === undefined) {
      throw new ConfigError('sepo report', `no runs in ${storeDir}; start one with \`sepo optimize\``);
    }
    const out = typeof parsed.out === 'string' ? parsed.out : defaultReportPath(storeDir, runId, format);
    const path = writeReport(store, runId, out, format);
    process.stdout.write(`report of run ${runId} written to ${path}\n`);
    return 0;
  } finally {
    store.close();
  }
}
