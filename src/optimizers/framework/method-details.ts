import type { Spend } from '../../spec/usage.js';

/*
 * The method-specific part of a result (`MethodResult.details`, stored as `OptimizeResult.details` and
 * as compare's `<method>.s<seed>` artifacts): one shape per method, discriminated by `method`. The field
 * names are those results have always been stored with, so older results stay readable; the shapes the
 * baselines log (steps, plans, iterations) live here, below the methods, so that this file and the
 * methods do not import each other. Results stored before SePO's and Manual-CoT's details carried
 * `method` have none there: readers of stored JSON (the report) treat such details as legacy.
 */

/** A pre-trained agent's provenance (what the agent cache stores beside its prompt). */
export interface SepoAgentProvenance {
  readonly key: string;
  /** ISO time pre-training finished. */
  readonly createdAt: string;
  readonly sepoVersion: string;
  readonly optimizerModel: string;
  readonly taskModel: string;
  readonly pool: readonly string[];
  readonly templates: readonly string[];
  readonly settings: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly run: string;
  readonly target: string;
  readonly seed: number;
  readonly simulated: boolean;
  /** Mean held-out improvement of the inner runs: the seed agent's and the evolved agent's. */
  readonly improvement: { readonly seed: number | undefined; readonly best: number | undefined };
  readonly candidates: number;
  readonly stopReason: string;
  readonly spend: Spend;
}

/** SePO's prompt agent: where it came from (`source`) and, when pre-trained or reused, its provenance. */
export interface SepoAgentDetails {
  readonly source: 'pretrained' | 'reused' | 'given' | 'seed';
  readonly prompt: string;
  /** The cached agent file (pretrained, reused) or the --agent file (given). */
  readonly file?: string;
  readonly pool?: readonly string[];
  readonly provenance?: SepoAgentProvenance;
  readonly pretrainStopReason?: string;
  readonly pretrainCandidates?: ReadonlyArray<{
    readonly id: string;
    readonly parentId: string | undefined;
    readonly status: string;
    readonly improvement: number | undefined;
  }>;
}

export interface SepoDetails {
  readonly method: 'sepo';
  readonly agent: SepoAgentDetails;
  /** Spend of pre-training (undefined when none ran in this run) and of fine-tuning. */
  readonly spendByStage: { readonly pretrain: Spend | undefined; readonly fineTune: Spend };
  /** Task prompts the agent proposed while fine-tuning. */
  readonly proposals: number;
}

export interface ManualDetails {
  readonly method: 'manual';
}

export interface RandomDetails {
  readonly method: 'random';
  readonly generations: number;
  readonly proposals: number;
  readonly admitted: number;
}

export interface TextGradStep {
  readonly step: number;
  readonly batch: readonly string[];
  readonly failures: number;
  readonly childId: string | undefined;
  /** Validation score of the update (validation-revert only). */
  readonly val?: number;
  readonly reverted?: boolean;
  /** Why no update was made (no failures: a zero gradient; or a failed agent call). */
  readonly skipped?: string;
}

export interface TextGradPlan {
  /** Steps to run; undefined = until the budget no longer fits one step. */
  readonly steps: number | undefined;
  /** Training examples per step. */
  readonly batch: number;
  /** Validation examples each revert decision is made on (0 without validation revert). */
  readonly val: number;
  /** Rollouts one step may use: the batch, plus the update's validation with revert. */
  readonly perStep: number;
  /** The rollouts the plan needs before its first step can run: the seed's validation and one step. */
  readonly minimum: number;
}

/** A plan as stored: steps to run, or 'until the budget' (JSON has no undefined). */
export type StoredPlan<P extends { readonly steps: number | undefined }> = Omit<P, 'steps'> & {
  readonly steps: number | 'until the budget';
};

export interface TextGradDetails {
  readonly method: 'textgrad';
  readonly validationRevert: boolean;
  readonly plan: StoredPlan<TextGradPlan>;
  readonly steps: readonly TextGradStep[];
  /** Steps that made an update (kept or reverted). */
  readonly updates: number;
}

export interface OproPlan {
  /** Examples each prompt is scored on. */
  readonly scoring: number;
  /** Steps to run; undefined = until the budget no longer fits one scored proposal. */
  readonly steps: number | undefined;
  /** Rollouts needed for the seed and one scored proposal. */
  readonly minimum: number;
}

export interface OproStep {
  readonly step: number;
  readonly generated: number;
  readonly fresh: number;
  readonly failed: number;
}

export interface OproDetails {
  readonly method: 'opro';
  readonly plan: StoredPlan<OproPlan>;
  /** Prompts scored (the seed included). */
  readonly scored: number;
  /** The training examples every prompt is scored on. */
  readonly trainSubset: readonly string[];
  readonly steps: readonly OproStep[];
}

export interface MetaSpoPlan {
  /** Evaluations (nodes) per task over the whole schedule, each on `examplesPerTask` examples. */
  readonly nodesPerTask: number;
  /** Examples per task per evaluation (capped by each task's training set). */
  readonly examplesPerTask: number;
  /** Rollouts the schedule needs with `METASPO_MIN_EXAMPLES` examples per task. */
  readonly minimum: number;
  /** Rollouts the schedule will use. */
  readonly rollouts: number;
  /** True when the budget, not the reference's 50 or the training sets, set `examplesPerTask`. */
  readonly sizedByBudget: boolean;
}

/** One MetaSPO loop: the inner (user prompts per task, their beams' scores) or the outer (system prompt). */
export type MetaSpoLogEntry =
  | {
      readonly iteration: number;
      readonly loop: 'inner';
      readonly meta: number;
      readonly beams: ReadonlyArray<readonly number[]>;
    }
  | { readonly iteration: number; readonly loop: 'outer'; readonly meta: number; readonly system: string };

export interface MetaSpoDetails {
  readonly method: 'metaspo';
  readonly plan: MetaSpoPlan;
  readonly setting: 'unseen-generalization' | 'single-task';
  readonly metaTasks: readonly string[];
  readonly examplesPerTask: number;
  readonly userPrompts: ReadonlyArray<{
    readonly task: string;
    readonly beam: ReadonlyArray<{ readonly instruction: string; readonly score: number }>;
  }>;
  readonly log: readonly MetaSpoLogEntry[];
}

/** One GEPA iteration as logged in the method's details (`details.log`). */
export interface GepaIteration {
  readonly iteration: number;
  readonly kind: 'reflective' | 'merge';
  readonly parents: readonly string[];
  readonly childId?: string;
  /** Minibatch (or merge subsample) score sums: parent(s) before, child after. */
  readonly before?: readonly number[];
  readonly after?: number;
  readonly accepted: boolean;
  readonly skipped?: string;
}

export interface GepaDetails {
  readonly method: 'gepa';
  readonly iterations: number;
  /** Task rollouts GEPA used (its metric calls). */
  readonly metricCalls: number;
  readonly candidates: ReadonlyArray<{
    readonly id: string;
    readonly parents: readonly string[];
    readonly val: number | undefined;
  }>;
  /** Per validation example, the programs on its Pareto front. */
  readonly paretoFront: Readonly<Record<string, readonly string[]>>;
  readonly merges: number;
  readonly mergesAccepted: number;
  readonly log: readonly GepaIteration[];
}

/** The method-specific part of a result, by method. */
export type MethodDetails =
  | SepoDetails
  | ManualDetails
  | RandomDetails
  | TextGradDetails
  | OproDetails
  | MetaSpoDetails
  | GepaDetails;

/** The details of one method, or undefined when `details` belong to another (or there are none). */
export function detailsOf<M extends MethodDetails['method']>(
  details: MethodDetails | undefined,
  method: M,
): Extract<MethodDetails, { readonly method: M }> | undefined {
  return details?.method === method ? (details as Extract<MethodDetails, { readonly method: M }>) : undefined;
}
