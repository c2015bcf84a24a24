import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonSandbox } from './python-sandbox.js';
import { probeSandboxEnvironment } from './sandbox-environment.js';

const namespacesWork = probeSandboxEnvironment().isolation === 'namespaces';

/** Processes whose command line mentions `marker` (the sandbox's tmp root). */
async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

function processesMentioning(marker: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) count++;
    } catch {
      // gone
    }
  }
  return count;
}

describe('PythonSandbox basics', () => {
  const sandbox = new PythonSandbox({ concurrency: 2 });

  it('runs a program and its tests, reporting the failing assert with both sides', async () => {
    const result = await sandbox.run({
      program: 'def add(a, b):\n    return a + b + (a == 2)\nprint("hello")',
      tests: ['assert add(1, 2) == 3', 'assert add(2, 2) == 4', 'assert missing(1)'],
    });
    expect(result.status).toBe('completed');
    expect(result.program).toEqual({ ok: true });
    expect(result.stdout).toBe('hello\n');
    expect(result.tests.map((t) => t.status)).toEqual(['passed', 'failed', 'error']);
    expect(result.tests[1]).toMatchObject({ got: '5', expected: '4' });
    expect(result.tests[2]?.error).toContain("NameError: name 'missing' is not defined");
  });

  it('reports a syntax error with its line and runs setup code after the program', async () => {
    const broken = await sandbox.run({ program: 'def f(:\n  pass', tests: ['assert True'] });
    expect(broken.program).toMatchObject({ ok: false, line: 1 });
    expect(broken.program?.error).toContain('SyntaxError');
    expect(broken.tests[0]?.status).toBe('not-run');
    const withSetup = await sandbox.run({
      program: 'class Box:\n    def __init__(self, v):\n        self.v = v',
      setup: 'import math\nb = Box(math.pi)',
      tests: ['assert round(b.v, 2) == 3.14'],
    });
    expect(withSetup.tests[0]?.status).toBe('passed');
  });

  it('lets a program write in its own work dir, which starts fresh every run', async () => {
    const first = await sandbox.run({
      program: 'import os\nopen("notes.txt", "w").write("x" * 10)\nsize = os.path.getsize("notes.txt")',
      tests: ['assert size == 10'],
    });
    expect(first.tests[0]?.status).toBe('passed');
    const second = await sandbox.run({
      program: 'import os\nleft = os.path.exists("notes.txt")',
      tests: ['assert not left'],
    });
    expect(second.tests[0]?.status).toBe('passed');
  });

  it('caps the output it keeps', async () => {
    const result = await new PythonSandbox({ concurrency: 1, limits: { maxOutputBytes: 1000 } }).run(
      { program: 'for i in range(100000):\n    print("y" * 100)' },
      { wallMs: 5000 },
    );
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBeLessThanOrEqual(1000);
  });

  it('limits how many programs run at once', async () => {
    const limited = new PythonSandbox({ concurrency: 2 });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => limited.run({ program: 'import time\ntime.sleep(0.6)' })),
    );
    expect(results.every((r) => r.status === 'completed')).toBe(true);
    // Four 0.6 s sleeps two at a time take at least two rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150);
  });
});

const modes = [
  { name: 'namespaces (OS layer alone, no Python guard)', isolation: 'namespaces', guard: false },
  { name: 'Python guard (no namespaces)', isolation: 'guard', guard: true },
] as const;

for (const mode of modes) {
  describe.skipIf(mode.isolation === 'namespaces' && !namespacesWork)(
    `hostile programs: ${mode.name}`,
    () => {
      let root: string;
      let canaryDir: string;
      let canary: string;
      let server: Server;
      let connections = 0;
      let port = 0;
      let sandbox: PythonSandbox;

      beforeAll(async () => {
        root = mkdtempSync(join(tmpdir(), 'sepo-hostile-'));
        chmodSync(root, 0o755);
        canaryDir = mkdtempSync(join(tmpdir(), 'sepo-canary-'));
        // World-writable, so only the sandbox (not file permissions) protects it.
        chmodSync(canaryDir, 0o777);
        canary = join(canaryDir, 'precious.txt');
        writeFileSync(canary, 'keep me');
        chmodSync(canary, 0o666);
        server = createServer((socket) => {
          connections++;
          socket.destroy();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as { port: number }).port;
        sandbox = new PythonSandbox({
          isolation: mode.isolation,
          pythonGuard: mode.guard,
          tmpRoot: root,
          concurrency: 4,
        });
      });

      afterAll(async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(canaryDir, { recursive: true, force: true });
        rmSync(root, { recursive: true, force: true });
      });

      it('runs with the requested isolation', () => {
        expect(sandbox.environment.isolation).toBe(mode.isolation);
      });

      it('cannot delete, overwrite or create files outside its work dir', async () => {
        const result = await sandbox.run({
          program: [
            'import os, shutil',
            `target = ${JSON.stringify(canary)}`,
            'outcomes = []',
            'for attempt in (lambda: os.remove(target), lambda: open(target, "w").write("pwned"),',
            `                lambda: open(${JSON.stringify(join(canaryDir, 'new.txt'))}, "w").write("x"),`,
            `                lambda: shutil.rmtree(${JSON.stringify(canaryDir)})):`,
            '    try:',
            '        attempt()',
            '        outcomes.append("done")',
            '    except Exception as e:',
            '        outcomes.append(type(e).__name__)',
            'print(outcomes)',
          ].join('\n'),
        });
        expect(result.status).toBe('completed');
        expect(readFileSync(canary, 'utf8')).toBe('keep me');
        expect(existsSync(join(canaryDir, 'new.txt'))).toBe(false);
        expect(result.stdout).not.toContain('done');
      });

      it('does not see secrets from the environment of the run', async () => {
        process.env.SEPO_SANDBOX_TEST_SECRET = 'hunter2-secret';
        try {
          const result = await sandbox.run({
            program: [
              'import os',
              'print("keys", sorted(set(os.environ) - {"HOME", "LANG", "LC_CTYPE", "PATH"}))',
              'print(os.environ.get("SEPO_SANDBOX_TEST_SECRET"))',
              `for path in ("/proc/${process.pid}/environ", "/proc/${process.ppid}/environ", "/proc/1/environ"):`,
              '    try:',
              '        print(open(path, "rb").read())',
              '    except Exception as e:',
              '        print("no", type(e).__name__)',
            ].join('\n'),
          });
          expect(result.status).toBe('completed');
          expect(result.stdout).not.toContain('hunter2');
          expect(result.stdout).toContain('keys []');
        } finally {
          delete process.env.SEPO_SANDBOX_TEST_SECRET;
        }
      });

      it('cannot open a socket to 127.0.0.1', async () => {
        const result = await sandbox.run({
          program: [
            'import socket',
            'try:',
            `    socket.create_connection(("127.0.0.1", ${port}), timeout=2).close()`,
            '    print("connected")',
            'except Exception as e:',
            '    print("refused", type(e).__name__)',
          ].join('\n'),
        });
        expect(result.stdout).toContain('refused');
        expect(connections).toBe(0);
      });

      it('stops an infinite loop at the CPU limit and a sleeper at the wall limit', async () => {
        const spin = await sandbox.run({ program: 'while True:\n    pass' }, { cpuSeconds: 1, wallMs: 8000 });
        expect(spin.status).toBe('cpu-limit');
        expect(spin.wallMs).toBeLessThan(4000);
        const sleeper = await sandbox.run({ program: 'import time\ntime.sleep(60)' }, { wallMs: 1000 });
        expect(sleeper.status).toBe('timeout');
        expect(sleeper.wallMs).toBeLessThan(3500);
      });

      it('turns a memory bomb into a MemoryError', async () => {
        const result = await sandbox.run(
          { program: 'chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))' },
          { memoryBytes: 256 * 1024 * 1024 },
        );
        expect(result.status).toBe('completed');
        expect(result.program?.error).toContain('MemoryError');
      });

      it('contains a fork bomb within its limits and leaves no process behind', async () => {
        const started = Date.now();
        const result = await sandbox.run(
          {
            program: [
              'import os',
              'while True:',
              '    try:',
              '        os.fork()',
              '    except Exception:',
              '        pass',
            ].join('\n'),
          },
          { wallMs: 3000, cpuSeconds: 2, maxProcesses: 16 },
        );
        expect(['timeout', 'cpu-limit']).toContain(result.status);
        expect(Date.now() - started).toBeLessThan(3000 + 3000);
        // The sandbox reaps its process group before it resolves; allow the kernel a moment to
        // finish tearing it down, polling rather than sleeping a fixed time.
        expect(await eventually(() => processesMentioning(root) === 0, 5_000)).toBe(true);
        // The test process can still start processes.
        expect(execFileSync('echo', ['alive'], { encoding: 'utf8' }).trim()).toBe('alive');
      });

      it('cannot start more processes than its limit', async () => {
        const result = await sandbox.run(
          {
            program: [
              'import os, time',
              'count = 0',
              'for _ in range(200):',
              '    try:',
              '        if os.fork() == 0:',
              '            time.sleep(3)',
              '            os._exit(0)',
              '        count += 1',
              '    except Exception:',
              '        break',
              'print("forked", count)',
            ].join('\n'),
          },
          { wallMs: 5000, maxProcesses: 8 },
        );
        const forked = Number(/forked (\d+)/.exec(result.stdout)?.[1] ?? Number.NaN);
        expect(forked).toBeLessThan(8);
      });

      it('cannot make the file system writable again or escape into new namespaces', async () => {
        const result = await sandbox.run({
          program: [
            'results = []',
            'try:',
            '    import ctypes',
            '    libc = ctypes.CDLL(None, use_errno=True)',
            '    results.append(libc.mount(b"none", b"/", None, 32 | 4096, None))',
            '    results.append(libc.mount(b"none", b"/tmp", None, 32 | 4096, None))',
            '    results.append(libc.unshare(0x10000000 | 0x00020000))',
            'except Exception as e:',
            '    results.append(type(e).__name__)',
            'try:',
            `    open(${JSON.stringify(canary)}, "w").write("pwned")`,
            'except Exception as e:',
            '    results.append(type(e).__name__)',
            'print(results)',
          ].join('\n'),
        });
        expect(result.status).toBe('completed');
        expect(result.stdout).not.toMatch(/\b0\b/);
        expect(readFileSync(canary, 'utf8')).toBe('keep me');
      });

      it('cannot signal the run that started it', async () => {
        const result = await sandbox.run({
          program: [
            'import os, signal',
            `for pid in (os.getppid(), ${process.pid}):`,
            '    try:',
            '        os.kill(pid, signal.SIGKILL) if pid > 1 else None',
            '    except Exception as e:',
            '        print("denied", type(e).__name__)',
          ].join('\n'),
        });
        expect(result.status).not.toBe('timeout');
        expect(process.kill(process.pid, 0)).toBe(true);
      });
    },
  );
}
