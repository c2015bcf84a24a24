import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PythonSandbox } from './python-sandbox.js';
import { probeSandboxEnvironment } from './sandbox-environment.js';
import { sweepStaleWorkdirs } from './sandbox-invocation.js';

const SANDBOX_MODULE = fileURLToPath(new URL('./python-sandbox.ts', import.meta.url));
const namespacesWork = probeSandboxEnvironment().isolation === 'namespaces';

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

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe('sandbox lifetime', () => {
  it('removes the work dirs a killed sepo left behind, at the next start, and only those', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sepo-sweep-'));
    chmodSync(root, 0o755);
    try {
      // A pid that surely is not running: a child that has exited.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      const stale = join(root, `sepo-sbx-${dead}-abc123`);
      const live = join(root, `sepo-sbx-${process.ppid}-def456`);
      const unnamed = join(root, 'sepo-sbx-Xy12Z9');
      for (const dir of [stale, live, unnamed]) {
        mkdirSync(dir);
        writeFileSync(join(dir, 'job.json'), '{}');
      }
      const sandbox = new PythonSandbox({ isolation: 'guard', tmpRoot: root });
      const result = await sandbox.run({ program: 'print(1)' });
      expect(result.stdout.trim()).toBe('1');
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(unnamed)).toBe(true);
      expect(sweepStaleWorkdirs(root, () => false)).toBe(1);
      expect(existsSync(live)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  for (const isolation of ['namespaces', 'guard'] as const) {
    it.skipIf(isolation === 'namespaces' && !namespacesWork)(
      `kills running programs when the run is killed (${isolation})`,
      async () => {
        const root = mkdtempSync(join(tmpdir(), 'sepo-lifetime-'));
        chmodSync(root, 0o755);
        const script = join(root, 'run.mts');
        writeFileSync(
          script,
          [
            `import { PythonSandbox } from ${JSON.stringify(SANDBOX_MODULE)};`,
            `const sandbox = new PythonSandbox({ isolation: '${isolation}', tmpRoot: ${JSON.stringify(root)} });`,
            "await sandbox.run({ program: 'import time\\ntime.sleep(120)' }, { wallMs: 120000 });",
          ].join('\n'),
        );
        const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
        try {
          // The Python program's command line names the tmp root (its work dir is inside).
          expect(await waitFor(() => processesMentioning(`${root}/sepo-sbx-`) > 0, 15_000)).toBe(true);
          // Let the program reach its sleep (a run killed during start-up dies on its own).
          await new Promise((resolve) => setTimeout(resolve, 1500));
          child.kill('SIGKILL');
          expect(await waitFor(() => processesMentioning(`${root}/sepo-sbx-`) === 0, 5_000)).toBe(true);
        } finally {
          child.kill('SIGKILL');
          rmSync(root, { recursive: true, force: true });
        }
      },
      30_000,
    );
  }
});
