import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, DataError, isSepoError } from '../errors.js';
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
  /** Time limit on importing the module and running its `load()` (default DEFAULT_MODULE_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** `train`/`val`/`test` counts for a flat `examples` list (default 50% / 20% / the rest). */
  readonly taskOptions?: TaskLoadContext['options'];
  /** Wired into an "llm-judge" scorer named by the module. */
  readonly judge?: JudgeFn;
}

/** How long importing a task module and its `load()` may take (`--task-timeout`). */
export const DEFAULT_MODULE_TIMEOUT_MS = 60_000;

/** Thrown by the stand-in for `process.exit` while a task module loads. */
class ModuleExitError extends Error {
  constructor(readonly code: unknown) {
    super(`process.exit(${code === undefined ? '' : String(code)})`);
  }
}

class ModuleTimeoutError extends Error {}

/** One line: the first line of a message, with the module's file URL shortened to its path. */
function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
}

/** What went wrong while importing or loading a task module, as one line naming the module. */
function moduleProblem(modulePath: string, path: string, error: unknown, timeoutMs: number): ConfigError {
  const fail = (detail: string): ConfigError => new ConfigError('--task', `${modulePath}: ${detail}`);
  if (error instanceof ModuleExitError) {
    return fail(
      `the module called ${error.message} while loading; a task module must not exit the process (throw an Error instead)`,
    );
  }
  if (error instanceof ModuleTimeoutError) {
    return fail(
      `did not finish loading within ${timeoutMs / 1000} s (its import or load() never settled); fix the module, or allow more time with --task-timeout <seconds>`,
    );
  }
  if (error instanceof ConfigError && error.option === '--task') return error;
  if (isSepoError(error)) return fail(error.message);
  const e = error instanceof Error ? (error as NodeJS.ErrnoException) : undefined;
  const message = firstLine(e?.message ?? String(error));
  if (
    /No "exports" main defined in .*[\\/]sepo[\\/]package\.json/.test(message) ||
    e?.code === 'ERR_REQUIRE_ESM'
  ) {
    return fail(
      'is loaded as CommonJS (its folder\'s package.json has no "type": "module"), and sepo is an ES module: ' +
        'rename it to .mts/.mjs, or add "type": "module" to that package.json',
    );
  }
  if (/Cannot find (?:package|module) 'sepo'/.test(message)) {
    return fail(
      "imports 'sepo', which is not installed beside it: run `npm install -D sepo` in the module's project",
    );
  }
  // esbuild (tsx) reports "<file>:<line>:<col>: ERROR: <what>" on a later line of a TransformError.
  const transform = /:(\d+):\d+: ERROR: (.+)/.exec(e?.message ?? '');
  if (transform !== null) return fail(`syntax error at line ${transform[1]}: ${transform[2]}`);
  if (e instanceof SyntaxError || e?.name === 'SyntaxError') {
    // Some Node versions put "file:///path:line" in the stack of a syntax error.
    const href = `${pathToFileURL(path).href}:`;
    const stack = e?.stack ?? '';
    const at = stack.indexOf(href);
    const line = at < 0 ? undefined : /^\d+/.exec(stack.slice(at + href.length))?.[0];
    return fail(`syntax error${line === undefined ? '' : ` at line ${line}`}: ${message}`);
  }
  return fail(`failed while loading (import or load()): ${e?.name ?? 'Error'}: ${message}`);
}

/**
 * Runs `work` (importing a module, calling its `load()`) under a time limit, with `process.exit`
 * replaced by a function that throws, so a module that exits while loading is reported instead of
 * silently ending sepo. Limits: only code that runs while loading is covered: a scorer that calls
 * process.exit during the run, a timer the module left behind, `process.kill(process.pid)` or
 * `process.reallyExit` are not; and a module that blocks the event loop (an endless synchronous
 * loop) cannot be interrupted by the timer.
 */
async function guardedLoad<T>(
  modulePath: string,
  path: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const exit = process.exit;
  process.exit = ((code?: unknown) => {
    throw new ModuleExitError(code);
  }) as typeof process.exit;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ModuleTimeoutError()), timeoutMs);
    });
    return await Promise.race([work(), timeout]);
  } catch (error) {
    throw moduleProblem(modulePath, path, error, timeoutMs);
  } finally {
    clearTimeout(timer);
    process.exit = exit;
  }
}

/**
 * Imports a task module (.js/.mjs directly, .ts through tsx's `tsImport`) and builds its Task. The
 * module exports `default` or `task`, made with `defineTask({...})`. Whatever goes wrong while the
 * module is imported or its `load()` runs (an exception, a syntax error, process.exit, no answer within
 * `timeoutMs`) is a ConfigError naming the module and the problem (see `guardedLoad` for the limits).
 */
export async function loadUserTask(modulePath: string, options: UserTaskOptions = {}): Promise<Task> {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new ConfigError('--task', `task module not found: ${path}`);
  const seed = options.seed ?? 0;
  const timeoutMs = options.timeoutMs ?? DEFAULT_MODULE_TIMEOUT_MS;
  const { def, data } = await guardedLoad(modulePath, path, timeoutMs, async () => {
    const mod = await importModule(path);
    const exported = taskExport(mod);
    if (exported === null || typeof exported !== 'object') {
      throw new ConfigError('--task', `${modulePath} must export default (or \`task\`) = defineTask({...})`);
    }
    const def = exported as TaskDefinition;
    const data: TaskData =
      def.load !== undefined
        ? await def.load({ seed, baseDir: dirname(path) })
        : (def.splits ?? def.examples ?? []);
    return { def, data };
  });
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
