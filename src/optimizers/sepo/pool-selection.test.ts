import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../spec/task.js';
import { selectPool } from './pool-selection.js';

const t = (id: string, kind: TaskInfo['kind'], domain: string): TaskInfo => ({
  id,
  kind,
  domain,
  description: id,
});

describe('selectPool', () => {
  const target = t('target', 'math', 'competition');
  const candidates = [
    t('target', 'math', 'competition'),
    t('m1', 'math', 'competition'),
    t('m2', 'math', 'competition'),
    t('m3', 'math', 'arithmetic'),
    t('c1', 'code', 'python'),
    t('q1', 'qa', 'trivia'),
  ];

  it('never includes the target; specialist picks the single most related task', () => {
    expect(selectPool(target, candidates, { mode: 'specialist' }).map((x) => x.id)).toEqual(['m1']);
    expect(selectPool(target, candidates, { mode: 'generalist', size: 5 }).map((x) => x.id)).not.toContain(
      'target',
    );
  });

  it('generalist balances relevance and diversity', () => {
    const pool = selectPool(target, candidates, { mode: 'generalist', size: 3 }).map((x) => x.id);
    expect(pool[0]).toBe('m1');
    // A second identical-metadata task is redundant: a less related but different task comes first.
    expect(pool[1]).toBe('m3');
  });
});
