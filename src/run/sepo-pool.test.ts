import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../sim/register.js';
import { loadTask } from '../tasks/load-task.js';
import { getBuiltinTask } from '../tasks/task-registry.js';
import { REPO_ROOT, runCli } from '../test-support/run-cli.js';
import { ENGINE_OPTIONS } from './common-options.js';
import { SEPO_OPTIONS } from './sepo-options.js';
import { noPoolError, resolvePool } from './sepo-pool.js';
import { Options } from './settings.js';

const DATA_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
const tmp = (): string => mkdtempSync(join(tmpdir(), 'sepo-pool-'));

/** A user's own task: a JSONL file of questions and answers (kind "other"). */
function jsonlTask(dir: string): string {
  const file = join(dir, 'mine.jsonl');
  const split = (i: number): string => (i < 40 ? 'train' : i < 60 ? 'val' : 'test');
  writeFileSync(
    file,
    Array.from({ length: 90 }, (_, i) =>
      JSON.stringify({
        id: `q${i}`,
        input: `What is ${i} plus ${i}?`,
        answer: String(2 * i),
        split: split(i),
      }),
    ).join('\n'),
  );
  return file;
}

/**
 * A world that simulates the JSONL target and some built-in datasets (attached from --data-dir), so a
 * simulated model can pre-train on real built-in tasks. Built from the shipped pool world's behaviours.
 */
function externalWorld(dir: string, target: string, pool: readonly string[]): string {
  const base = JSON.parse(readFileSync(join(REPO_ROOT, 'src/sim/worlds/pool.json'), 'utf8')) as {
    tasks: Array<Record<string, unknown> & { id: string }>;
  } & Record<string, unknown>;
  const gsm8k = base.tasks.find((t) => t.id === 'gsm8k');
  const external = (id: string, taskId: string, inPool: boolean) => ({
    ...gsm8k,
    id,
    pool: inPool,
    source: { kind: 'external', taskId },
  });
  const world = {
    ...base,
    $schema: undefined,
    name: 'ext',
    defaultTask: undefined,
    tasks: [
      external('mine', target, false),
      ...pool.map((id) => external(id.replace(/[^a-z0-9]/g, ''), id, true)),
    ],
  };
  const file = join(dir, 'ext.json');
  writeFileSync(file, JSON.stringify(world));
  return file;
}

describe('--pool auto on a task that is not simulated', () => {
  it('chooses a generalist pool of loadable built-in tasks by relevance x novelty, never the target', () => {
    const target = loadTask(`jsonl:${jsonlTask(tmp())}`);
    const options = new Options({ 'data-dir': DATA_DIR }, [...SEPO_OPTIONS, ...ENGINE_OPTIONS]);
    const resolution = resolvePool({ options, target });
    const ids = resolution.pool.map((p) => p.task.id);
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain(target.id);
    // GPQA is not in the shared datasets (its authors ask it not be posted): skipped, not fatal.
    expect(resolution.unavailable.has('gpqa')).toBe(true);
    // Novelty: four different kinds of task.
    expect(new Set(resolution.pool.map((p) => p.task.kind)).size).toBe(4);
    for (const p of resolution.pool) {
      expect(p.train.length).toBeGreaterThan(0);
      expect(p.heldOut.length).toBeGreaterThan(0);
    }
  });

  it('never puts a built-in target in its own pool', () => {
    const options = new Options({ 'data-dir': DATA_DIR }, [...SEPO_OPTIONS, ...ENGINE_OPTIONS]);
    const target = loadTask('gsm8k', { dataDir: DATA_DIR });
    const ids = resolvePool({ options, target }).pool.map((p) => p.task.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).not.toContain('gsm8k');
  });

  it('with a data dir that holds no dataset keeps only tasks that need no file; the refusal says how to fix it', () => {
    const target = loadTask(`jsonl:${jsonlTask(tmp())}`);
    const resolution = resolvePool({
      options: new Options({ 'data-dir': tmp() }, [...SEPO_OPTIONS, ...ENGINE_OPTIONS]),
      target,
    });
    // Classic Sudoku is generated, not read: the only built-in task that needs no dataset file.
    for (const p of resolution.pool) expect(getBuiltinTask(p.task.id)?.files).toEqual([]);
    expect(resolution.unavailable.has('gsm8k')).toBe(true);
    const message = noPoolError(target, { ...resolution, pool: [] }).message;
    for (const fix of ['--data-dir', '--pool', '--agent agent.json', '--no-self-improvement'])
      expect(message).toContain(fix);
  });
});

describe('sepo optimize with self-improvement on a JSONL task', () => {
  it('pre-trains on built-in tasks from --data-dir, caches the agent, and a second run reuses it', async () => {
    const dir = tmp();
    const data = jsonlTask(dir);
    const world = externalWorld(dir, `jsonl:${data}`, ['gsm8k', 'math500', 'aime2025', 'ifeval']);
    const env = { SEPO_CACHE_DIR: join(dir, 'cache') };
    const args = [
      'optimize',
      '--task',
      `jsonl:${data}`,
      '--model',
      `sim:${world}`,
      '--data-dir',
      DATA_DIR,
      '--pool-size',
      '2',
      '--pretrain-generations',
      '1',
      '--generations',
      '1',
      '--no-report',
      '--json',
      '--quiet',
      '--store',
      join(dir, 'store'),
    ];
    const first = await runCli(args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    type Result = {
      agent: { source: string; file?: string; pool?: string[]; provenance?: { key: string } };
      details: { spendByStage: { pretrain?: { task: { rollouts: number } } } };
    };
    const a = JSON.parse(first.stdout) as Result;
    expect(a.agent.source).toBe('pretrained');
    expect(a.agent.pool).toHaveLength(2);
    for (const id of a.agent.pool ?? []) expect(['gsm8k', 'math500', 'aime2025', 'ifeval']).toContain(id);
    expect(a.details.spendByStage.pretrain?.task.rollouts).toBeGreaterThan(0);
    expect(a.agent.file).toContain(join(dir, 'cache', 'agents'));

    const second = JSON.parse((await runCli(args, env)).stdout) as Result;
    expect(second.agent.source).toBe('reused');
    expect(second.agent.file).toBe(a.agent.file);
    expect(second.agent.provenance?.key).toBe(a.agent.provenance?.key);
    expect(second.details.spendByStage.pretrain).toBeUndefined();

    const fresh = JSON.parse((await runCli([...args, '--fresh-agent'], env)).stdout) as Result;
    expect(fresh.agent.source).toBe('pretrained');

    const listed = await runCli(['agents'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(a.agent.provenance?.key ?? '?');
    expect(listed.stdout).toContain(`pool: ${a.agent.pool?.join(', ')}`);
  });

  it('stops with one line when no pool task can be loaded, and runs the ablation only when asked', async () => {
    const dir = tmp();
    const data = jsonlTask(dir);
    const world = externalWorld(dir, `jsonl:${data}`, ['gsm8k']);
    const common = [
      'optimize',
      '--task',
      `jsonl:${data}`,
      '--model',
      `sim:${world}`,
      '--data-dir',
      join(dir, 'empty'),
      '--generations',
      '1',
      '--no-report',
      '--no-cache',
      '--store',
      join(dir, 'store'),
    ];
    const refused = await runCli(common);
    expect(refused.code).toBe(2);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--pool: no pre-training pool for');
    expect(lines[0]).toContain('--no-self-improvement');

    const ablation = await runCli([...common, '--no-self-improvement']);
    expect(ablation.code).toBe(0);
    expect(ablation.stdout).toContain('prompt agent: seed (--no-self-improvement)');
  });
});

describe('a sim world given by path', () => {
  it('pre-trains on its own pool tasks (sepo optimize --task sim:./w.json --model sim:./w.json)', async () => {
    const dir = tmp();
    const world = JSON.parse(readFileSync(join(REPO_ROOT, 'src/sim/worlds/demo.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const file = join(dir, 'w.json');
    writeFileSync(file, JSON.stringify({ ...world, $schema: undefined, name: 'mini' }));
    const result = await runCli([
      'optimize',
      '--task',
      `sim:${file}`,
      '--model',
      `sim:${file}`,
      '--pretrain-generations',
      '1',
      '--generations',
      '1',
      '--no-report',
      '--no-cache',
      '--store',
      join(dir, 'store'),
    ]);
    expect(result.stderr).not.toContain('unknown sim world');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('prompt agent: pre-trained now on sim:mini/units, sim:mini/counting');
  });
});
