import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, DataError } from '../errors.js';
import type { Example, SplitName, Splits } from '../spec/example.js';
import type { ScoreResult, Scorer } from '../spec/score.js';
import type { Task, TaskKind } from '../spec/task.js';
import { splitByOptions } from './data/split-sizes.js';
import { MANUAL_COT_PROMPT } from './jsonl-task.js';
import type { JudgeFn } from './scorers/llm-judge-scorer.js';
import { createScorer, type ScorerOptions } from './scorers/scorer-registry.js';
import type { TaskLoadContext } from './task-registry.js';

/** What a task module's `load` receives. */
export interface UserTaskContext {
  readonly seed: number;
  /** The directory of the module, to read data files beside it. */
  readonly baseDir: string;
}

export type TaskData = readonly Example[] | Partial<Record<SplitName, readonly Example[]>>;

/**
 * A task written in code (`sepo optimize --task ./my-task.ts`). Give the data as `examples` (split by
 * seed), `splits`, or an async `load`. The scorer is a Scorer, a scorer name from the registry
 * ("math", "exact", ...), `{ name, ...options }`, or a plain function; default "exact".
 */
export interface TaskDefinition {
  readonly id?: string;
  readonly description?: string;
  readonly kind?: TaskKind;
  readonly domain?: string;
  readonly defaultSystemPrompt?: string;
  readonly examples?: readonly Example[];
  readonly splits?: Partial<Record<SplitName, readonly Example[]>>;
  readonly load?: (context: UserTaskContext) => TaskData | Promise<TaskData>;
  readonly scorer?:
    | Scorer
    | string
    | ({ readonly name: string } & Omit<ScorerOptions, 'judge'>)
    | ((example: Example, response: string) => ScoreResult | Promise<ScoreResult>);
  readonly toUserMessage?: (example: Example) => string;
}

/** Declares a task module's task (identity at run time, plus a check of its shape). */
export function defineTask<T extends TaskDefinition>(definition: T): T {
  if (definition === null || typeof definition !== 'object') {
    throw new ConfigError('defineTask', 'expected an object describing the task');
  }
  if (definition.examples === undefined && definition.splits === undefined && definition.load === undefined) {
    throw new ConfigError('defineTask', 'give the data as `examples`, `splits` or `load`');
  }
  return definition;
}

/** Whether a --task value names a task module (a .ts/.js/.mjs/... file) rather than a task id. */
export function isTaskModulePath(id: string): boolean {
  return /\.(?:[cm]?[jt]s|tsx)$/i.test(id) && !/^[a-z][\w-]*:/i.test(id.replace(/^[a-zA-Z]:[\\/]/, ''));
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (/\.[cm]?js$/i.test(path)) return (await import(url)) as Record<string, unknown>;
  let api: typeof import('tsx/esm/api');
  try {
    api = await import('tsx/esm/api');
  } catch {
    throw new ConfigError(
      '--task',
      `loading a TypeScript task module needs the "tsx" package (npm i -D tsx), or compile ${path} to .js`,
    );
  }
  return (await api.tsImport(url, import.meta.url)) as Record<string, unknown>;
}

function checkExamples(list: readonly Example[], where: string, path: string, seen: Set<string>): Example[] {
  return list.map((e, i) => {
    const at = `${where}[${i}]`;
    if (e === null || typeof e !== 'object') throw new DataError(path, `${at}: expected an example object`);
    if (typeof e.id !== 'string' || e.id === '') throw new DataError(path, `${at}: missing`, undefined, 'id');
    if (typeof e.input !== 'string')
      throw new DataError(path, `${at}: expected a string`, undefined, 'input');
    if (typeof e.answer !== 'string')
      throw new DataError(path, `${at}: expected a string`, undefined, 'answer');
    if (seen.has(e.id)) throw new DataError(path, `${at}: duplicate id "${e.id}"`, undefined, 'id');
    seen.add(e.id);
    return e;
  });
}

function toSplits(data: TaskData, path: string, seed: number, options: TaskLoadContext['options']): Splits {
  const seen = new Set<string>();
  if (Array.isArray(data)) {
    return splitByOptions(
      checkExamples(data as readonly Example[], 'examples', path, seen),
      options,
      seed,
      path,
    );
  }
  const parts = data as Partial<Record<SplitName, readonly Example[]>>;
  return {
    train: checkExamples(parts.train ?? [], 'splits.train', path, seen),
    val: checkExamples(parts.val ?? [], 'splits.val', path, seen),
    test: checkExamples(parts.test ?? [], 'splits.test', path, seen),
  };
}

function resolveScorer(spec: TaskDefinition['scorer'], judge: JudgeFn | undefined): Scorer {
  if (spec === undefined) return createScorer('exact');
  if (typeof spec === 'string') return createScorer(spec, judge === undefined ? {} : { judge });
  if (typeof spec === 'function') return { name: 'custom', score: spec };
  if ('score' in spec && typeof spec.score === 'function') return spec as Scorer;
  const { name, ...options } = spec as { name: string } & Omit<ScorerOptions, 'judge'>;
  return createScorer(name, { ...options, ...(judge === undefined ? {} : { judge }) });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

/** `default` or `task`; a module compiled as CommonJS nests them under `default`. */
function taskExport(mod: Record<string, unknown>): unknown {
  const looksLikeTask = (v: unknown): boolean =>
    isRecord(v) && ('examples' in v || 'splits' in v || 'load' in v);
  for (const candidate of [mod.default, mod.task]) if (looksLikeTask(candidate)) return candidate;
  const nested = mod.default;
  if (isRecord(nested))
    for (const candidate of [nested.default, nested.task]) if (looksLikeTask(candidate)) return candidate;
  return mod.default ?? mod.task;
}

export interface UserTaskOptions {
  readonly seed?: number;
  /** `train`/`val`/`test` counts for a flat `examples` list (default 50% / 20% / the rest). */
  readonly taskOptions?: TaskLoadContext['options'];
  /** Wired into an "llm-judge" scorer named by the module. */
  readonly judge?: JudgeFn;
}

/**
 * Imports a task module (.js/.mjs directly, .ts through tsx's `tsImport`) and builds its Task. The
 * module exports `default` or `task`, made with `defineTask({...})`.
 */
export async function loadUserTask(modulePath: string, options: UserTaskOptions = {}): Promise<Task> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new ConfigError('--task', `task module not found: ${path}`);
  const mod = await importModule(path);
  const exported = taskExport(mod);
  if (exported === null || typeof exported !== 'object') {
    throw new ConfigError('--task', `${modulePath} must export default (or \`task\`) = defineTask({...})`);
  }
  const def = exported as TaskDefinition;
  const seed = options.seed ?? 0;
  const data: TaskData =
    def.load !== undefined
      ? await def.load({ seed, baseDir: dirname(path) })
      : (def.splits ?? def.examples ?? []);
  const splits = toSplits(data, path, seed, options.taskOptions ?? {});
  const total = splits.train.length + splits.val.length + splits.test.length;
  if (total === 0) throw new DataError(path, 'the task has no examples');
  return {
    id: def.id ?? `module:${modulePath}`,
    description: def.description ?? `A custom task from ${modulePath}.`,
    kind: def.kind ?? 'other',
    domain: def.domain ?? 'custom',
    splits,
    defaultSystemPrompt: def.defaultSystemPrompt ?? MANUAL_COT_PROMPT,
    scorer: resolveScorer(def.scorer, options.judge),
    toUserMessage: def.toUserMessage ?? ((example) => example.input),
  };
}
