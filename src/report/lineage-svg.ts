import { escapeHtml } from './escape.js';
import type { Lineage, LineageNode } from './report-model.js';

export interface NodePosition {
  readonly x: number;
  readonly y: number;
  readonly depth: number;
}

export interface ForestLayout {
  readonly positions: ReadonlyMap<string, NodePosition>;
  readonly roots: readonly string[];
  readonly width: number;
  readonly height: number;
}

/**
 * Top-down layout of a forest: depth gives the row; leaves take consecutive columns in depth-first order
 * (children in archive order), a parent sits above the middle of its children, and trees are one column
 * apart. Nodes in a parent cycle (corrupt data) are treated as roots.
 */
export function layoutForest(
  nodes: ReadonlyArray<{ readonly id: string; readonly parentId: string | undefined }>,
  spacing: { readonly dx: number; readonly dy: number; readonly margin: number },
): ForestLayout {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of nodes) {
    if (n.parentId !== undefined && ids.has(n.parentId) && n.parentId !== n.id) {
      const list = children.get(n.parentId) ?? [];
      list.push(n.id);
      children.set(n.parentId, list);
    } else {
      roots.push(n.id);
    }
  }
  const column = new Map<string, number>();
  const depthOf = new Map<string, number>();
  let next = 0;
  let maxDepth = 0;
  const place = (root: string): void => {
    // Iterative post-order, so deep chains do not overflow the stack.
    const stack: Array<{ id: string; depth: number; expanded: boolean }> = [
      { id: root, depth: 0, expanded: false },
    ];
    while (stack.length > 0) {
      const top = stack.pop();
      if (top === undefined) break;
      if (top.expanded) {
        const kids = (children.get(top.id) ?? []).filter((k) => column.has(k));
        if (kids.length === 0) column.set(top.id, next++);
        else {
          const first = column.get(kids[0] ?? '') ?? 0;
          const last = column.get(kids[kids.length - 1] ?? '') ?? first;
          column.set(top.id, (first + last) / 2);
        }
        continue;
      }
      if (depthOf.has(top.id)) continue;
      depthOf.set(top.id, top.depth);
      maxDepth = Math.max(maxDepth, top.depth);
      stack.push({ id: top.id, depth: top.depth, expanded: true });
      const kids = children.get(top.id) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        if (kid !== undefined && !depthOf.has(kid))
          stack.push({ id: kid, depth: top.depth + 1, expanded: false });
      }
    }
  };
  for (const root of roots) {
    place(root);
    next += 0.6;
  }
  for (const n of nodes) {
    if (!depthOf.has(n.id)) {
      roots.push(n.id);
      place(n.id);
      next += 0.6;
    }
  }
  const positions = new Map<string, NodePosition>();
  for (const n of nodes) {
    const depth = depthOf.get(n.id) ?? 0;
    positions.set(n.id, {
      x: spacing.margin + (column.get(n.id) ?? 0) * spacing.dx,
      y: spacing.margin + depth * spacing.dy,
      depth,
    });
  }
  const maxColumn = Math.max(0, ...column.values());
  return {
    positions,
    roots,
    width: 2 * spacing.margin + maxColumn * spacing.dx,
    height: 2 * spacing.margin + maxDepth * spacing.dy,
  };
}

const STOPS: ReadonlyArray<readonly [number, readonly [number, number, number]]> = [
  [0, [215, 48, 39]],
  [0.5, [254, 224, 139]],
  [1, [26, 152, 80]],
];

/** Red (0) → yellow (0.5) → green (1); grey when unknown. */
export function scoreColor(score: number | undefined): string {
  if (score === undefined || !Number.isFinite(score)) return '#d1d5db';
  const s = Math.min(1, Math.max(0, score));
  for (let i = 1; i < STOPS.length; i++) {
    const [hi, c1] = STOPS[i] ?? [1, [0, 0, 0]];
    const [lo, c0] = STOPS[i - 1] ?? [0, [0, 0, 0]];
    if (s <= hi) {
      const t = (s - lo) / (hi - lo);
      const mix = c0.map((c, k) => Math.round(c + ((c1[k] ?? c) - c) * t));
      return `rgb(${mix.join(',')})`;
    }
  }
  return 'rgb(26,152,80)';
}

export function nodeRadius(score: number | undefined): number {
  return score === undefined || !Number.isFinite(score) ? 8 : 8 + 12 * Math.min(1, Math.max(0, score));
}

/** The id as drawn: without a compare run's `<method>.s<seed>.` prefix (the group label says it), short. */
export function shortLabel(id: string, group: string): string {
  const bare = group === '' ? id : id.replace(/^.+?[-_.]s\d+[-_.]/, '');
  return bare.length <= 12 ? bare : `${bare.slice(0, 11)}…`;
}

const pctLabel = (x: number | undefined): string => (x === undefined ? '' : `${(x * 100).toFixed(0)}%`);

function nodeTitle(n: LineageNode): string {
  const parts = [`${n.id} (${n.status}, generation ${n.generation})`];
  if (n.train !== undefined) parts.push(`train ${(n.train * 100).toFixed(1)}%`);
  if (n.val !== undefined) parts.push(`val ${(n.val * 100).toFixed(1)}%`);
  if (n.isBest) parts.push('best');
  return parts.join(', ');
}

/** The archive as an SVG tree: nodes sized and colored by score, styled by status, clickable. */
export function renderLineageSvg(lineage: Lineage): string {
  const layout = layoutForest(lineage.nodes, { dx: 74, dy: 92, margin: 48 });
  const width = Math.max(layout.width, 320);
  const height = layout.height + 24;
  const byId = new Map(lineage.nodes.map((n) => [n.id, n]));
  const parts: string[] = [
    `<svg class="lineage-tree" data-chart="lineage" role="group" aria-label="archive lineage tree" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
  ];
  parts.push('<g class="edges">');
  for (const n of lineage.nodes) {
    if (n.parentId === undefined) continue;
    const p = layout.positions.get(n.parentId);
    const c = layout.positions.get(n.id);
    const parent = byId.get(n.parentId);
    if (p === undefined || c === undefined || parent === undefined) continue;
    // Edges leave a node below its two label lines, so they never cross the text.
    const y0 = p.y + nodeRadius(parent.score) + 32;
    const y1 = c.y - nodeRadius(n.score);
    const mid = (y0 + y1) / 2;
    const rejected = n.status === 'rejected';
    parts.push(
      `<path class="edge" d="M${p.x} ${y0} C${p.x} ${mid} ${c.x} ${mid} ${c.x} ${y1}" fill="none" stroke="${rejected ? '#cbd5e1' : '#64748b'}" stroke-width="1.6"${rejected ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
  }
  parts.push('</g>');
  const groupsShown = new Set<string>();
  for (const n of lineage.nodes) {
    const pos = layout.positions.get(n.id);
    if (pos === undefined) continue;
    const r = nodeRadius(n.score);
    const rejected = n.status === 'rejected' || n.status === 'proposed';
    const seed = n.status === 'seed';
    const classes = ['node', `status-${n.status.replace(/[^a-z-]/gi, '')}`, ...(n.isBest ? ['best'] : [])];
    if (n.group !== '' && n.parentId === undefined && !groupsShown.has(n.group)) {
      groupsShown.add(n.group);
      parts.push(
        `<text class="group-label" x="${pos.x}" y="${pos.y - r - 12}" text-anchor="middle" font-weight="600" fill="#111827">${escapeHtml(n.group)}</text>`,
      );
    }
    parts.push(
      `<g class="${classes.join(' ')}" data-id="${escapeHtml(n.id)}" tabindex="0" role="button" aria-label="${escapeHtml(nodeTitle(n))}" transform="translate(${pos.x} ${pos.y})">`,
      `<title>${escapeHtml(nodeTitle(n))}</title>`,
      ...(n.isBest ? [`<circle r="${r + 5}" fill="none" stroke="#f59e0b" stroke-width="3"/>`] : []),
      `<circle class="dot" r="${r}" fill="${scoreColor(n.score)}" fill-opacity="${rejected ? 0.45 : 1}" stroke="${rejected ? '#9ca3af' : '#1f2937'}" stroke-width="${seed ? 3 : 1.5}"${rejected ? ' stroke-dasharray="3 2"' : ''}/>`,
      `<text y="${r + 14}" text-anchor="middle" fill="#111827">${escapeHtml(shortLabel(n.id, n.group))}</text>`,
      `<text y="${r + 27}" text-anchor="middle" fill="#4b5563" font-size="11">${escapeHtml(pctLabel(n.score))}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The legend under the tree: color scale and status styles. */
export function renderLineageLegend(): string {
  const stops = [0, 0.25, 0.5, 0.75, 1]
    .map((s) => `<stop offset="${s * 100}%" stop-color="${scoreColor(s)}"/>`)
    .join('');
  return [
    '<svg class="lineage-legend" viewBox="0 0 640 44" width="640" height="44" font-family="system-ui, sans-serif" font-size="12">',
    `<defs><linearGradient id="score-scale">${stops}</linearGradient></defs>`,
    '<text x="0" y="16" fill="#374151">score</text>',
    '<rect x="44" y="6" width="140" height="12" fill="url(#score-scale)" stroke="#9ca3af"/>',
    '<text x="44" y="34" fill="#4b5563">0%</text><text x="184" y="34" text-anchor="end" fill="#4b5563">100%</text>',
    '<circle cx="224" cy="12" r="7" fill="#86efac" stroke="#1f2937" stroke-width="3"/><text x="236" y="16">seed</text>',
    '<circle cx="290" cy="12" r="7" fill="#86efac" stroke="#1f2937" stroke-width="1.5"/><text x="302" y="16">admitted</text>',
    '<circle cx="376" cy="12" r="7" fill="#86efac" fill-opacity="0.45" stroke="#9ca3af" stroke-width="1.5" stroke-dasharray="3 2"/><text x="388" y="16">rejected</text>',
    '<circle cx="458" cy="12" r="7" fill="none" stroke="#f59e0b" stroke-width="3"/><text x="470" y="16">best</text>',
    '<text x="224" y="38" fill="#4b5563">size and color: validation score (train when not validated)</text>',
    '</svg>',
  ].join('');
}
