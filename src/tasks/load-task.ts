import { UnknownNameError } from '../errors.js';
import { listSimTasks, loadSimTask } from '../sim/index.js';
import type { Task } from '../spec/task.js';
import { type JsonlTaskOptions, loadJsonlTask } from './jsonl-task.js';

export interface LoadTaskOptions extends JsonlTaskOptions {}

/** Task ids known without a file: the simulated world's tasks (built-in datasets come with the tasks issue). */
export function knownTaskIds(): string[] {
  return ['jsonl:<path>', ...listSimTasks()];
}

/**
 * Resolves a task id: `jsonl:<path>` (a JSONL file of input/answer rows), `sim:<world>[/<task>]` (a
 * simulated task). An unknown id lists the known ones.
 */
export function loadTask(id: string, options: LoadTaskOptions = {}): Task {
  if (id.startsWith('jsonl:')) return loadJsonlTask(id.slice('jsonl:'.length), options);
  if (id.startsWith('sim:')) return loadSimTask(id);
  throw new UnknownNameError('task', id, knownTaskIds());
}
