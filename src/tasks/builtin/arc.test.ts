import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { taskPassAtK } from '../arc/pass-at-k.js';
import { loadTask } from '../load-task.js';
import { dataDirContext } from '../task-registry.js';
import { loadArcTask } from './arc.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const taskOf = (id: string): string => String((id.match(/^arc-\w+-([0-9a-f]+)/) ?? [])[1]);

describe('arc-agi-1 task', () => {
  it('maps ARC training to train/val (by task, seeded) and ARC evaluation to test', () => {
    const task = loadArcTask(dataDirContext(DATA_DIR, 7));
    const tasks = (split: readonly { id: string }[]): Set<string> => new Set(split.map((e) => taskOf(e.id)));
    expect(tasks(task.splits.train).size).toBe(320);
    expect(tasks(task.splits.val).size).toBe(80);
    expect(tasks(task.splits.test).size).toBe(400);
    expect(task.splits.train.every((e) => e.id.startsWith('arc-training-'))).toBe(true);
    expect(task.splits.test.every((e) => e.id.startsWith('arc-evaluation-'))).toBe(true);
    const val = tasks(task.splits.val);
    expect([...tasks(task.splits.train)].some((t) => val.has(t))).toBe(false);
    expect(task.passAtK).toBe(3);
    expect(taskPassAtK(task)).toBe(3);
    const again = loadArcTask(dataDirContext(DATA_DIR, 7));
    expect(again.splits.val.map((e) => e.id)).toEqual(task.splits.val.map((e) => e.id));
  });

  it('renders demonstrations then the test input, and is reachable by id', () => {
    const task = loadTask('arc-agi-1', {
      dataDir: DATA_DIR,
      taskOptions: { arcSplit: 'evaluation', passAtK: 1 },
    });
    const total = task.splits.train.length + task.splits.val.length + task.splits.test.length;
    expect(total).toBeGreaterThanOrEqual(400);
    expect(task.splits.train.every((e) => e.id.startsWith('arc-evaluation-'))).toBe(true);
    expect(taskPassAtK(task)).toBe(1);
    const example = task.splits.train[0];
    if (example === undefined) throw new Error('empty split');
    const message = task.toUserMessage(example);
    expect(message).toMatch(/^Each example below maps/);
    expect(message).toContain('Example 1\nInput (');
    expect(message).toContain('Test input (');
    expect(task.defaultSystemPrompt).toContain('step by step');
  });

  it('rejects bad options', () => {
    expect(() => loadArcTask(dataDirContext(DATA_DIR, 0, { arcSplit: 'test' }))).toThrow(ConfigError);
    expect(() => loadArcTask(dataDirContext(DATA_DIR, 0, { passAtK: 0 }))).toThrow(ConfigError);
    expect(() => loadArcTask(dataDirContext(DATA_DIR, 0, { valFraction: 1.5 }))).toThrow(ConfigError);
  });
});
