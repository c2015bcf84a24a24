import type { CandidateRecord } from '../store/records.js';
import type { Timeline, TimelinePoint, TimelineSeries } from './report-model.js';

/** What the timeline needs of a rollout. */
export interface TimelineRollout {
  readonly candidateId: string;
  readonly exampleId: string;
}

export interface TimelineOptions {
  /** Examples of the final test evaluation: their rollouts are not optimization spend. */
  readonly testIds?: ReadonlySet<string>;
  /** The run a candidate belongs to (compare runs: method and seed); default one group ''. */
  readonly groupOf?: (candidateId: string) => string;
  /**
   * The stored candidate id and group of a rollout, called once per rollout in order (compare runs
   * record raw ids during optimization); default: the rollout's id and `groupOf` of it.
   */
  readonly resolve?: (rollout: TimelineRollout) => { readonly candidateId: string; readonly group: string };
}

/**
 * Score over rollouts spent, from the order of the stored rollouts. A candidate's point sits at the
 * group's rollout count when its first evaluation ended: its last rollout before any later candidate's
 * first rollout (re-evaluations of a parent on later minibatches do not move it). Its y values are the
 * candidate's stored train and validation means. Fed one rollout at a time (runs can be large).
 */
export class TimelineBuilder {
  private readonly spent = new Map<string, number>();
  private readonly lastX = new Map<string, number>();
  private readonly open = new Map<string, Set<string>>();
  private readonly closed = new Set<string>();
  private readonly groupOf: (candidateId: string) => string;
  private readonly resolve: NonNullable<TimelineOptions['resolve']>;
  private readonly testIds: ReadonlySet<string>;

  constructor(options: TimelineOptions = {}) {
    const groupOf = options.groupOf ?? (() => '');
    this.groupOf = groupOf;
    this.resolve =
      options.resolve ?? ((r) => ({ candidateId: r.candidateId, group: groupOf(r.candidateId) }));
    this.testIds = options.testIds ?? new Set();
  }

  add(rollout: TimelineRollout): void {
    const { candidateId: id, group } = this.resolve(rollout);
    if (this.testIds.has(rollout.exampleId)) return;
    const x = (this.spent.get(group) ?? 0) + 1;
    this.spent.set(group, x);
    if (!this.lastX.has(id) && !this.closed.has(id)) {
      const open = this.open.get(group) ?? new Set<string>();
      for (const earlier of open) this.closed.add(earlier);
      this.open.set(group, new Set([id]));
    }
    if (!this.closed.has(id)) this.lastX.set(id, x);
  }

  finish(candidates: readonly CandidateRecord[]): Timeline | undefined {
    const taskLevel = candidates.filter((c) => c.level === 'task');
    const shown = taskLevel.length > 0 ? taskLevel : candidates;
    const estimated = !shown.some((c) => this.lastX.has(c.id));
    const totals: Record<string, number> = Object.fromEntries(this.spent);
    const xs = new Map<string, number>();
    const estimatedSpend = new Map<string, number>();
    for (const c of shown) {
      const group = this.groupOf(c.id);
      if (estimated) {
        const n = Object.entries(c.scores)
          .filter(([split]) => split !== 'test')
          .reduce((sum, [, s]) => sum + (Number.isFinite(s.n) ? s.n : 0), 0);
        const x = (estimatedSpend.get(group) ?? 0) + n;
        estimatedSpend.set(group, x);
        totals[group] = x;
        xs.set(c.id, x);
      } else {
        const x = this.lastX.get(c.id);
        if (x !== undefined) xs.set(c.id, x);
      }
    }
    // A parent is evaluated before its children are proposed: when its first recorded rollout comes
    // later (its evaluation was replayed, or re-run), it moves back to its first child.
    const shownIds = new Set(shown.map((c) => c.id));
    for (const c of [...shown].reverse()) {
      const x = xs.get(c.id);
      if (x === undefined || c.parentId === undefined || this.groupOf(c.parentId) !== this.groupOf(c.id))
        continue;
      const parentX = xs.get(c.parentId);
      if (shownIds.has(c.parentId) && (parentX === undefined || parentX > x)) xs.set(c.parentId, x);
    }
    const points: TimelinePoint[] = [];
    for (const c of shown) {
      const x = xs.get(c.id);
      const train = finite(c.scores.train?.mean);
      const val = finite(c.scores.val?.mean);
      if (x === undefined || (train === undefined && val === undefined)) continue;
      points.push({ group: this.groupOf(c.id), candidateId: c.id, x, train, val, status: c.status });
    }
    if (points.length === 0) return undefined;
    const groups = [...new Set(points.map((p) => p.group))];
    points.sort((a, b) => a.x - b.x);
    const series: TimelineSeries[] = [];
    for (const group of groups) {
      const mine = points.filter((p) => p.group === group);
      // Rejected candidates never become the incumbent; a method without admission marks keeps all.
      const decided = mine.some((p) => p.status === 'admitted' || p.status === 'rejected');
      const kept = decided ? mine.filter((p) => p.status === 'seed' || p.status === 'admitted') : mine;
      for (const split of ['train', 'val'] as const) {
        const steps = bestSoFar(kept, split, totals[group]);
        if (steps.length > 0) series.push({ group, split, points: steps });
      }
    }
    return { groups, points, series, totals, estimated };
  }
}

function finite(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}

/** Running maximum as a step function, extended to the group's last rollout. */
function bestSoFar(
  points: readonly TimelinePoint[],
  split: 'train' | 'val',
  total: number | undefined,
): Array<readonly [number, number]> {
  const steps: Array<readonly [number, number]> = [];
  let best: number | undefined;
  for (const p of points) {
    const y = p[split];
    if (y === undefined || (best !== undefined && y <= best)) continue;
    if (best !== undefined) steps.push([p.x, best]);
    best = y;
    steps.push([p.x, y]);
  }
  const last = steps[steps.length - 1];
  if (last !== undefined && best !== undefined && total !== undefined && total > last[0])
    steps.push([total, best]);
  return steps;
}
