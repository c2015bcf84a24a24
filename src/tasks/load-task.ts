import { ConfigError, UnknownNameError } from '../errors.js';
import type { Task } from '../spec/task.js';
import { type JsonlTaskOptions, loadJsonlTask } from './jsonl-task.js';
import './builtin/index.js';
import { defaultDataDir } from './data/default-data-dir.js';
import type { FetchFn } from './data/download-dataset-file.js';
import { fitSplitsToOptions } from './data/split-sizes.js';
import { builtinTaskIds, dataDirContext, getBuiltinTask, type TaskLoadContext } from './task-registry.js';
import { taskSourceFor, taskSourceIds } from './task-source-registry.js';
import { isTaskModulePath, loadUserTask } from './user-module.js';

export interface LoadTaskOptions extends JsonlTaskOptions {
  /** Where built-in datasets live (layout in docs/tasks.md). Default: $SEPO_DATA_DIR, else the download cache. */
  readonly dataDir?: string;
  /** Task-specific options passed to built-in loaders. */
  readonly taskOptions?: TaskLoadContext['options'];
  /** Time limit on importing a task module and running its `load()` (default 60 s; see loadUserTask). */
  readonly moduleTimeoutMs?: number;
}

// Re-exported: callers (the CLI's `tasks` command) read the default data dir from here.
export { defaultDataDir };

/** Every task id known without a file: built-in datasets, then those of registered task sources (`sim:`). */
export function knownTaskIds(): string[] {
  return [
    ...builtinTaskIds(),
    'jsonl:<path>',
    'json:<path>',
    'csv:<path>',
    './<module>.ts',
    ...taskSourceIds(),
  ];
}

/** `jsonl:<path>`, `json:<path>`, `csv:<path>`: the file path, else undefined. */
function fileTaskPath(id: string): string | undefined {
  const m = /^(?:jsonl|json|csv):(.+)$/s.exec(id);
  return m?.[1];
}

/**
 * Resolves a task id: a built-in dataset id (e.g. `gsm8k`), `jsonl:<path>` / `json:<path>` /
 * `csv:<path>` (a file of input/answer rows, scored by `scorer`), `sim:<world>[/<task>]` (a simulated
 * task, from the `sim` task source that importing src/sim/register.ts registers). An unknown id lists
 * the known ones. Task modules (`./my-task.ts`) and datasets that still have to be downloaded need
 * `loadTaskAsync`.
 */
export function loadTask(id: string, options: LoadTaskOptions = {}): Task {
  const file = fileTaskPath(id);
  if (file !== undefined) return loadJsonlTask(file, options);
  const source = taskSourceFor(id);
  if (source !== undefined) return withFittedSplits(source.load(id), options.taskOptions);
  const builtin = getBuiltinTask(id);
  if (builtin !== undefined) {
    const taskOptions = options.taskOptions ?? {};
    return withFittedSplits(
      builtin.load(dataDirContext(options.dataDir ?? defaultDataDir(), options.seed ?? 0, taskOptions)),
      taskOptions,
    );
  }
  if (isTaskModulePath(id)) {
    throw new ConfigError('--task', `${id} is a task module; it loads asynchronously (use loadTaskAsync)`);
  }
  throw new UnknownNameError('task', id, knownTaskIds());
}

/** `--train/--val/--test` hold for every task, whether or not its loader sizes its splits itself. */
function withFittedSplits(task: Task, taskOptions: TaskLoadContext['options'] | undefined): Task {
  const asked = (['train', 'val', 'test'] as const).some((name) => taskOptions?.[name] !== undefined);
  if (taskOptions === undefined || !asked) return task;
  return { ...task, splits: fitSplitsToOptions(task.splits, taskOptions, task.id) };
}

export interface LoadTaskAsyncOptions extends LoadTaskOptions {
  /** Environment for data-dir, cache and hub settings (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: FetchFn;
  /** Download progress output (the CLI passes stderr). */
  readonly write?: (text: string) => void;
  readonly tty?: boolean;
}

/**
 * `loadTask` plus what needs waiting: a task module is imported (`./my-task.ts` through tsx), and a
 * built-in dataset missing from the cache is downloaded first (see `ensureDatasetFiles`).
 */
export async function loadTaskAsync(id: string, options: LoadTaskAsyncOptions = {}): Promise<Task> {
  if (isTaskModulePath(id)) {
    const judge = options.scorerOptions?.judge;
    const task = await loadUserTask(id, {
      seed: options.seed ?? 0,
      taskOptions: options.taskOptions ?? {},
      ...(judge === undefined ? {} : { judge }),
      ...(options.moduleTimeoutMs === undefined ? {} : { timeoutMs: options.moduleTimeoutMs }),
    });
    return withFittedSplits(task, options.taskOptions);
  }
  const { ensureDatasetFiles } = await import('./data/ensure-dataset-files.js');
  const { dataDir } = await ensureDatasetFiles(id, {
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.write === undefined ? {} : { write: options.write }),
    ...(options.tty === undefined ? {} : { tty: options.tty }),
  });
  return loadTask(id, { ...options, dataDir });
}
