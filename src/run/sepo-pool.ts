import { ConfigError } from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import type { PoolTask } from '../optimizers/sepo/agent-level-search.js';
import { selectPool } from '../optimizers/sepo/pool-selection.js';
import {
  attachTask,
  loadWorld,
  simExternalPoolTaskIds,
  simPoolTaskIds,
  simTaskWorldRef,
} from '../sim/index.js';
import type { Task, TaskInfo } from '../spec/task.js';
import { defaultDataDir } from '../tasks/data/default-data-dir.js';
import { datasetFilesPresent, ensureDatasetFiles } from '../tasks/data/ensure-dataset-files.js';
import { loadTask } from '../tasks/load-task.js';
import { builtinTaskIds, getBuiltinTask } from '../tasks/task-registry.js';
import type { Options } from './settings.js';

/*
 * SePO's pre-training pool (`--pool`, `--specialist`, `--pool-size`): which tasks, loaded with their
 * train and held-out examples. `--pool auto` (the default) chooses by relevance x novelty
 * (optimizers/sepo/pool-selection.ts) among the candidates that can be loaded, never the target:
 * - a simulated task model (`sim:<world>`) answers only its world's tasks: the world's pool tasks and
 *   the real tasks it declares as external (attached here);
 * - any other model: every built-in task, from --data-dir / $SEPO_DATA_DIR, the dataset cache, or a
 *   download into the cache (`preparePool` only; a candidate that cannot be had is skipped and the next
 *   best taken).
 * The pool is resolved once per run settings and target and reused by every caller of `buildPool`.
 */

/** What resolving a pool needs besides the settings: the target and the task model that will run it. */
export interface PoolRequest {
  readonly options: Options;
  readonly target: Task;
  /** The task model; a simulated one restricts the candidates to its world. */
  readonly taskModel?: ModelHandle;
}

export interface PoolResolution {
  readonly pool: readonly PoolTask[];
  /** `--pool auto` was used. */
  readonly auto: boolean;
  /** Auto candidates that could not be loaded, with the reason. */
  readonly unavailable: ReadonlyMap<string, string>;
  /** Where the candidates came from, for a refusal: "built-in tasks (data dir ...)" or "world ...". */
  readonly from: string;
}

const resolved = new WeakMap<Options, Map<string, PoolResolution>>();

/** A built-in candidate whose files are missing but may be downloaded (the async path fetches it). */
class NeedsDownload extends Error {
  constructor(readonly taskId: string) {
    super(`${taskId} needs a download`);
  }
}

/** The sim world a simulated run's tasks live in: the task model's, else the sim target's (`taskRef`: --task). */
function simWorldOf(target: Task, taskRef: string | undefined, taskModel?: ModelHandle): string | undefined {
  if (taskModel?.provider === 'sim') return taskModel.modelId.split('?')[0] ?? '';
  if (!target.id.startsWith('sim:')) return undefined;
  return simTaskWorldRef(taskRef?.startsWith('sim:') === true ? taskRef : target.id);
}

/**
 * Candidate pool task ids for `--pool auto` (the target is never among them). `taskRef` is the task id
 * as the user gave it (a world file's path), `taskModel` the model that will run the pool.
 */
export function poolCandidates(target: Task, taskRef?: string, taskModel?: ModelHandle): string[] {
  return candidatesFor(simWorldOf(target, taskRef, taskModel), target);
}

function candidatesFor(world: string | undefined, target: Task): string[] {
  if (world === undefined) return builtinTaskIds().filter((id) => id !== target.id);
  const synthetic = simPoolTaskIds(world).filter((id) => loadTask(id).id !== target.id);
  return [...synthetic, ...simExternalPoolTaskIds(world).filter((id) => id !== target.id)];
}

/** A user's own data dir (--data-dir, else $SEPO_DATA_DIR): nothing is downloaded into it. */
function userDataDir(options: Options): string | undefined {
  return options.string('data-dir') ?? (process.env.SEPO_DATA_DIR || undefined);
}

function resolveNow(
  request: PoolRequest,
  unavailable: Map<string, string>,
  download: boolean,
): PoolResolution {
  const { options, target } = request;
  const spec = options.stringOrDefault('pool');
  const world = simWorldOf(target, options.string('task') ?? options.string('target'), request.taskModel);
  const dataDir = userDataDir(options);
  const seed = options.numberOrDefault('seed');
  const load = (id: string): Task => {
    const builtin = getBuiltinTask(id);
    if (
      download &&
      builtin !== undefined &&
      dataDir === undefined &&
      !datasetFilesPresent(id, defaultDataDir())
    )
      throw new NeedsDownload(id);
    const task = loadTask(id, { ...(dataDir === undefined ? {} : { dataDir }), seed });
    if (world !== undefined && !task.id.startsWith('sim:')) attachTask(loadWorld(world), task);
    return task;
  };
  const from =
    world === undefined
      ? `the built-in tasks (data from ${dataDir ?? `${defaultDataDir()} or a download`})`
      : `the pool tasks of sim world ${world}`;
  const mode = options.boolean('specialist') === true ? 'specialist' : 'generalist';
  const size = options.numberOrDefault('pool-size');
  let tasks: Task[];
  if (spec !== 'auto') {
    const ids = spec
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const given = ids.map(load);
    if (given.some((t) => t.id === target.id))
      throw new ConfigError('--pool', `the target task ${target.id} cannot be in its own pre-training pool`);
    tasks = selectPool(target, given, { mode, size });
  } else {
    tasks = chooseLoadable(target, candidatesFor(world, target), load, unavailable, { mode, size });
  }
  const heldout = options.numberOrDefault('heldout');
  const pool = tasks.map((task) => {
    const heldOut = (task.splits.val.length > 0 ? task.splits.val : task.splits.test).slice(0, heldout);
    return { task, train: task.splits.train, heldOut };
  });
  return { pool, auto: spec === 'auto', unavailable, from };
}

/**
 * Greedy relevance x novelty over the candidates' metadata; a chosen candidate that cannot be loaded is
 * dropped (with its reason in `unavailable`) and the choice made again without it.
 */
function chooseLoadable(
  target: Task,
  ids: readonly string[],
  load: (id: string) => Task,
  unavailable: Map<string, string>,
  options: { readonly mode: 'generalist' | 'specialist'; readonly size: number },
): Task[] {
  const loaded = new Map<string, Task>();
  const infoOf = (id: string): TaskInfo => getBuiltinTask(id)?.info ?? loaded.get(id) ?? tryLoad(id);
  const tryLoad = (id: string): Task => {
    const known = loaded.get(id);
    if (known !== undefined) return known;
    const task = load(id);
    loaded.set(id, task);
    return task;
  };
  for (;;) {
    const candidates: Array<TaskInfo & { readonly key: string }> = [];
    for (const id of ids) {
      if (unavailable.has(id)) continue;
      try {
        candidates.push({ ...infoOf(id), key: id });
      } catch (error) {
        if (error instanceof NeedsDownload) throw error;
        unavailable.set(id, (error as Error).message);
      }
    }
    const chosen = selectPool(target, candidates, options);
    const tasks: Task[] = [];
    for (const c of chosen) {
      try {
        tasks.push(tryLoad(c.key));
      } catch (error) {
        if (error instanceof NeedsDownload) throw error;
        unavailable.set(c.key, (error as Error).message);
        break;
      }
    }
    if (tasks.length === chosen.length) return tasks;
  }
}

function cacheFor(options: Options): Map<string, PoolResolution> {
  let byTarget = resolved.get(options);
  if (byTarget === undefined) {
    byTarget = new Map();
    resolved.set(options, byTarget);
  }
  return byTarget;
}

/**
 * Resolves the pool once, downloading built-in datasets that `--pool auto` chooses and the cache lacks
 * (progress on `write`). Run it before anything that reads `buildPool` (optimize, compare, pretrain do).
 */
export async function preparePool(
  request: PoolRequest,
  write?: (text: string) => void,
): Promise<PoolResolution> {
  const cache = cacheFor(request.options);
  const known = cache.get(request.target.id);
  if (known !== undefined) return known;
  const unavailable = new Map<string, string>();
  for (;;) {
    try {
      const resolution = resolveNow(request, unavailable, true);
      cache.set(request.target.id, resolution);
      return resolution;
    } catch (error) {
      if (!(error instanceof NeedsDownload)) throw error;
      try {
        await ensureDatasetFiles(error.taskId, {
          ...(write === undefined ? {} : { write, tty: process.stderr.isTTY === true }),
        });
      } catch (failure) {
        unavailable.set(error.taskId, (failure as Error).message);
      }
    }
  }
}

/** The pool as `preparePool` resolved it; without it, resolved now from files already on disk. */
export function resolvePool(request: PoolRequest): PoolResolution {
  const cache = cacheFor(request.options);
  const known = cache.get(request.target.id);
  if (known !== undefined) return known;
  const resolution = resolveNow(request, new Map(), false);
  cache.set(request.target.id, resolution);
  return resolution;
}

/** The pool tasks (empty when none could be had). */
export function buildPool(options: Options, target: Task, taskModel?: ModelHandle): PoolTask[] {
  return [...resolvePool({ options, target, ...(taskModel === undefined ? {} : { taskModel }) }).pool];
}

/**
 * The one-line refusal when SePO needs a pre-training pool and none could be loaded: how to give it one,
 * or to run the ablation on purpose.
 */
export function noPoolError(target: Task, resolution: PoolResolution): ConfigError {
  const skipped = [...resolution.unavailable.keys()];
  const why = resolution.auto
    ? `no task of ${resolution.from} other than the target could be loaded${skipped.length === 0 ? '' : ` (skipped: ${skipped.join(', ')})`}`
    : 'the pool is empty';
  return new ConfigError(
    '--pool',
    `no pre-training pool for ${target.id}: ${why}; pass --data-dir <dir with the built-in datasets>, --pool <task ids>, --agent agent.json, or --no-self-improvement to run the ablation on purpose`,
  );
}
