import type { Engine } from '../../engine/engine.js';
import type { MethodResult } from '../../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../../optimizers/framework/optimizer-context.js';
import type { RunContext } from '../run-context.js';
import type { OptionDef } from '../settings.js';

/**
 * How a run accounts for one-time work (SePO's pre-training, MetaSPO's meta-training on a pool):
 * on a budget line of its own (default, the papers' accounting: shared by every target task), or
 * charged to --budget (`--charge-one-time`, to compare methods at equal total spend).
 */
export interface Accounting {
  readonly charged: boolean;
  /** --budget: task rollouts the method's run may use (undefined: unlimited). */
  readonly budget: number | undefined;
}

/** What the per-target stage needs in order to start: the rollouts it needs for one step. */
export interface BudgetNeed {
  readonly minimum: number;
  /** What one step is, for the refusal message. */
  readonly step: string;
}

/**
 * A method's one-time stage for this run: work shared by every target task, run before the
 * per-target stage on an engine of its own. Its spend is reported apart (the table's "one-time
 * rollouts") and, when charged, deducted from the per-target stage's budget.
 */
export interface OneTimeStage {
  /** What the work is, for notes and the table footer ("pre-training of the prompt agent on ..."). */
  readonly what: string;
  /** Run-log namespace of its engine (resume replays it from there). */
  readonly namespace: string;
  /** Rollouts of --budget it may use when charged; the rest is the per-target stage's. */
  chargedShare(budget: number): number;
  /**
   * Runs the one-time work on `engine` and returns the per-target stage. `budgetFlag` is the flag that
   * bounds `engine` (named in a refusal), `charged` whether its spend counts against --budget.
   */
  run(
    engine: Engine,
    line: { readonly budgetFlag: string; readonly charged: boolean },
  ): Promise<(optimizer: OptimizerContext) => Promise<MethodResult>>;
}

/**
 * The optimization methods `sepo optimize --method <name>` and `sepo compare` know: each turns the
 * command-line options into a run of its optimizer over the shared context. Add a method here (with
 * its options) and both commands get it. `runMethod` runs one, with its one-time stage if it has one.
 */
export interface MethodSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionDef[];
  /** The per-target run (the whole run for a method without a one-time stage). */
  run(ctx: RunContext, optimizer: OptimizerContext): Promise<MethodResult>;
  /** This run's one-time stage, or undefined when there is none (no pool, a given agent, ...). */
  oneTime?(ctx: RunContext, optimizer: OptimizerContext): OneTimeStage | undefined;
  /**
   * What the method needs of --budget for one step on this task, or undefined when any budget does;
   * may itself throw a ConfigError that says more (MetaSPO's refusal).
   */
  budgetNeed?(ctx: RunContext, optimizer: OptimizerContext, accounting: Accounting): BudgetNeed | undefined;
}

/** Validation examples a method may use: --val-limit (default 100) of the task's validation split. */
export const valLimit = (ctx: RunContext): number => ctx.options.number('val-limit') ?? 100;
