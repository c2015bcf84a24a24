import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../store/index.js';
import { runCli } from '../../test-support/run-cli.js';
import type { DiagnoseResult } from './diagnose-command.js';
import type { OptimizeResult } from './optimize-command.js';

const dir = mkdtempSync(join(tmpdir(), 'sepo-diagnose-'));
const store = join(dir, 'store');
const small = ['--n', '6', '--m', '4', '--k', '2', '--resamples', '200'];
const common = ['--store', store, '--no-cache', '--json', '--quiet'];

function parse<T>(stdout: string): T {
  return JSON.parse(stdout) as T;
}

describe('sepo diagnose', () => {
  it('diagnoses sim:hetero end to end, stores the tensor, and reproduces from --rewards', async () => {
    const saved = join(dir, 'rewards.json');
    const run = await runCli([
      'diagnose',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--generator-model',
      'sim:hetero',
      ...small,
      '--save-rewards',
      saved,
      ...common,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = parse<DiagnoseResult>(run.stdout);
    const a = result.analysis;
    expect(result.source).toBe('generator');
    expect(result.rollouts).toBe(6 * 30 * 4);
    expect(a.shape).toMatchObject({ prompts: 6, examples: 30, minSamples: 4 });
    for (const key of ['total', 'noise', 'signal', 'ratio'] as const) {
      expect(typeof a.decomposition[key]).toBe('number');
      expect(a.intervals[key].low).toBeLessThanOrEqual(a.intervals[key].high);
    }
    expect(['learnable', 'heterogeneous', 'noise-dominated']).toContain(a.verdict.kind);
    expect(a.verdict.headline.length).toBeGreaterThan(20);
    expect(a.subsets.top).toHaveLength(2);
    for (const s of a.subsets.top) {
      expect(s.ids).toHaveLength(2);
      for (const id of s.ids) expect(id).toMatch(/^train-/);
    }
    expect(a.samplesForTarget.targetRatio).toBe(2);

    const reader = RunStore.open(store);
    expect(reader.getArtifact(result.runId ?? '', 'analysis')).toEqual(a);
    expect(reader.artifactNames(result.runId ?? '')).toEqual(expect.arrayContaining(['analysis', 'rewards']));
    expect(reader.candidates(result.runId ?? '').map((c) => c.id)).toEqual([
      'g0',
      'g1',
      'g2',
      'g3',
      'g4',
      'g5',
    ]);
    reader.close();

    const file = JSON.parse(readFileSync(saved, 'utf8')) as {
      rewards: number[][][];
      exampleIds: string[];
      prompts: string[];
    };
    expect(file.rewards).toHaveLength(6);
    expect(file.exampleIds).toHaveLength(30);
    expect(file.prompts).toEqual(result.prompts.map((p) => p.prompt));

    const again = await runCli(['diagnose', '--rewards', saved, '--k', '2', '--resamples', '200', '--json']);
    expect(again.code).toBe(0);
    const replayed = parse<DiagnoseResult>(again.stdout);
    expect(replayed.source).toBe('rewards-file');
    expect(replayed.analysis).toEqual(a);

    const text = await runCli(['diagnose', '--rewards', saved, '--resamples', '200']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`verdict: ${a.verdict.headline}`);
    expect(text.stdout).toContain('top subsets of K_top = 2');
  });

  it('takes system prompts from a --candidates file', async () => {
    const file = join(dir, 'candidates.txt');
    writeFileSync(
      file,
      'Think step by step.\n---\nAnswer as briefly as possible.\n---\nYou are a world-class expert.\n',
    );
    const run = await runCli([
      'diagnose',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--candidates',
      file,
      '--m',
      '2',
      '--limit',
      '5',
      '--resamples',
      '100',
      ...common,
    ]);
    expect(run.code).toBe(0);
    const result = parse<DiagnoseResult>(run.stdout);
    expect(result.source).toBe('candidates');
    expect(result.prompts.map((p) => p.prompt)).toEqual([
      'Think step by step.',
      'Answer as briefly as possible.',
      'You are a world-class expert.',
    ]);
    expect(result.rollouts).toBe(3 * 5 * 2);
    expect(result.generatorCalls).toBe(0);
  });

  it('exits 2 with one line naming the file for a bad --rewards file', async () => {
    const bad = join(dir, 'bad-rewards.json');
    writeFileSync(
      bad,
      JSON.stringify({
        rewards: [
          [[0, 1], [1]],
          [[1, 0], [2]],
        ],
      }),
    );
    const run = await runCli(['diagnose', '--rewards', bad]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`sepo: ${bad}: rewards[1][1][0]: 2 is not a reward in [0, 1]`);
    const missing = await runCli(['diagnose', '--rewards', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/nope\.json: file not found \(from --rewards\)$/);
  });
});

describe('sepo optimize --select', () => {
  const optimize = (args: readonly string[]) =>
    runCli(['optimize', '--method', 'manual', '--val-limit', '0', ...args, ...common]);

  it('p1 trains on the top subset of the same diagnosis `sepo diagnose` gives', async () => {
    const world = ['--task', 'sim:hetero', '--model', 'sim:hetero'];
    const diag = parse<DiagnoseResult>(
      (
        await runCli([
          'diagnose',
          ...world,
          '--n',
          '6',
          '--m',
          '4',
          '--k',
          '2',
          '--resamples',
          '100',
          ...common,
        ])
      ).stdout,
    );
    const run = await optimize([
      ...world,
      '--select',
      'p1',
      '--k',
      '2',
      '--select-n',
      '6',
      '--select-m',
      '4',
    ]);
    expect(run.code).toBe(0);
    const result = parse<OptimizeResult>(run.stdout);
    const selection = result.selection;
    expect(selection?.method).toBe('p1');
    expect(selection?.chosenIds).toEqual(diag.analysis.subsets.top[0]?.ids);
    expect(selection?.rolloutsUsed).toBe(6 * 30 * 4);
    expect(selection?.verdict?.kind).toBe(diag.analysis.verdict.kind);
    expect(result.spend.task.rollouts).toBeGreaterThanOrEqual(6 * 30 * 4);
  });

  it('random picks k seeded examples; all is the default', async () => {
    const world = ['--task', 'sim:hetero', '--model', 'sim:hetero'];
    const pick = async (seed: string) =>
      parse<OptimizeResult>(
        (await optimize([...world, '--select', 'random', '--k', '3', '--seed', seed])).stdout,
      ).selection;
    const a = await pick('1');
    expect(a?.chosenIds).toHaveLength(3);
    expect(a?.rolloutsUsed).toBe(0);
    expect((await pick('1'))?.chosenIds).toEqual(a?.chosenIds);
    const all = parse<OptimizeResult>((await optimize(world)).stdout).selection;
    expect(all?.method).toBe('all');
    expect(all?.chosenIds).toHaveLength(30);
  });

  it('auto keeps all the examples on sim:homo', async () => {
    const run = await optimize([
      '--task',
      'sim:homo',
      '--model',
      'sim:homo',
      '--select',
      'auto',
      '--select-n',
      '8',
      '--select-m',
      '8',
    ]);
    expect(run.code).toBe(0);
    const selection = parse<OptimizeResult>(run.stdout).selection;
    expect(selection?.verdict?.kind).toBe('learnable');
    expect(selection?.filtered).toBe(false);
    expect(selection?.chosenIds).toHaveLength(40);
    expect(selection?.reason).toMatch(/kept all 40 training examples/);
  });
});
