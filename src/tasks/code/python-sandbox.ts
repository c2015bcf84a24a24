import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { ConcurrencyLimit, defaultSandboxConcurrency } from './concurrency-limit.js';
import { probeSandboxEnvironment, type SandboxProbeOptions } from './sandbox-environment.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  parseRunnerEvents,
  prepareWorkdir,
  type RunnerEvent,
  removeWorkdir,
  type SandboxEnvironment,
  type SandboxJob,
  type SandboxLimits,
  sandboxCommand,
  sweepStaleWorkdirs,
} from './sandbox-invocation.js';

export interface PythonSandboxOptions extends SandboxProbeOptions {
  /** Runs at once for this sandbox; default: a limiter shared by every sandbox, cores x 2. */
  readonly concurrency?: number;
  readonly limits?: Partial<SandboxLimits>;
  /** The in-process audit-hook guard (default true). Tests turn it off to check the OS layer alone. */
  readonly pythonGuard?: boolean;
}

export type SandboxStatus = 'completed' | 'timeout' | 'cpu-limit' | 'crashed';

/** The program or setup phase: ok, or the error (type: message) and its line in solution.py. */
export interface PhaseOutcome {
  readonly ok: boolean;
  readonly error?: string;
  readonly line?: number;
}

export interface TestOutcome {
  readonly index: number;
  readonly source: string;
  /** `interrupted`: the test was running when the run hit a limit or crashed. */
  readonly status: 'passed' | 'failed' | 'error' | 'interrupted' | 'not-run';
  readonly error?: string;
  /** For a failed `assert a == b`: the values of a and b (repr, truncated). */
  readonly got?: string;
  readonly expected?: string;
}

export interface SandboxResult {
  readonly status: SandboxStatus;
  readonly isolation: SandboxEnvironment['isolation'];
  /** Undefined when the run ended before the program finished loading. */
  readonly program?: PhaseOutcome;
  readonly setup?: PhaseOutcome;
  readonly tests: readonly TestOutcome[];
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly wallMs: number;
}

let sharedLimit: ConcurrencyLimit | undefined;
let shared: PythonSandbox | undefined;

/** Process groups of running sandboxes, killed if sepo exits while they run. */
const running = new Set<number>();
let exitHookInstalled = false;

function track(pid: number | undefined): void {
  if (pid === undefined) return;
  running.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of running) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

function sharedConcurrencyLimit(): ConcurrencyLimit {
  sharedLimit ??= new ConcurrencyLimit(defaultSandboxConcurrency());
  return sharedLimit;
}

/** The process-wide default sandbox (default limits, shared concurrency limit). */
export function sharedPythonSandbox(): PythonSandbox {
  shared ??= new PythonSandbox();
  return shared;
}

/**
 * Runs untrusted Python programs (model outputs) against tests, contained: its own process group
 * (killed whole on timeout), rlimits (CPU, memory, processes, file size), no network, a fresh work
 * dir as cwd (deleted afterwards), an environment without secrets, capped output. With user
 * namespaces (util-linux `unshare`) it also gets a read-only view of the file system, a private PID
 * namespace and an empty network namespace; without them an in-process guard blocks network, writes
 * outside the work dir, subprocesses and signals. When sepo runs as root the program runs as an
 * unprivileged uid (65534 by default). A run never throws for anything the program does.
 */
export class PythonSandbox {
  private readonly limit: ConcurrencyLimit;
  private readonly limits: SandboxLimits;
  private environmentValue: SandboxEnvironment | undefined;
  private swept = false;

  constructor(private readonly options: PythonSandboxOptions = {}) {
    this.limit =
      options.concurrency === undefined
        ? sharedConcurrencyLimit()
        : new ConcurrencyLimit(options.concurrency);
    this.limits = { ...DEFAULT_SANDBOX_LIMITS, ...options.limits };
  }

  /** What this machine offers (probed once, synchronously; throws a SepoError when Python is missing). */
  get environment(): SandboxEnvironment {
    this.environmentValue ??= probeSandboxEnvironment(this.options);
    return this.environmentValue;
  }

  async run(job: SandboxJob, limits: Partial<SandboxLimits> = {}): Promise<SandboxResult> {
    const environment = this.environment;
    const effective = { ...this.limits, ...limits };
    return this.limit.run(() => this.runNow(environment, job, effective));
  }

  private async runNow(
    environment: SandboxEnvironment,
    job: SandboxJob,
    limits: SandboxLimits,
  ): Promise<SandboxResult> {
    const tmpRoot = this.options.tmpRoot ?? tmpdir();
    // Work dirs of a sepo killed mid-run (SIGKILL skips every cleanup) are removed by the next one.
    if (!this.swept) {
      this.swept = true;
      sweepStaleWorkdirs(tmpRoot);
    }
    const workdir = prepareWorkdir(tmpRoot, job, environment.runAs);
    try {
      const command = sandboxCommand(environment, workdir, limits, this.options.pythonGuard ?? true);
      const raw = await execute(command, workdir, limits, environment);
      return interpret(raw, job, environment);
    } finally {
      removeWorkdir(workdir);
    }
  }
}

interface RawRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly channel: string;
  readonly truncated: boolean;
  readonly timedOut: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly spawnError?: string;
  readonly wallMs: number;
}

function execute(
  command: ReturnType<typeof sandboxCommand>,
  workdir: string,
  limits: SandboxLimits,
  environment: SandboxEnvironment,
): Promise<RawRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command.file, command.args, {
      cwd: workdir,
      env: command.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      ...(environment.runAs ?? {}),
    });
    track(child.pid);
    const stdout = capture(child.stdout, limits.maxOutputBytes);
    const stderr = capture(child.stderr, limits.maxOutputBytes);
    const channel = capture(child.stdio[3] as Readable | null, 1024 * 1024);
    let timedOut = false;
    let finished = false;
    let spawnError: string | undefined;
    let exit: { code: number | null; signal: string | null } = { code: null, signal: null };
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(grace);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({
        stdout: stdout.text(),
        stderr: stderr.text(),
        channel: channel.text(),
        truncated: stdout.truncated() || stderr.truncated(),
        timedOut,
        exitCode: exit.code,
        signal: exit.signal,
        ...(spawnError === undefined ? {} : { spawnError }),
        wallMs: Date.now() - started,
      });
    };
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
      grace = setTimeout(finish, 2000);
    }, limits.wallMs);
    child.on('error', (error) => {
      spawnError = error.message;
      finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Stragglers of the group must not keep the pipes (and this run) open.
      killGroup();
      grace ??= setTimeout(finish, 2000);
    });
    child.on('close', finish);
  });
}

function capture(stream: Readable | null, maxBytes: number): { text(): string; truncated(): boolean } {
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = false;
  stream?.on('data', (chunk: Buffer) => {
    if (kept >= maxBytes) {
      dropped = true;
      return;
    }
    const part = chunk.length > maxBytes - kept ? chunk.subarray(0, maxBytes - kept) : chunk;
    if (part.length < chunk.length) dropped = true;
    chunks.push(part);
    kept += part.length;
  });
  stream?.on('error', () => undefined);
  return { text: () => Buffer.concat(chunks).toString('utf8'), truncated: () => dropped };
}

function phase(event: RunnerEvent | undefined): PhaseOutcome | undefined {
  if (event === undefined) return undefined;
  if (event.ok === true) return { ok: true };
  return {
    ok: false,
    error: event.error ?? 'unknown error',
    ...(typeof event.line === 'number' ? { line: event.line } : {}),
  };
}

function interpret(raw: RawRun, job: SandboxJob, environment: SandboxEnvironment): SandboxResult {
  const events = parseRunnerEvents(raw.channel);
  const has = (name: string): boolean => events.some((e) => e.e === name);
  const status: SandboxStatus = has('cpu-limit')
    ? 'cpu-limit'
    : has('done')
      ? 'completed'
      : raw.timedOut
        ? 'timeout'
        : 'crashed';
  const started = new Set(events.filter((e) => e.e === 'test-start').map((e) => e.i));
  const tests = (job.tests ?? []).map((source, index): TestOutcome => {
    const event = events.find((e) => e.e === 'test' && e.i === index);
    if (event === undefined) return { index, source, status: started.has(index) ? 'interrupted' : 'not-run' };
    if (event.ok === true) return { index, source, status: 'passed' };
    return {
      index,
      source,
      status: event.kind === 'assert' ? 'failed' : 'error',
      ...(event.error ? { error: event.error } : {}),
      ...(event.got === undefined ? {} : { got: event.got }),
      ...(event.expected === undefined ? {} : { expected: event.expected }),
    };
  });
  const program = phase(events.find((e) => e.e === 'program'));
  const setup = phase(events.find((e) => e.e === 'setup'));
  const stderr =
    raw.spawnError !== undefined
      ? `${raw.stderr}\ncould not start the sandbox: ${raw.spawnError}`.trim()
      : !has('ready') && status === 'crashed'
        ? `${raw.stderr}\nthe sandbox failed before the program started`.trim()
        : raw.stderr;
  return {
    status,
    isolation: environment.isolation,
    ...(program === undefined ? {} : { program }),
    ...(setup === undefined ? {} : { setup }),
    tests,
    stdout: raw.stdout,
    stderr,
    truncated: raw.truncated,
    exitCode: raw.exitCode,
    signal: raw.signal,
    wallMs: raw.wallMs,
  };
}
