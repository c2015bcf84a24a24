import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeSandboxEnvironment } from './sandbox-environment.js';

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
