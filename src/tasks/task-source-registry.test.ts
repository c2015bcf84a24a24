import { describe, expect, it } from 'vitest';
import type { Task } from '../spec/task.js';
import { knownTaskIds, loadTask } from './load-task.js';
import { registerTaskSource, taskSourceFor } from './task-source-registry.js';

describe('task sources', () => {
  it('resolve ids by prefix through loadTask and list their ids among the known tasks', () => {
    const task = { id: 'probe:one' } as Task;
    registerTaskSource('probe', { load: () => task, list: () => ['probe:one'] });
    expect(taskSourceFor('probe:one')).toBeDefined();
    expect(taskSourceFor('unknown:one')).toBeUndefined();
    expect(loadTask('probe:one')).toBe(task);
    expect(knownTaskIds()).toContain('probe:one');
  });
});
