import type { Estimate } from './json-value.js';
import type { DiffPart } from './word-diff.js';

/**
 * Everything a report shows, derived once from a run's store records (`buildReportModel`) and then
 * rendered as HTML or Markdown. Plain JSON data; optional parts are absent when the run lacks them.
 */
export interface ReportModel {
  readonly run: RunInfo;
  readonly simulated: boolean;
  readonly summary: Summary;
  readonly timeline: Timeline | undefined;
  readonly lineage: Lineage | undefined;
  readonly flips: FlipTable | undefined;
  readonly diagnose: DiagnoseView | undefined;
  readonly compare: CompareView | undefined;
  /** Things the reader should know about the data (missing parts, estimates). */
  readonly notes: readonly string[];
}

export interface RunInfo {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly seed: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly versions: Readonly<Record<string, string>>;
}

export interface SpendRow {
  readonly role: string;
  readonly rollouts: number | undefined;
  readonly calls: number | undefined;
  readonly cacheHits: number | undefined;
  readonly replayed: number | undefined;
  readonly failures: number | undefined;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly usd: number | undefined;
  readonly wallMs: number | undefined;
}

/** One row of the seed-vs-best table. */
export interface ScoreRow {
  readonly split: string;
  readonly n: number | undefined;
  readonly seed: Estimate | undefined;
  readonly best: Estimate | undefined;
}

export interface Summary {
  readonly task: string | undefined;
  readonly model: string | undefined;
  readonly optimizerModel: string | undefined;
  readonly method: string | undefined;
  readonly seed: number;
  readonly stopReason: string | undefined;
  readonly chosenBy: string | undefined;
  readonly seedId: string | undefined;
  readonly bestId: string | undefined;
  readonly error: string | undefined;
  readonly budget: { readonly rollouts: number | undefined; readonly maxCostUsd: number | undefined };
  readonly spend: readonly SpendRow[];
  readonly scores: readonly ScoreRow[];
  /** Best − seed on the test split, paired over examples. */
  readonly difference: Estimate | undefined;
  /** A single accuracy (eval runs). */
  readonly accuracy: (Estimate & { readonly split: string | undefined }) | undefined;
  readonly seedPrompt: string | undefined;
  readonly bestPrompt: string | undefined;
  readonly extra: ReadonlyArray<readonly [string, string]>;
}

/** A candidate's scores at the moment its first evaluation finished. */
export interface TimelinePoint {
  readonly group: string;
  readonly candidateId: string;
  /** Task-model rollouts spent by the group when the candidate's evaluation finished. */
  readonly x: number;
  readonly train: number | undefined;
  readonly val: number | undefined;
  readonly status: string;
}

/** Best score so far (seed and admitted candidates) on one split, as a step function. */
export interface TimelineSeries {
  readonly group: string;
  readonly split: 'train' | 'val';
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface Timeline {
  readonly groups: readonly string[];
  readonly points: readonly TimelinePoint[];
  readonly series: readonly TimelineSeries[];
  /** Rollouts (outside the test evaluation) per group. */
  readonly totals: Readonly<Record<string, number>>;
  /** True when positions came from candidates' score counts, not from stored rollouts. */
  readonly estimated: boolean;
}

export interface LineageNode {
  readonly id: string;
  /** The parent when it is in the archive (else the node is a root). */
  readonly parentId: string | undefined;
  readonly generation: number;
  readonly level: string;
  readonly status: string;
  readonly group: string;
  readonly train: number | undefined;
  readonly val: number | undefined;
  /** The score the tree shows: validation when known, else train. */
  readonly score: number | undefined;
  readonly isBest: boolean;
  readonly prompt: string;
  readonly rationale: string | undefined;
  readonly children: number;
  /** Word diff against the parent's prompt (absent for roots). */
  readonly diff: readonly DiffPart[] | undefined;
}

export interface Lineage {
  readonly nodes: readonly LineageNode[];
  readonly bestId: string | undefined;
}

export interface FlipRow {
  readonly id: string;
  /** Position in the test split. */
  readonly position: number;
  readonly seed: number;
  readonly best: number;
  readonly seedResponse: string | undefined;
  readonly bestResponse: string | undefined;
}

/** Per-example test scores of the best prompt against the seed. */
export interface FlipTable {
  readonly n: number;
  readonly binary: boolean;
  /** Best scored higher than the seed (a fix, for 0/1 scores). */
  readonly improved: number;
  /** Best scored lower (a regression). */
  readonly worsened: number;
  readonly bothRight: number;
  readonly bothWrong: number;
  readonly unchanged: number;
  readonly rows: readonly FlipRow[];
}

export interface CurveRow {
  readonly size: number;
  readonly signal: number | undefined;
  readonly noise: number | undefined;
  readonly ratio: number | undefined;
  readonly signalSd: number | undefined;
}

export interface DiagnoseView {
  /** Where the analysis came from (the run's `analysis` artifact, its result, a training-set selection). */
  readonly source: string;
  readonly headline: string | undefined;
  readonly explanation: string | undefined;
  readonly recommendation: string | undefined;
  readonly shape: {
    readonly prompts: number | undefined;
    readonly examples: number | undefined;
    readonly samples: number | undefined;
  };
  readonly level: number | undefined;
  readonly decomposition: ReadonlyArray<{
    readonly name: 'total' | 'noise' | 'signal' | 'ratio';
    readonly value: number | undefined;
    readonly low: number | undefined;
    readonly high: number | undefined;
  }>;
  readonly meanReward: number | undefined;
  readonly kCurve: readonly CurveRow[];
  readonly mCurve: readonly CurveRow[];
  readonly subsets: ReadonlyArray<{
    readonly ids: readonly string[];
    readonly score: number | undefined;
    readonly low: number | undefined;
    readonly high: number | undefined;
    readonly ratio: number | undefined;
    readonly samplesNeeded: number | undefined;
  }>;
  readonly subsetMethod: string | undefined;
  readonly samplesForTarget: { readonly target: number | undefined; readonly all: number | undefined };
  readonly prompts: ReadonlyArray<{
    readonly id: string;
    readonly meanReward: number | undefined;
    readonly prompt: string | undefined;
  }>;
}

export interface CompareRow {
  readonly method: string;
  readonly seeds: number | undefined;
  readonly accuracy: Estimate | undefined;
  readonly difference: Estimate | undefined;
  readonly rollouts: number | undefined;
  readonly optimizerCalls: number | undefined;
  readonly tokens: number | undefined;
  readonly usd: number | undefined;
  readonly wallMs: number | undefined;
}

export interface CompareView {
  readonly rows: readonly CompareRow[];
  /** The method the differences are against (Manual-CoT). */
  readonly baseline: string | undefined;
}
