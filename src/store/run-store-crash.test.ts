import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunStore } from './run-store.js';
import { makeCompletion, makeRollout, rolloutMeta, tempDir } from './test-support/fixtures.js';

const WRITER = fileURLToPath(new URL('./test-support/kill-writer.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** Starts the writer and SIGKILLs it once it reports `atLeast` records; resolves when it is dead. */
function runAndKill(dir: string, runId: string, atLeast: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, runId], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const last = Number(out.trimEnd().split('\n').at(-1));
      if (last >= atLeast) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null)
        reject(new Error(`writer exited with code ${code} before being killed: ${stderr}`));
      else resolve(signal);
    });
  });
}

describe('RunStore after kill -9 mid-write', () => {
  it('stays consistent, keeps whole batches only, and never duplicates on re-recording', async () => {
    const setup = RunStore.open(tmp.dir);
    const runId = setup.createRun({ kind: 'optimize', config: {}, seed: 3, versions: {} }).id;
    setup.close();

    expect(await runAndKill(tmp.dir, runId, 30_000)).toBe('SIGKILL');

    const store = RunStore.open(tmp.dir);
    expect(store.integrityCheck()).toBe('ok');
    const survived = store.countRollouts(runId);
    expect(survived).toBeGreaterThan(0);
    // Batches commit in order and whole: what survived is exactly a prefix of what was recorded.
    const ids = [...store.rollouts(runId)].map((r) => Number(r.exampleId.slice(1)));
    expect(ids).toEqual(Array.from({ length: survived }, (_, i) => i));
    const log = store.completions(runId);
    expect(log.getFromRun('k0')).toEqual(makeCompletion(0));

    // Resume: record everything again, and more; nothing is duplicated.
    const total = survived + 2000;
    const sink = store.rolloutSink(runId);
    for (let i = 0; i < total; i++) {
      sink.record(makeRollout(i, { source: 'replay' }), rolloutMeta(i));
      log.putInRun(`k${i}`, 'task', makeCompletion(i));
    }
    store.flush();
    expect(store.countRollouts(runId)).toBe(total);
    const replayed = [...store.rollouts(runId)].filter((r) => r.source === 'replay').length;
    expect(replayed).toBe(2000);
    for (let i = 0; i < total; i += 997) expect(log.getFromRun(`k${i}`)).toEqual(makeCompletion(i));
    expect(store.integrityCheck()).toBe('ok');
    store.close();
  });
});
