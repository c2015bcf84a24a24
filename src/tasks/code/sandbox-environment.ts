import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { ConfigError, SepoError } from '../../errors.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  type IsolationMode,
  parseRunnerEvents,
  prepareWorkdir,
  type RunAs,
  removeWorkdir,
  type SandboxEnvironment,
  sandboxCommand,
} from './sandbox-invocation.js';

export interface SandboxProbeOptions {
  /** Interpreter name or path (default `python3` from PATH, then /usr/bin/python3). */
  readonly python?: string;
  /** 'auto' (default): namespaces when they work here, else the Python guard. */
  readonly isolation?: 'auto' | IsolationMode;
  /** When sepo runs as root, the uid/gid the sandbox runs as (default 65534, "nobody"). */
  readonly runAsUid?: number;
  readonly tmpRoot?: string;
}

const cache = new Map<string, SandboxEnvironment>();

/**
 * Finds a Python interpreter runnable by the sandbox user and checks whether user+mount+net+pid
 * namespaces work (`unshare`), running the real runner once. Synchronous and cached per options, so
 * task loading can fail early with a clear message. Throws a SepoError when no Python is usable, or
 * when `isolation: 'namespaces'` was asked for and namespaces do not work.
 */
export function probeSandboxEnvironment(options: SandboxProbeOptions = {}): SandboxEnvironment {
  const key = JSON.stringify([options.python, options.isolation, options.runAsUid, options.tmpRoot]);
  const known = cache.get(key);
  if (known !== undefined) return known;
  const runAs: RunAs | undefined =
    process.getuid?.() === 0 ? { uid: options.runAsUid ?? 65534, gid: options.runAsUid ?? 65534 } : undefined;
  const python = findPython(options.python, runAs);
  const tmpRoot = options.tmpRoot ?? tmpdir();
  let environment: SandboxEnvironment = { python, isolation: 'guard', ...(runAs ? { runAs } : {}) };
  if (options.isolation !== 'guard') {
    const unshare = findExecutable('unshare', ['/usr/bin/unshare', '/bin/unshare']);
    const setpriv = findExecutable('setpriv', ['/usr/bin/setpriv', '/bin/setpriv']);
    const candidate: SandboxEnvironment = {
      ...environment,
      isolation: 'namespaces',
      ...(unshare ? { unshare } : {}),
      ...(setpriv ? { setpriv } : {}),
    };
    const problem = unshare === undefined ? 'unshare (util-linux) not found' : tryRun(candidate, tmpRoot);
    if (problem === undefined) environment = candidate;
    else if (options.isolation === 'namespaces') {
      throw new ConfigError(
        'isolation',
        `namespaces are not available here (${problem}); use isolation=auto or guard`,
      );
    } else environment = { ...environment, note: `namespaces unavailable: ${problem}` };
  }
  if (environment.isolation === 'guard') {
    const problem = tryRun(environment, tmpRoot);
    if (problem !== undefined) {
      throw new SepoError(
        `the Python sandbox cannot run programs here (${problem}); check that ${tmpRoot} is usable`,
      );
    }
  }
  cache.set(key, environment);
  return environment;
}

/** Runs a trivial job; undefined when it completed, else what went wrong. */
function tryRun(environment: SandboxEnvironment, tmpRoot: string): string | undefined {
  const workdir = prepareWorkdir(tmpRoot, { program: 'x = 1', tests: ['assert x == 1'] }, environment.runAs);
  try {
    const command = sandboxCommand(environment, workdir, DEFAULT_SANDBOX_LIMITS, true);
    const result = spawnSync(command.file, command.args, {
      cwd: workdir,
      env: command.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      timeout: 20_000,
      ...(environment.runAs ?? {}),
    });
    const events = parseRunnerEvents(result.output[3]?.toString('utf8') ?? '');
    if (events.some((e) => e.e === 'test' && e.ok === true) && events.some((e) => e.e === 'done')) {
      return undefined;
    }
    const stderr = result.stderr?.toString('utf8').trim().split('\n').slice(-1)[0] ?? '';
    return result.error?.message ?? (stderr || `exit ${result.status ?? result.signal}`);
  } finally {
    removeWorkdir(workdir);
  }
}

function findPython(requested: string | undefined, runAs: RunAs | undefined): string {
  const candidates =
    requested === undefined
      ? [...pathCandidates('python3'), '/usr/bin/python3', '/usr/local/bin/python3']
      : isAbsolute(requested)
        ? [requested]
        : pathCandidates(requested);
  const tried: string[] = [];
  for (const candidate of [...new Set(candidates)]) {
    tried.push(candidate);
    const result = spawnSync(candidate, ['-I', '-c', 'import sys, json, resource; print(sys.executable)'], {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' },
      cwd: '/',
      encoding: 'utf8',
      timeout: 20_000,
      ...(runAs ?? {}),
    });
    const executable = result.status === 0 ? result.stdout.trim() : '';
    if (executable !== '') return isAbsolute(executable) ? executable : candidate;
  }
  const who = runAs === undefined ? '' : ` by uid ${runAs.uid}`;
  throw new SepoError(
    `no Python 3 interpreter runnable${who} (tried ${tried.join(', ') || 'python3 on PATH'}); ` +
      'install python3 (the code tasks run programs with it) or pass the task option python=<path>',
  );
}

function pathCandidates(name: string): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return dirs.map((d) => join(d, name)).filter(isExecutable);
}

function findExecutable(name: string, fallbacks: readonly string[]): string | undefined {
  return [...pathCandidates(name), ...fallbacks].find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
