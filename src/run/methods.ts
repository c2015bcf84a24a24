import type { Engine } from '../engine/engine.js';
import { ConfigError } from '../errors.js';
import type { MethodResult } from '../optimizers/framework/method-result.js';
import type { OptimizerContext } from '../optimizers/framework/optimizer-context.js';
import type { Spend } from '../spec/usage.js';
import { gepa } from './methods/gepa.js';
import { manual } from './methods/manual.js';
import { metaspo } from './methods/metaspo.js';
import type { Accounting, MethodSpec } from './methods/method-spec.js';
import { opro } from './methods/opro.js';
import { random } from './methods/random.js';
import { sepo } from './methods/sepo.js';
import { textgrad } from './methods/textgrad.js';
import type { RunContext } from './run-context.js';
import type { OptionDef } from './settings.js';

export type { Accounting, BudgetNeed, MethodSpec, OneTimeStage } from './methods/method-spec.js';

/** Spend a method made on its one-time line (shown apart; part of --budget when `charged`). */
export function oneTimeSpendOf(outcome: MethodResult): Spend | undefined {
  return outcome.oneTime?.spend;
}

/** The result of one method's run, with the engine its per-target stage ran on (whose spend is reported). */
export interface MethodRun {
  readonly outcome: MethodResult;
  readonly engine: Engine;
}

/**
 * Runs a method: its one-time stage first when it has one (on an engine of its own, limited by
 * --pretrain-budget; or, charged, by its share of --budget), then its per-target stage on
 * `targetEngine(rollouts)`: the whole budget, less what a charged one-time stage spent. `optimizer`
 * is the per-target context; its engine is replaced by the per-target engine.
 */
export async function runMethod(
  spec: MethodSpec,
  ctx: RunContext,
  optimizer: OptimizerContext,
  accounting: Accounting,
  targetEngine: (maxRollouts: number | undefined) => Engine,
): Promise<MethodRun> {
  const stage = spec.oneTime?.(ctx, optimizer);
  if (stage === undefined) {
    const engine = targetEngine(accounting.budget);
    return { outcome: await spec.run(ctx, { ...optimizer, engine }), engine };
  }
  const charged = accounting.charged && accounting.budget !== undefined;
  const maxCost = ctx.options.number('max-cost');
  const limit = charged
    ? Math.min(stage.chargedShare(accounting.budget ?? 0), accounting.budget ?? 0)
    : ctx.options.number('pretrain-budget');
  const oneTimeEngine = ctx.engineWith({
    limits: {
      ...(limit === undefined ? {} : { maxRollouts: limit }),
      ...(maxCost === undefined ? {} : { maxCostUsd: maxCost }),
    },
    logNamespace: stage.namespace,
  });
  const finish = await stage.run(oneTimeEngine, {
    budgetFlag: charged ? '--budget' : '--pretrain-budget',
    charged,
  });
  const spend = oneTimeEngine.spend();
  const engine = targetEngine(
    charged && accounting.budget !== undefined
      ? Math.max(0, accounting.budget - spend.task.rollouts)
      : accounting.budget,
  );
  // A cost limit covers the whole run: what the one-time line spent counts against it.
  engine.chargeExternalCost(spend);
  const outcome = await finish({ ...optimizer, engine });
  return { outcome: { ...outcome, oneTime: { what: stage.what, spend, charged } }, engine };
}

/**
 * Refuses a budget below what a method needs for one step on the task, with one line that says what
 * the step is and how to fix it (MetaSPO throws its own, more specific refusal).
 */
export function assertBudgetFits(
  spec: MethodSpec,
  ctx: RunContext,
  optimizer: OptimizerContext,
  accounting: Accounting,
  alternative: string,
): void {
  const budget = accounting.budget;
  const need = spec.budgetNeed?.(ctx, optimizer, accounting);
  if (budget === undefined || need === undefined || budget >= need.minimum) return;
  throw new ConfigError(
    '--budget',
    `${budget} task rollouts are below what ${spec.name} needs for one step on ${optimizer.task.id}: ${need.minimum} (${need.step}); raise --budget to ${need.minimum}${alternative}`,
  );
}

export const METHODS: readonly MethodSpec[] = [sepo, manual, textgrad, metaspo, gepa, opro, random];

export function methodByName(name: string): MethodSpec {
  const method = METHODS.find((m) => m.name === name);
  if (method === undefined)
    throw new ConfigError(
      '--method',
      `unknown method "${name}"; known: ${METHODS.map((m) => m.name).join(', ')}`,
    );
  return method;
}

/** Every method's options, each once (for the optimize and compare commands' flag tables). */
export function methodOptions(): OptionDef[] {
  const seen = new Set<string>();
  return METHODS.flatMap((m) => m.options).filter((o) => !seen.has(o.name) && seen.add(o.name) !== undefined);
}
