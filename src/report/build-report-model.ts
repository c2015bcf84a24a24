import type { CandidateRecord, EventRecord, RunRecord } from '../store/records.js';
import {
  buildCompareView,
  compareGroupOf,
  compareRolloutResolver,
  compareRuns,
  compareRunsOf,
  compareViewOf,
} from './compare-view.js';
import { type DecodedResult, decodeRunResult } from './decode-result.js';
import { buildDiagnoseView, type DiagnosePrompt } from './diagnose-view.js';
import { buildFlipTable } from './flips.js';
import { at, bool, isRecord, list, num, str, strings } from './json-value.js';
import { buildLineage } from './lineage.js';
import type { DiagnoseView, ReportModel } from './report-model.js';
import { buildSummary, innerResult, isSimulatedModel } from './summary.js';
import { TimelineBuilder } from './timeline.js';

/** What the report reads of a stored rollout. */
export interface ReportRollout {
  readonly candidateId: string;
  readonly exampleId: string;
  readonly sample: number;
  readonly response: string;
}

/** A run's store records. Rollouts are read once, in recording order. */
export interface ReportInput {
  readonly run: RunRecord;
  readonly candidates: readonly CandidateRecord[];
  readonly events?: readonly EventRecord[];
  readonly rollouts?: Iterable<ReportRollout>;
  readonly artifacts?: Readonly<Record<string, unknown>>;
}

/** Candidates rebuilt from proposal and admission events, for runs that stored none. */
export function candidatesFromEvents(events: readonly EventRecord[]): CandidateRecord[] {
  const byId = new Map<string, CandidateRecord>();
  for (const e of events) {
    const p = e.payload;
    const id = str(at(p, 'candidateId'));
    if (id === undefined) continue;
    const level = at(p, 'level') === 'agent' ? 'agent' : 'task';
    const known = byId.get(id);
    if (e.type === 'candidate-proposed') {
      byId.set(id, {
        id,
        parentId: str(at(p, 'parentId')),
        generation: num(at(p, 'generation')) ?? 0,
        level,
        prompt: str(at(p, 'prompt')) ?? '',
        status: known?.status ?? 'proposed',
        scores: known?.scores ?? {},
      });
    } else if ((e.type === 'candidate-admitted' || e.type === 'candidate-rejected') && known !== undefined) {
      const score = num(at(p, 'score'));
      byId.set(id, {
        ...known,
        status: e.type === 'candidate-admitted' ? 'admitted' : 'rejected',
        scores: score === undefined ? known.scores : { ...known.scores, train: { mean: score, n: 0 } },
      });
    }
  }
  return [...byId.values()];
}

/** Every `perExample.ids` and `testIds` list in a result (optimize, compare). */
function collectTestIds(value: unknown, into: Set<string>, depth = 0): Set<string> {
  if (depth > 6) return into;
  if (Array.isArray(value)) {
    for (const item of value) collectTestIds(item, into, depth + 1);
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'perExample') for (const id of strings(at(child, 'ids'))) into.add(id);
      else if (key === 'testIds') for (const id of strings(child)) into.add(id);
      else collectTestIds(child, into, depth + 1);
    }
  }
  return into;
}

/** The test example ids of a result: a current one's own, else every list found in it. */
function testIdsOf(decoded: DecodedResult): Set<string> {
  switch (decoded.kind) {
    case 'optimize':
      return new Set(decoded.value.test.perExample.ids);
    case 'compare':
      return new Set(decoded.value.testIds);
    case 'eval':
    case 'diagnose':
      return new Set();
    case 'legacy':
      return collectTestIds(decoded.value, new Set());
  }
}

/** The prompts a diagnose result lists, with their mean reward; else the run's candidates. */
function diagnosePrompts(decoded: DecodedResult, candidates: readonly CandidateRecord[]): DiagnosePrompt[] {
  const fromResult =
    decoded.kind === 'diagnose'
      ? decoded.value.prompts.map((p) => ({ id: p.id, meanReward: num(p.meanReward), prompt: p.prompt }))
      : decoded.kind === 'legacy'
        ? legacyDiagnosePrompts(decoded.value)
        : [];
  if (fromResult.length > 0) return fromResult;
  return candidates.map((c) => {
    const [first] = Object.values(c.scores);
    return { id: c.id, meanReward: first?.mean, prompt: c.prompt };
  });
}

function legacyDiagnosePrompts(inner: unknown): DiagnosePrompt[] {
  return list(at(inner, 'prompts'))
    .map((p, i): DiagnosePrompt | undefined =>
      isRecord(p)
        ? { id: str(p.id) ?? String(i), meanReward: num(p.meanReward), prompt: str(p.prompt) }
        : undefined,
    )
    .filter((p): p is DiagnosePrompt => p !== undefined);
}

function diagnoseOf(
  run: RunRecord,
  decoded: DecodedResult,
  candidates: readonly CandidateRecord[],
  artifacts: Readonly<Record<string, unknown>>,
): DiagnoseView | undefined {
  const ownAnalysis =
    decoded.kind === 'diagnose'
      ? decoded.value.analysis
      : decoded.kind === 'legacy'
        ? at(decoded.value, 'analysis')
        : undefined;
  const analysis = artifacts.analysis ?? ownAnalysis;
  if (analysis !== undefined) {
    return buildDiagnoseView(
      analysis,
      'p1 diagnosis',
      diagnosePrompts(decoded, run.kind === 'diagnose' ? candidates : []),
    );
  }
  const selection = artifacts.selection;
  const selected = at(selection, 'analysis');
  if (selected === undefined) return undefined;
  const prompts = list(at(selection, 'prompts'))
    .map((p, i): DiagnosePrompt | undefined =>
      isRecord(p) ? { id: str(p.id) ?? String(i), meanReward: undefined, prompt: str(p.prompt) } : undefined,
    )
    .filter((p): p is DiagnosePrompt => p !== undefined);
  return buildDiagnoseView(selected, 'training-set selection (--select)', prompts);
}

/** Per-example test scores of seed and best (optimize), for the flip table; null (a failed call) is undefined. */
function perExampleOf(
  decoded: DecodedResult,
): { ids: string[]; seed: Array<number | undefined>; best: Array<number | undefined> } | undefined {
  if (decoded.kind === 'optimize') {
    const p = decoded.value.test.perExample;
    return { ids: [...p.ids], seed: p.seed.map(num), best: p.best.map(num) };
  }
  if (decoded.kind !== 'legacy') return undefined;
  const perExample = at(decoded.value, 'test', 'perExample');
  if (perExample === undefined) return undefined;
  return {
    ids: strings(at(perExample, 'ids')),
    seed: list(at(perExample, 'seed')).map(num),
    best: list(at(perExample, 'best')).map(num),
  };
}

/**
 * Derives everything a report shows from a run's records: the summary, score over rollouts, the
 * archive's lineage with word diffs, the per-example test flips, and the diagnose or compare views.
 * Pure: the records in, plain data out; tolerant of missing or partial records.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { run } = input;
  const artifacts = input.artifacts ?? {};
  const events = input.events ?? [];
  const decoded = decodeRunResult(innerResult(run));
  const notes: string[] = [];
  let candidates = input.candidates;
  if (candidates.length === 0 && events.length > 0) {
    candidates = candidatesFromEvents(events);
    if (candidates.length > 0)
      notes.push('Candidates were rebuilt from the run’s events (none were stored).');
  }
  const seedCandidate = candidates.find((c) => c.status === 'seed' && c.level === 'task');
  const summaryBase = buildSummary(run, seedCandidate?.id);
  const stopped =
    run.kind === 'compare' ? undefined : [...events].reverse().find((e) => e.type === 'stopped');
  const summary =
    summaryBase.stopReason === undefined && stopped !== undefined
      ? { ...summaryBase, stopReason: str(at(stopped.payload, 'reason')) }
      : summaryBase;
  const isCompare = run.kind === 'compare';
  const groupOf = isCompare ? compareGroupOf(candidates) : () => '';
  const testIds = testIdsOf(decoded);
  const bestIds = new Set<string>();
  if (summary.bestId !== undefined) bestIds.add(summary.bestId);
  const runBestIds =
    decoded.kind === 'compare'
      ? decoded.value.runs.map((r) => r.bestId)
      : decoded.kind === 'legacy'
        ? list(at(decoded.value, 'runs')).map((r) => str(at(r, 'bestId')) ?? str(at(r, 'result', 'bestId')))
        : [];
  for (const id of runBestIds) if (id !== undefined) bestIds.add(id);
  const runs = !isCompare
    ? []
    : decoded.kind === 'compare'
      ? compareRunsOf(decoded.value)
      : decoded.kind === 'legacy'
        ? compareRuns(decoded.value)
        : [];
  const timeline = new TimelineBuilder({
    testIds,
    groupOf,
    ...(runs.length === 0 ? {} : { resolve: compareRolloutResolver(runs) }),
  });
  const responses = new Map<string, string>();
  const watched = new Map<string, 'seed' | 'best'>();
  if (seedCandidate !== undefined) watched.set(seedCandidate.id, 'seed');
  if (summary.bestId !== undefined && summary.bestId !== seedCandidate?.id)
    watched.set(summary.bestId, 'best');
  for (const r of input.rollouts ?? []) {
    timeline.add(r);
    const role = watched.get(r.candidateId);
    if (role !== undefined && testIds.has(r.exampleId)) {
      const key = `${role}\u0000${r.exampleId}`;
      if (!responses.has(key) || r.sample === 0) responses.set(key, r.response);
    }
  }
  const perExample = perExampleOf(decoded);
  const flips =
    perExample === undefined
      ? undefined
      : buildFlipTable(perExample, (role, id) => {
          const bestIsSeed = summary.bestId !== undefined && summary.bestId === seedCandidate?.id;
          return responses.get(`${bestIsSeed ? 'seed' : role}\u0000${id}`);
        });
  const timelineModel = run.kind === 'diagnose' ? undefined : timeline.finish(candidates);
  if (timelineModel?.estimated === true) {
    notes.push(
      'No rollouts are stored for these candidates: positions on the rollout axis are estimated from their score counts.',
    );
  }
  if (run.status !== 'finished') {
    notes.push(`This run is ${run.status}: the report shows what was recorded so far.`);
  }
  const showLineage = run.kind !== 'diagnose' || candidates.some((c) => c.parentId !== undefined);
  const simulated =
    (decoded.kind === 'legacy' ? bool(at(decoded.value, 'simulated')) : bool(decoded.value.simulated)) ??
    (isSimulatedModel(summary.model) || isSimulatedModel(summary.optimizerModel));
  return {
    run: {
      id: run.id,
      kind: run.kind,
      status: run.status,
      seed: run.seed,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      versions: run.versions,
    },
    simulated,
    summary,
    timeline: timelineModel,
    lineage: showLineage ? buildLineage(candidates, bestIds, groupOf) : undefined,
    flips,
    diagnose: diagnoseOf(run, decoded, candidates, artifacts),
    compare: !isCompare
      ? undefined
      : decoded.kind === 'compare'
        ? compareViewOf(decoded.value)
        : buildCompareView(decoded.value),
    notes,
  };
}
