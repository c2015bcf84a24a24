import { homedir } from 'node:os';
import { join } from 'node:path';
import { UnknownNameError } from '../errors.js';
import { listSimTasks, loadSimTask } from '../sim/index.js';
import type { Task } from '../spec/task.js';
import { type JsonlTaskOptions, loadJsonlTask } from './jsonl-task.js';
import './builtin/index.js';
import { builtinTaskIds, dataDirContext, getBuiltinTask, type TaskLoadContext } from './task-registry.js';

export interface LoadTaskOptions extends JsonlTaskOptions {
  /** Where built-in datasets live (layout of shared/datasets). Default: $SEPO_DATA_DIR, else the download cache. */
  readonly dataDir?: string;
  /** Task-specific options passed to built-in loaders. */
  readonly taskOptions?: TaskLoadContext['options'];
}

/** The default data dir: $SEPO_DATA_DIR, else <cache>/datasets beside the call cache. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.SEPO_DATA_DIR) return env.SEPO_DATA_DIR;
  if (env.SEPO_CACHE_DIR) return join(env.SEPO_CACHE_DIR, 'datasets');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sepo', 'datasets');
}

/** Every task id known without a file: built-in datasets, then the simulated world's tasks. */
export function knownTaskIds(): string[] {
  return [...builtinTaskIds(), 'jsonl:<path>', ...listSimTasks()];
}

/**
 * Resolves a task id: a built-in dataset id (e.g. `gsm8k`), `jsonl:<path>` (a JSONL file of
 * input/answer rows), `sim:<world>[/<task>]` (a simulated task). An unknown id lists the known ones.
 */
export function loadTask(id: string, options: LoadTaskOptions = {}): Task {
  if (id.startsWith('jsonl:')) return loadJsonlTask(id.slice('jsonl:'.length), options);
  if (id.startsWith('sim:')) return loadSimTask(id);
  const builtin = getBuiltinTask(id);
  if (builtin !== undefined) {
    return builtin.load(dataDirContext(options.dataDir ?? defaultDataDir(), options.seed ?? 0, options.taskOptions ?? {}));
  }
  throw new UnknownNameError('task', id, knownTaskIds());
}
