import { SepoError, UnknownNameError } from '../errors.js';
import type { Task } from '../spec/task.js';
import { BUILTIN_WORLDS, isWorldPath, loadWorld } from './load-world.js';
import { simScorer } from './sim-scorer.js';
import type { SimWorld } from './sim-world.js';
import type { WorldTask } from './world-task.js';

/**
 * The real Task behind a synthetic world task: the same examples the sim model recognises, a Manual-CoT
 * default system prompt, and a 0/1 scorer with feedback the prompt agent can read.
 */
export function simTask(world: SimWorld, task: WorldTask): Task {
  const generator = task.generator;
  if (generator === undefined) {
    throw new SepoError(
      `${task.simId} is an external task: load the real task and attach it with attachTask(world, task)`,
    );
  }
  return {
    id: task.simId,
    description: task.description,
    kind: task.kind,
    domain: task.domain,
    splits: task.splits,
    defaultSystemPrompt: task.spec.defaultSystemPrompt ?? world.defaultSystemPrompt,
    scorer: simScorer(generator),
    toUserMessage: (example) => example.input,
  };
}

/** Splits `sim:<world>[/<task>]`; a world given as a path ends at ".json". */
function splitId(id: string): { world: string; task: string | undefined } {
  const rest = id.slice('sim:'.length);
  const json = rest.indexOf('.json');
  if (json >= 0) {
    const world = rest.slice(0, json + '.json'.length);
    const tail = rest.slice(world.length).replace(/^\//, '');
    return { world, task: tail === '' ? undefined : tail };
  }
  const slash = rest.indexOf('/');
  return slash < 0
    ? { world: rest, task: undefined }
    : { world: rest.slice(0, slash), task: rest.slice(slash + 1) };
}

/**
 * A simulated task by id: `sim:<world>` (the world's default task) or `sim:<world>/<task>`; `<world>` is
 * a built-in name or a path to a world file. Unknown ids throw UnknownNameError listing the known ones.
 */
export function loadSimTask(id: string): Task {
  if (!id.startsWith('sim:')) throw new UnknownNameError('sim task', id, listSimTasks());
  const { world: ref, task: taskId } = splitId(id);
  let world: SimWorld;
  try {
    world = loadWorld(ref);
  } catch (error) {
    if (error instanceof UnknownNameError) throw new UnknownNameError('sim task', id, listSimTasks());
    throw error;
  }
  if (taskId === undefined) return simTask(world, world.defaultTask);
  const task = world.tasks.find((t) => t.id === taskId);
  if (task === undefined) {
    throw new UnknownNameError(
      'sim task',
      id,
      world.tasks.map((t) => t.simId),
    );
  }
  return simTask(world, task);
}

/** Ids of every synthetic task of the built-in worlds (the default task of each as `sim:<world>`). */
export function listSimTasks(): string[] {
  return BUILTIN_WORLDS.flatMap((name) =>
    loadWorld(name)
      .tasks.filter((t) => t.generator !== undefined)
      .map((t) => t.simId),
  );
}

/**
 * Ids of the tasks of a world that SePO pre-training may use as its pool (synthetic, `pool` not false),
 * e.g. `simPoolTaskIds('pool')` for a generalist pool around the outside target `sim:pool`.
 */
export function simPoolTaskIds(worldRef: string): string[] {
  const world = loadWorld(worldRef);
  // A world given by path is named by its file's `name`, which loadTask cannot resolve: its pool ids
  // name the path (`sim:./w.json/units`), as the user's own task id does.
  const idOf = (t: WorldTask): string => (isWorldPath(worldRef) ? `sim:${worldRef}/${t.id}` : t.simId);
  return world.tasks.filter((t) => t.generator !== undefined && t.pool).map(idOf);
}

/**
 * Ids of the real tasks a world declares as external with `pool` not false (e.g. `gsm8k`): a simulated
 * task model can answer them once they are attached, so SePO pre-training may use them.
 */
export function simExternalPoolTaskIds(worldRef: string): string[] {
  return loadWorld(worldRef).tasks.flatMap((t) =>
    t.spec.source.kind === 'external' && t.pool ? [t.spec.source.taskId] : [],
  );
}

/** The world reference (built-in name or file path) of a sim task id: `sim:./w.json/units` -> `./w.json`. */
export function simTaskWorldRef(id: string): string {
  return splitId(id).world;
}
