import { ConfigError } from '../../errors.js';
import { spendText } from '../../run/format.js';
import type { Spend } from '../../spec/usage.js';
import { exportRun, RunStore } from '../../store/index.js';
import type { OptionDef, ParsedOptions } from '../options.js';

export const STORE_OPTIONS: readonly OptionDef[] = [
  { name: 'store', kind: 'string', description: 'run directory (default ./.sepo)' },
  { name: 'json', kind: 'boolean', description: 'print JSON' },
];

export const EXPORT_OPTIONS: readonly OptionDef[] = [
  { name: 'format', kind: 'string', choices: ['jsonl', 'csv'], description: 'output format (default jsonl)' },
  { name: 'store', kind: 'string', description: 'run directory (default ./.sepo)' },
];

function storeDir(parsed: ParsedOptions): string {
  return typeof parsed.store === 'string' ? parsed.store : '.sepo';
}

/** These commands only read: the store is opened read-only and never created (see RunStore.openReadOnly). */
function openStore(parsed: ParsedOptions): RunStore {
  return RunStore.openReadOnly(storeDir(parsed));
}

/** `sepo runs`: one line per run, newest first. */
export function runsCommand(parsed: ParsedOptions): number {
  if (!RunStore.exists(storeDir(parsed))) {
    process.stdout.write(parsed.json === true ? '[]\n' : 'no runs yet\n');
    return 0;
  }
  const store = openStore(parsed);
  try {
    const runs = store.listRuns();
    if (parsed.json === true) {
      process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write('no runs yet\n');
      return 0;
    }
    for (const run of runs) {
      const config = run.config as Record<string, unknown>;
      const what = [config.task, config.model, config.method].filter((x) => x !== undefined).join(' ');
      process.stdout.write(
        `${run.id}  ${run.kind.padEnd(9)} ${run.status.padEnd(17)} ${run.createdAt}  ${what}\n`,
      );
    }
    return 0;
  } finally {
    store.close();
  }
}

/** The run's whole spend: the command's own total when it reports one (e.g. SePO's pre-training line), else the run engine's. */
function spendLines(result: { spend?: Spend; result?: Record<string, unknown> } | undefined): string[] {
  const spend = (result?.result?.spend as Spend | undefined) ?? result?.spend;
  return spend === undefined ? [] : [spendText(spend)];
}

/** `sepo show <run>`: the stored configuration, status, spend and result. */
export function showCommand(parsed: ParsedOptions, positionals: readonly string[]): number {
  const id = positionals[0];
  if (id === undefined) throw new ConfigError('sepo show', 'missing run id; list runs with `sepo runs`');
  const store = openStore(parsed);
  try {
    const run = store.requireRun(id);
    const summary = {
      ...run,
      rollouts: store.countRollouts(run.id),
      candidates: store.candidates(run.id).length,
    };
    if (parsed.json === true) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    const config = Object.entries(run.config as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => (v === true ? `--${k}` : v === false ? `--no-${k}` : `--${k} ${String(v)}`))
      .join(' ');
    const result = run.result as
      | { spend?: Spend; error?: string; result?: Record<string, unknown> }
      | undefined;
    const lines = [
      `run ${run.id} (${run.kind}), ${run.status}, created ${run.createdAt}, updated ${run.updatedAt}`,
      `options: ${config}`,
      `seed ${run.seed}; versions ${Object.entries(run.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `stored: ${summary.rollouts} rollouts, ${summary.candidates} candidates`,
      ...spendLines(result),
      ...(result?.error === undefined ? [] : [`error: ${result.error}`]),
      ...(run.status === 'running' || run.status === 'cancelled' || run.status === 'budget-exhausted'
        ? [`resume with: sepo ${run.kind} --resume ${run.id}`]
        : []),
      'full record: sepo show --json',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

/** `sepo export <run> --format jsonl|csv`: every rollout of the run on stdout. */
export function exportCommand(parsed: ParsedOptions, positionals: readonly string[]): number {
  const id = positionals[0];
  if (id === undefined) throw new ConfigError('sepo export', 'missing run id; list runs with `sepo runs`');
  const format = parsed.format === 'csv' ? 'csv' : 'jsonl';
  const store = openStore(parsed);
  try {
    store.requireRun(id);
    exportRun(store, id, format, (chunk) => process.stdout.write(chunk));
    return 0;
  } finally {
    store.close();
  }
}
