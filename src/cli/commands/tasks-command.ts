import { listSimTasks, loadSimTask } from '../../sim/index.js';
import type { Task } from '../../spec/task.js';
import { datasetSource } from '../../tasks/data/dataset-sources.js';
import { datasetFilesPresent } from '../../tasks/data/ensure-dataset-files.js';
import { defaultDataDir, loadTask } from '../../tasks/load-task.js';
import { scorerNames } from '../../tasks/scorers/scorer-registry.js';
import { builtinTaskIds, getBuiltinTask } from '../../tasks/task-registry.js';
import type { OptionDef, ParsedOptions } from '../options.js';

export const TASKS_OPTIONS: readonly OptionDef[] = [
  {
    name: 'data-dir',
    kind: 'string',
    description: 'built-in dataset files (default $SEPO_DATA_DIR, else the download cache)',
  },
  { name: 'json', kind: 'boolean', description: 'print the list as JSON on stdout' },
];

export interface TaskListing {
  readonly id: string;
  readonly source: 'builtin' | 'sim';
  readonly kind: string;
  readonly domain: string;
  readonly description: string;
  /** Built-in: whether its files are in the data dir (else they download on first use). */
  readonly available: boolean;
  readonly files: readonly string[];
  /** Built-in and not on disk: whether sepo knows a public source to download it from. */
  readonly downloadable?: boolean;
  readonly splits?: { readonly train: number; readonly val: number; readonly test: number };
  /** Why an available task did not load (a malformed file...). */
  readonly error?: string;
}

export interface TasksResult {
  readonly dataDir: string;
  readonly tasks: readonly TaskListing[];
  readonly custom: readonly string[];
  readonly scorers: readonly string[];
}

function sizes(task: Task): { train: number; val: number; test: number } {
  return { train: task.splits.train.length, val: task.splits.val.length, test: task.splits.test.length };
}

/** Every task sepo knows: built-in datasets (loaded when their data is present) and simulated tasks. */
export function listTasks(dataDir: string): TasksResult {
  const tasks: TaskListing[] = [];
  for (const id of builtinTaskIds()) {
    const builtin = getBuiltinTask(id);
    if (builtin === undefined) continue;
    const base = { ...builtin.info, source: 'builtin' as const, files: builtin.files };
    if (!datasetFilesPresent(id, dataDir)) {
      const downloadable = builtin.files.every((f) => datasetSource(f) !== undefined);
      tasks.push({ ...base, available: false, downloadable });
      continue;
    }
    try {
      tasks.push({ ...base, available: true, splits: sizes(loadTask(id, { dataDir })) });
    } catch (error) {
      tasks.push({ ...base, available: true, error: error instanceof Error ? error.message : String(error) });
    }
  }
  for (const id of listSimTasks()) {
    const task = loadSimTask(id);
    tasks.push({
      id,
      source: 'sim',
      kind: task.kind,
      domain: task.domain,
      description: task.description,
      available: true,
      files: [],
      splits: sizes(task),
    });
  }
  return {
    dataDir,
    tasks,
    custom: [
      'jsonl:<path> | json:<path> | csv:<path>  rows with --input-field/--answer-field, scored by --scorer',
      './my-task.ts | ./my-task.js  a module exporting defineTask({...})',
    ],
    scorers: scorerNames(),
  };
}

function splitText(t: TaskListing): string {
  if (t.error !== undefined) return `error: ${t.error}`;
  if (t.splits === undefined) {
    return t.downloadable === false
      ? 'data not found (pass --data-dir <dir> or set SEPO_DATA_DIR)'
      : 'not downloaded (fetched from the hub on first use)';
  }
  return `train ${t.splits.train} / val ${t.splits.val} / test ${t.splits.test}`;
}

export function renderTasks(result: TasksResult): string {
  const width = Math.max(12, ...result.tasks.map((t) => t.id.length)) + 2;
  const rows = (source: TaskListing['source']): string[] =>
    result.tasks
      .filter((t) => t.source === source)
      .map((t) => `  ${t.id.padEnd(width)}${t.kind.padEnd(13)}${splitText(t)}`);
  return [
    `built-in datasets (data dir ${result.dataDir}):`,
    ...rows('builtin'),
    '',
    'simulated tasks (model sim:<world>):',
    ...rows('sim'),
    '',
    'custom tasks:',
    ...result.custom.map((c) => `  ${c}`),
    `  scorers: ${result.scorers.join(', ')}`,
    '',
  ].join('\n');
}

/** `sepo tasks`: the tasks with their kinds, split sizes and whether their data is on disk. */
export function tasksCommand(parsed: ParsedOptions): number {
  const dataDir = typeof parsed['data-dir'] === 'string' ? parsed['data-dir'] : defaultDataDir();
  const result = listTasks(dataDir);
  process.stdout.write(parsed.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderTasks(result));
  return 0;
}
