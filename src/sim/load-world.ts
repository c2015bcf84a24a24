import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SepoError, UnknownNameError } from '../errors.js';
import { parseWorldText } from './parse-world.js';
import { SimWorld } from './sim-world.js';

/** Worlds shipped in src/sim/worlds/ (copied beside the compiled module by the build). */
export const BUILTIN_WORLDS: readonly string[] = ['demo', 'hetero', 'homo', 'pool', 'sparse'];

const cache = new Map<string, SimWorld>();

/** Whether a world reference is a file path rather than a built-in name. */
export function isWorldPath(ref: string): boolean {
  return ref.endsWith('.json') || ref.includes('/') || ref.includes('\\');
}

/**
 * A world by built-in name (`demo`) or by path to a JSON world file. Worlds are compiled once and
 * shared: the sim model, `loadSimTask` and `attachTask` all see the same instance for the same name
 * or resolved path, so a task attached to a world is visible to every model built on it.
 */
export function loadWorld(ref: string): SimWorld {
  const path = isWorldPath(ref);
  if (!path && !BUILTIN_WORLDS.includes(ref)) {
    throw new UnknownNameError('sim world', ref, [...BUILTIN_WORLDS, '<path/to/world.json>']);
  }
  const key = path ? resolve(ref) : `builtin:${ref}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const file = path ? ref : new URL(`./worlds/${ref}.json`, import.meta.url);
  const label = path ? ref : `${ref}.json`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SepoError(`${label}: cannot read world file: ${(error as Error).message}`);
  }
  const world = new SimWorld(parseWorldText(text, label), key);
  cache.set(key, world);
  return world;
}

/** Compiles world-file text without caching (tests, tools that build worlds in memory). */
export function worldFromText(text: string, file: string): SimWorld {
  return new SimWorld(parseWorldText(text, file), file);
}
