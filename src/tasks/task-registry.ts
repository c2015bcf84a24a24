import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, UnknownNameError } from '../errors.js';
import type { Task, TaskInfo } from '../spec/task.js';

/** What a built-in task's loader may use: where its files are, the seed for seeded splits, its options. */
export interface TaskLoadContext {
  /** Absolute path of a dataset file given relative to the data dir (layout in docs/tasks.md). */
  dataFile(relativePath: string): string;
  readonly seed: number;
  /** Task-specific options from the command line / config (e.g. `{ split: 'evaluation', k: 3 }`). */
  readonly options: Readonly<Record<string, string | number | boolean | undefined>>;
}

export interface BuiltinTask {
  readonly info: TaskInfo;
  /** Dataset files this task reads, relative to the data dir (for `sepo tasks` and downloads). */
  readonly files: readonly string[];
  load(context: TaskLoadContext): Task;
}

const builtins = new Map<string, BuiltinTask>();

/** Registers a built-in task id (usable as `--task <id>`). Modules under src/tasks/builtin register on import. */
export function registerBuiltinTask(task: BuiltinTask): void {
  builtins.set(task.info.id, task);
}

export function builtinTaskIds(): string[] {
  return [...builtins.keys()].sort();
}

export function getBuiltinTask(id: string): BuiltinTask | undefined {
  return builtins.get(id);
}

export function requireBuiltinTask(id: string, known: readonly string[]): BuiltinTask {
  const task = builtins.get(id);
  if (task === undefined) throw new UnknownNameError('task', id, known);
  return task;
}

/**
 * The data dir: `--data-dir`, else $SEPO_DATA_DIR, else the download cache. A missing file is a
 * DataError naming the file and how to provide it.
 */
export function dataDirContext(
  dataDir: string,
  seed: number,
  options: TaskLoadContext['options'] = {},
): TaskLoadContext {
  return {
    seed,
    options,
    dataFile(relativePath) {
      const path = join(dataDir, relativePath);
      if (!existsSync(path)) {
        throw new DataError(
          path,
          'dataset file not found; pass --data-dir <dir> (layout of shared/datasets) or set SEPO_DATA_DIR',
        );
      }
      return path;
    },
  };
}
