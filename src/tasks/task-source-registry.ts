import type { Task } from '../spec/task.js';

/**
 * Tasks resolved by a higher layer under an id prefix, e.g. the simulated world's `sim:<world>[/<task>]`.
 * tasks/ must not import sim/ (sim builds on tasks), so sim registers itself here on import
 * (src/sim/register.ts), the way it registers its model provider with models/.
 */
export interface TaskSource {
  /** Loads a task by its full id (prefix included); an unknown id throws UnknownNameError. */
  load(id: string): Task;
  /** The ids to list among the known tasks. */
  list(): string[];
}

const sources = new Map<string, TaskSource>();

/** Registers `source` for ids starting with `<prefix>:` (idempotent: a later registration replaces). */
export function registerTaskSource(prefix: string, source: TaskSource): void {
  sources.set(prefix, source);
}

/** The source whose prefix the id carries, else undefined. */
export function taskSourceFor(id: string): TaskSource | undefined {
  const colon = id.indexOf(':');
  return colon < 0 ? undefined : sources.get(id.slice(0, colon));
}

/** The listed ids of every registered source, in registration order. */
export function taskSourceIds(): string[] {
  return [...sources.values()].flatMap((source) => source.list());
}
