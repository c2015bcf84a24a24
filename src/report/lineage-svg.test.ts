import { describe, expect, it } from 'vitest';
import { layoutForest, renderLineageSvg, scoreColor, shortLabel } from './lineage-svg.js';
import type { LineageNode } from './report-model.js';

const spacing = { dx: 10, dy: 20, margin: 0 };

describe('layoutForest', () => {
  it('puts children one row below their parent and the parent above their middle', () => {
    const layout = layoutForest(
      [
        { id: 'r', parentId: undefined },
        { id: 'a', parentId: 'r' },
        { id: 'b', parentId: 'r' },
        { id: 'c', parentId: 'r' },
        { id: 'a1', parentId: 'a' },
      ],
      spacing,
    );
    const at = (id: string) => layout.positions.get(id);
    expect(at('a')?.y).toBe(20);
    expect(at('a1')?.y).toBe(40);
    expect(at('r')?.x).toBe(((at('a')?.x ?? 0) + (at('c')?.x ?? 0)) / 2);
    expect(new Set(['a', 'b', 'c'].map((id) => at(id)?.x)).size).toBe(3);
    expect(layout.roots).toEqual(['r']);
  });

  it('treats an unknown parent as a root and survives a parent cycle', () => {
    const layout = layoutForest(
      [
        { id: 'x', parentId: 'missing' },
        { id: 'p', parentId: 'q' },
        { id: 'q', parentId: 'p' },
      ],
      spacing,
    );
    expect(layout.positions.size).toBe(3);
    expect(layout.roots).toContain('x');
  });

  it('lays out a long chain without recursion', () => {
    const nodes = Array.from({ length: 20000 }, (_, i) => ({
      id: `n${i}`,
      parentId: i === 0 ? undefined : `n${i - 1}`,
    }));
    expect(layoutForest(nodes, spacing).positions.get('n19999')?.y).toBe(19999 * 20);
  });
});

describe('renderLineageSvg', () => {
  const node = (id: string, parentId: string | undefined, extra: Partial<LineageNode> = {}): LineageNode => ({
    id,
    parentId,
    generation: 0,
    level: 'task',
    status: 'admitted',
    group: '',
    train: 0.5,
    val: undefined,
    score: 0.5,
    isBest: false,
    prompt: 'p',
    rationale: undefined,
    children: 0,
    diff: undefined,
    ...extra,
  });

  it('draws one clickable node per candidate and one edge per parent link, ids escaped', () => {
    const svg = renderLineageSvg({
      nodes: [
        node('t0', undefined, { status: 'seed', children: 1 }),
        node('<t1>', 't0', { status: 'rejected', isBest: true }),
      ],
      bestId: '<t1>',
    });
    expect(svg.match(/<g class="node/g)).toHaveLength(2);
    expect(svg.match(/class="edge"/g)).toHaveLength(1);
    expect(svg).toContain('data-id="&lt;t1&gt;"');
    expect(svg).toContain('class="node status-rejected best"');
    expect(svg).not.toContain('<t1>');
  });

  it('colors by score and shortens compare ids', () => {
    expect(scoreColor(0)).toBe('rgb(215,48,39)');
    expect(scoreColor(1)).toBe('rgb(26,152,80)');
    expect(scoreColor(undefined)).toBe('#d1d5db');
    expect(shortLabel('gepa.s1.g12', 'gepa s1')).toBe('g12');
    expect(shortLabel('a-very-long-candidate-id', '')).toBe('a-very-long…');
  });
});
