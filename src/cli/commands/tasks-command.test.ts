import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../test-support/run-cli.js';
import { listTasks, renderTasks } from './tasks-command.js';

const SHARED = join(REPO_ROOT, '..', 'shared', 'datasets');

describe('sepo tasks', () => {
  it('lists built-in datasets with their split sizes when the data is there, and sim tasks', () => {
    const result = listTasks(SHARED);
    const byId = new Map(result.tasks.map((t) => [t.id, t]));
    expect(byId.get('aime2024')).toMatchObject({
      available: true,
      kind: 'math',
      splits: { train: 10, val: 5, test: 15 },
    });
    expect(byId.get('hmmt2025')?.splits).toEqual({ train: 10, val: 5, test: 15 });
    expect(byId.get('math500')?.splits).toEqual({ train: 100, val: 100, test: 300 });
    expect(byId.get('gsm8k')?.splits).toEqual({ train: 7273, val: 200, test: 1319 });
    expect(byId.get('sim:demo')).toMatchObject({ source: 'sim', available: true });
    expect(result.scorers).toContain('llm-judge');
    const text = renderTasks(result);
    expect(text).toMatch(/^ {2}gsm8k +math +train 7273 \/ val 200 \/ test 1319$/m);
  });

  it('says which datasets are not downloaded yet', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sepo-tasks-'));
    const r = await runCli(['tasks', '--data-dir', empty]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}aime2025 +math +not downloaded \(fetched from the hub on first use\)$/m);
    expect(r.stdout).toContain('sim:demo');
    const json = await runCli(['tasks', '--data-dir', SHARED, '--json']);
    const parsed = JSON.parse(json.stdout) as { tasks: { id: string; available: boolean }[] };
    expect(parsed.tasks.find((t) => t.id === 'math500')?.available).toBe(true);
  });
});
