import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import '../../sim/register.js';
import { RunStore } from '../../store/index.js';
import { loadTask } from '../../tasks/load-task.js';
import { collect, runCli, spawnCli } from '../../test-support/run-cli.js';
import type { EvalResult } from './eval-command.js';

const dir = mkdtempSync(join(tmpdir(), 'sepo-serve-'));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Resolves with the first stdout line of the child (the server's URL). */
function firstLine(proc: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (d: Buffer): void => {
      buffer += d.toString();
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        proc.stdout?.off('data', onData);
        resolve(buffer.slice(0, nl));
      }
    };
    proc.stdout?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)));
  });
}

async function post(url: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('sepo serve-reward', () => {
  it('serves the rewards `sepo eval` gives on the subset, validates requests, and stops on SIGTERM', async () => {
    const task = loadTask('sim:hetero');
    const subset = task.splits.train.slice(0, 2).map((e) => e.id);
    const store = join(dir, 'store');
    child = spawnCli([
      'serve-reward',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--subset',
      subset.join(','),
      '--m',
      '4',
      '--port',
      '0',
      '--store',
      store,
      '--no-cache',
      '--quiet',
    ]);
    const done = collect(child);
    const url = await firstLine(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', task: 'sim:hetero', subset, m: 4 });

    const prompts = [
      task.defaultSystemPrompt,
      'You are a world-class expert. Answer as briefly as possible.',
    ];
    const ok = await post(`${url}/reward`, JSON.stringify({ prompts }));
    expect(ok.status).toBe(200);
    const rewards = ok.json.rewards as number[];
    expect(rewards).toHaveLength(2);
    const details = ok.json.details as { perExample: Record<string, number>; n: number }[];
    expect(details.map((d) => d.n)).toEqual([8, 8]);
    expect(Object.keys(details[0]?.perExample ?? {})).toEqual(subset);

    const bad = await post(`${url}/reward`, '{"prompts": [1]}');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ field: 'prompts[0]' });
    const notJson = await post(`${url}/reward`, '{oops');
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ field: 'body' });
    expect(String(notJson.json.error)).toMatch(/^body: not valid JSON/);
    // Over the 16 MB limit: the documented 413 reaches the client (not a reset connection).
    const huge = await post(`${url}/reward`, `{"prompts": ["${'x'.repeat(17 * 1024 * 1024)}"]}`);
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ field: 'body' });
    const missing = await post(`${url}/reward`, '{}');
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ field: 'prompts' });
    expect((await fetch(`${url}/nope`)).status).toBe(404);

    child.kill('SIGTERM');
    const exited = await done;
    expect(exited.code).toBe(0);
    const runId = /run (r\S+)/.exec(exited.stdout)?.[1] ?? '';
    expect(exited.stdout).toContain('served 1 request(s), 2 prompt(s)');
    const reader = RunStore.open(store);
    expect(reader.getRun(runId)?.status).toBe('finished');
    expect(reader.countRollouts(runId)).toBe(16);
    reader.close();

    for (const [i, prompt] of prompts.entries()) {
      const evaluated = await runCli([
        'eval',
        '--task',
        'sim:hetero',
        '--model',
        'sim:hetero',
        '--prompt',
        prompt,
        '--split',
        'train',
        '--limit',
        '2',
        '--samples',
        '4',
        '--store',
        store,
        '--no-cache',
        '--json',
        '--quiet',
      ]);
      expect(evaluated.code).toBe(0);
      const result = JSON.parse(evaluated.stdout) as EvalResult;
      expect(rewards[i]).toBeCloseTo(result.accuracy.mean, 12);
    }
  });

  it('refuses an unknown subset id with one line naming --subset', async () => {
    const run = await runCli([
      'serve-reward',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--subset',
      'train-0,nope',
      '--port',
      '0',
      '--store',
      join(dir, 'store2'),
      '--no-cache',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^sepo: --subset: unknown example id "nope" in sim:hetero/);
    expect(run.stdout).toBe('');
  });
});
