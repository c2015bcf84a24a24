import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../errors.js';
import { REPO_ROOT } from '../test-support/run-cli.js';
import { loadTask, loadTaskAsync } from './load-task.js';
import { defineTask, isTaskModulePath } from './user-module.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'sepo-module-'));
}

const DEFINE = JSON.stringify(join(REPO_ROOT, 'src', 'tasks', 'user-module.ts'));

describe('task modules', () => {
  it('loads a TypeScript module through tsx, with a custom scorer function', async () => {
    const d = dir();
    const path = join(d, 'shout.ts');
    writeFileSync(
      path,
      `import { defineTask } from ${DEFINE};
interface Row { word: string }
const rows: Row[] = [{ word: 'a' }, { word: 'b' }, { word: 'c' }, { word: 'd' }];
export default defineTask({
  id: 'shout',
  kind: 'qa',
  defaultSystemPrompt: 'Repeat the word in upper case.',
  splits: {
    train: rows.slice(0, 2).map((r) => ({ id: r.word, input: r.word, answer: r.word.toUpperCase() })),
    test: rows.slice(2).map((r) => ({ id: r.word, input: r.word, answer: r.word.toUpperCase() })),
  },
  toUserMessage: (e) => 'Word: ' + e.input,
  scorer: (e, response: string) => ({ score: response.trim() === e.answer ? 1 : 0, feedback: 'want ' + e.answer }),
});
`,
    );
    const task = await loadTaskAsync(path);
    expect(task.id).toBe('shout');
    expect(task.splits.train.map((e) => e.id)).toEqual(['a', 'b']);
    expect(task.splits.val).toEqual([]);
    expect(task.toUserMessage({ id: 'c', input: 'c', answer: 'C' })).toBe('Word: c');
    const c = task.splits.test[0];
    if (c === undefined) throw new Error('no example');
    expect(await task.scorer.score(c, 'C')).toEqual({ score: 1, feedback: 'want C' });
    expect(await task.scorer.score(c, 'c')).toMatchObject({ score: 0 });
  });

  it('loads a .mjs module with async `load` and a scorer by name; examples are split by seed', async () => {
    const d = dir();
    writeFileSync(join(d, 'data.json'), JSON.stringify(Array.from({ length: 10 }, (_, i) => i)));
    const path = join(d, 'sums.mjs');
    writeFileSync(
      path,
      `import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
export const task = {
  scorer: 'math',
  async load({ baseDir }) {
    const nums = JSON.parse(await readFile(join(baseDir, 'data.json'), 'utf8'));
    return nums.map((n) => ({ id: 'n' + n, input: n + ' + ' + n, answer: String(2 * n) }));
  },
};
`,
    );
    const task = await loadTaskAsync(path, { taskOptions: { train: 6, val: 2 } });
    expect(task.id).toBe(`module:${path}`);
    expect([task.splits.train.length, task.splits.val.length, task.splits.test.length]).toEqual([6, 2, 2]);
    const e = task.splits.test[0];
    if (e === undefined) throw new Error('no example');
    expect(await task.scorer.score(e, `\\boxed{${e.answer}}`)).toMatchObject({ score: 1 });
  });

  it('reports bad modules and bad examples clearly', async () => {
    const d = dir();
    const noExport = join(d, 'none.mjs');
    writeFileSync(noExport, 'export const x = 1;\n');
    await expect(loadTaskAsync(noExport)).rejects.toThrow(/must export default \(or `task`\)/);
    const badExample = join(d, 'bad.mjs');
    writeFileSync(badExample, "export default { examples: [{ id: 'a', input: 'q' }] };\n");
    await expect(loadTaskAsync(badExample)).rejects.toThrow(DataError);
    await expect(loadTaskAsync(badExample)).rejects.toThrow(/examples\[0\]: expected a string/);
    await expect(loadTaskAsync(join(d, 'missing.ts'))).rejects.toThrow(/task module not found/);
    expect(() => loadTask(noExport)).toThrow(/loads asynchronously/);
  });

  it('defineTask checks the shape; module paths are told apart from task ids', () => {
    expect(() => defineTask({ id: 'x' })).toThrow(ConfigError);
    const def = { examples: [] };
    expect(defineTask(def)).toBe(def);
    expect(isTaskModulePath('./my-task.ts')).toBe(true);
    expect(isTaskModulePath('/abs/task.mjs')).toBe(true);
    expect(isTaskModulePath('C:\\tasks\\task.js')).toBe(true);
    expect(isTaskModulePath('gsm8k')).toBe(false);
    expect(isTaskModulePath('jsonl:data.ts')).toBe(false);
  });
});
