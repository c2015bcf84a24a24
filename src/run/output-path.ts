import { accessSync, constants, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Options } from './settings.js';

/** Flags of run commands that name a file the command writes at the end. */
export const OUTPUT_FLAGS: readonly string[] = ['out', 'save-rewards'];

/**
 * Checks every output flag of a run before any work starts, so a bad path is one line naming the flag
 * (exit 2) instead of a failure after the whole run.
 */
export function checkOutputFlags(options: Options): void {
  for (const flag of OUTPUT_FLAGS) {
    const path = options.string(flag);
    if (path !== undefined) checkOutputPath(`--${flag}`, path);
  }
}

/**
 * A path a file can be written to: not a directory; an existing file must be writable; otherwise its
 * nearest existing ancestor must be a writable directory (the missing ones are created when writing).
 * Throws a ConfigError naming `flag`.
 */
export function checkOutputPath(flag: string, path: string): void {
  if (path.trim() === '') throw new ConfigError(flag, 'is empty; give a file path');
  if (path.endsWith('/') || path.endsWith(sep))
    throw new ConfigError(flag, `${path} names a directory; give a file path, e.g. ${join(path, 'out.txt')}`);
  const stat = statOrUndefined(flag, path);
  if (stat !== undefined) {
    if (stat.isDirectory())
      throw new ConfigError(flag, `${path} is a directory; give a file path, e.g. ${join(path, 'out.txt')}`);
    if (!writable(path)) throw new ConfigError(flag, `${path} is not writable; give another file path`);
    return;
  }
  let ancestor = dirname(path);
  let ancestorStat = statOrUndefined(flag, ancestor);
  while (ancestorStat === undefined && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    ancestorStat = statOrUndefined(flag, ancestor);
  }
  if (ancestorStat !== undefined && !ancestorStat.isDirectory())
    throw new ConfigError(flag, `cannot create ${path}: ${ancestor} is a file, not a directory`);
  if (ancestorStat !== undefined && !writable(ancestor))
    throw new ConfigError(flag, `cannot create ${path}: ${ancestor} is not writable`);
}

function statOrUndefined(flag: string, path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR')
      throw new ConfigError(flag, `cannot create ${path}: a part of the path is a file, not a directory`);
    throw new ConfigError(flag, `cannot use ${path}: ${code ?? String(error)}`);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
