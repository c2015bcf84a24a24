import { chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RUNNER_SOURCE } from './runner-source.js';

/** How untrusted code is contained: OS namespaces (preferred) or only the in-process Python guard. */
export type IsolationMode = 'namespaces' | 'guard';

/** A user to run the sandbox as when sepo itself runs as root (root ignores RLIMIT_NPROC). */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/** What the sandbox found on this machine (see probeSandboxEnvironment). */
export interface SandboxEnvironment {
  /** Absolute path of the Python interpreter (shims resolved). */
  readonly python: string;
  readonly isolation: IsolationMode;
  /** Absolute path of util-linux `unshare` when isolation is 'namespaces'. */
  readonly unshare?: string;
  /** Absolute path of util-linux `setpriv`, used to tie `unshare` to sepo's lifetime (parent-death signal). */
  readonly setpriv?: string;
  readonly runAs?: RunAs;
  /** Why namespaces are not used, when they are not. */
  readonly note?: string;
}

/** Resource limits of one sandboxed run. */
export interface SandboxLimits {
  /** Wall-clock limit; the whole process tree is killed when it is reached. */
  readonly wallMs: number;
  /** RLIMIT_CPU per process (SIGXCPU, then SIGKILL one second later). */
  readonly cpuSeconds: number;
  /** RLIMIT_AS: address space per process. */
  readonly memoryBytes: number;
  /** RLIMIT_NPROC: processes (and threads) at once, against fork bombs. */
  readonly maxProcesses: number;
  /** RLIMIT_FSIZE: largest file the program may write. */
  readonly maxFileBytes: number;
  /** Size of the private tmpfs work dir (namespaces only). */
  readonly tmpfsBytes: number;
  readonly maxOpenFiles: number;
  /** Bytes of stdout and of stderr kept; the rest is dropped and `truncated` is set. */
  readonly maxOutputBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  wallMs: 10_000,
  cpuSeconds: 5,
  memoryBytes: 512 * 1024 * 1024,
  maxProcesses: 16,
  maxFileBytes: 16 * 1024 * 1024,
  tmpfsBytes: 64 * 1024 * 1024,
  maxOpenFiles: 64,
  maxOutputBytes: 64 * 1024,
};

/** The work of one run: a program, optional setup code run after it, then each test in order. */
export interface SandboxJob {
  readonly program: string;
  readonly setup?: string;
  readonly tests?: readonly string[];
}

/** One JSON line the runner wrote on fd 3. */
export interface RunnerEvent {
  readonly e: string;
  readonly i?: number;
  readonly ok?: boolean;
  readonly kind?: string;
  readonly error?: string;
  readonly line?: number | null;
  readonly got?: string;
  readonly expected?: string;
}

/** Work dirs are `sepo-sbx-<pid of the sepo process>-<random>`, so a later run can tell whose they are. */
const WORKDIR_PREFIX = 'sepo-sbx-';

/** A fresh private work dir holding job.json; owned by `runAs` when set. */
export function prepareWorkdir(tmpRoot: string, job: SandboxJob, runAs: RunAs | undefined): string {
  const dir = mkdtempSync(join(tmpRoot, `${WORKDIR_PREFIX}${process.pid}-`));
  const file = join(dir, 'job.json');
  writeFileSync(
    file,
    JSON.stringify({ program: job.program, setup: job.setup ?? '', tests: job.tests ?? [] }),
    'utf8',
  );
  if (runAs !== undefined) {
    chownSync(dir, runAs.uid, runAs.gid);
    chownSync(file, runAs.uid, runAs.gid);
  }
  return dir;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the work dirs in `tmpRoot` left by sepo processes that no longer exist (killed with SIGKILL,
 * so their `finally` never ran). Dirs of live processes, and dirs not named by a pid, are left alone.
 * Returns how many were removed. A pid reused by an unrelated process keeps its dirs until that
 * process ends too.
 */
export function sweepStaleWorkdirs(tmpRoot: string, alive: (pid: number) => boolean = processAlive): number {
  let names: string[];
  try {
    names = readdirSync(tmpRoot);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = new RegExp(`^${WORKDIR_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    removeWorkdir(join(tmpRoot, name));
    removed++;
  }
  return removed;
}

export function removeWorkdir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // A leftover temp dir is not worth failing a rollout for.
  }
}

export interface SandboxCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The command line of one run. The environment is rebuilt from nothing: PATH, LANG and HOME (the
 * work dir); nothing of sepo's own environment (API keys...) reaches the program.
 */
export function sandboxCommand(
  environment: SandboxEnvironment,
  workdir: string,
  limits: SandboxLimits,
  guard: boolean,
): SandboxCommand {
  const isolate = environment.isolation === 'namespaces';
  const config = {
    workdir,
    isolate,
    guard,
    tmpfsBytes: limits.tmpfsBytes,
    cpuSeconds: Math.max(1, Math.ceil(limits.cpuSeconds)),
    memoryBytes: limits.memoryBytes,
    maxProcesses: limits.maxProcesses,
    maxFileBytes: limits.maxFileBytes,
    maxOpenFiles: limits.maxOpenFiles,
  };
  const python = [environment.python, '-I', '-B', '-c', RUNNER_SOURCE, JSON.stringify(config)];
  const env = {
    PATH: `${dirname(environment.python)}:/usr/local/bin:/usr/bin:/bin`,
    LANG: 'C.UTF-8',
    HOME: workdir,
  };
  if (!isolate || environment.unshare === undefined) {
    const [file, ...args] = python;
    return { file: file as string, args, env };
  }
  const unshare = [
    environment.unshare,
    '--user',
    '--map-root-user',
    '--mount',
    '--net',
    '--pid',
    '--fork',
    '--mount-proc',
    '--kill-child',
    ...python,
  ];
  // setpriv sets a parent-death signal on unshare, whose --kill-child then takes down the namespace.
  const [file, ...args] =
    environment.setpriv === undefined
      ? unshare
      : [environment.setpriv, '--pdeathsig', 'SIGKILL', '--', ...unshare];
  return { file: file as string, args, env };
}

/** The runner's JSON lines; anything else on fd 3 (a program writing there) is ignored. */
export function parseRunnerEvents(text: string): RunnerEvent[] {
  const events: RunnerEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && typeof (value as { e?: unknown }).e === 'string') {
        events.push(value as RunnerEvent);
      }
    } catch {
      // not ours
    }
  }
  return events;
}
