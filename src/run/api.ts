import type { ModelHandle } from '../models/model-handle.js';
import { type ModelInput, modelHandle } from '../models/to-model-handle.js';
import '../sim/register.js';
import { ConfigError } from '../errors.js';
import type { SepoEvent } from '../spec/events.js';
import type { Task } from '../spec/task.js';
import { COMPARE_OPTIONS, parseMethods, runComparison } from './compare.js';
import type { CompareResult } from './compare-table.js';
import type { ConfigFile } from './config-file.js';
import { EVAL_OPTIONS, type EvalResult, evaluatePrompt } from './evaluate.js';
import { OPTIMIZE_OPTIONS, type OptimizeResult, optimizeOnce } from './optimize.js';
import { prepareTaskFromOptions } from './prepare-task.js';
import { type RunContext, withRun } from './run-context.js';
import { convertOption, type OptionDef, type OptionValue, type ParsedOptions } from './settings.js';

/*
 * The library API: the use cases of the CLI as functions, with the CLI's defaults.
 *
 *   import { optimize, task } from 'sepo';
 *   const r = await optimize({ task: task({ id: 'arith', examples, scorer: 'exact' }),
 *                              model: provider.chatModel('m'), method: 'sepo', budget: 300 });
 *   r.bestPrompt; r.test.seed.mean; r.test.best.mean; r.test.difference.p;
 *
 * `model` / `optimizerModel` take an AI SDK LanguageModel object, a model string ('openai:gpt-4.1-mini',
 * 'sim:demo', ...) or a sepo ModelHandle. `task` takes a Task (e.g. from `task()`) or a task id
 * ('gsm8k', 'jsonl:./data.jsonl', 'sim:demo'). Every other setting has the CLI flag's name in
 * camelCase (`maxCost` is `--max-cost`) and the CLI's default; `settings` takes any other flag by its
 * CLI name (`{ 'textgrad-batch': 4 }`). Runs are kept in `store` (default ./.sepo) and can be resumed
 * by id with `resume`. `signal` cancels (everything finished so far is kept); `onEvent` receives every
 * typed event (progress, candidates, spend).
 */

/** Settings every use case shares. */
export interface RunOptions {
  readonly model: ModelInput;
  /** The prompt agent's model (default: the task model). */
  readonly optimizerModel?: ModelInput;
  /** Run directory (default ./.sepo). */
  readonly store?: string;
  /** Resume the run with this id (same use case). */
  readonly resume?: string;
  readonly seed?: number;
  readonly budget?: number;
  readonly maxCost?: number;
  readonly concurrency?: number;
  /** Per-call timeout in seconds (default 120). */
  readonly timeout?: number;
  readonly retries?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  /** Bypass the shared call cache. */
  readonly noCache?: boolean;
  /** The shared call cache database (default: the per-user cache). */
  readonly cache?: string;
  /** Share of an evaluation's calls that may fail before the result is marked (default 0.02). */
  readonly allowFailures?: number;
  /** Any other setting, by its CLI flag name (e.g. `{ 'breaker-consecutive': 5 }`). */
  readonly settings?: Readonly<Record<string, OptionValue>>;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: SepoEvent) => void;
  /** Human notes (what the CLI writes on stderr); default: none. */
  readonly onNote?: (text: string) => void;
  /** Prices and other config-file keys (see README: sepo.config.json). */
  readonly config?: ConfigFile;
}

export interface OptimizeOptions extends RunOptions {
  readonly task: Task | string;
  /** 'sepo' (default), 'manual', 'textgrad', 'gepa', 'opro', 'metaspo', 'random'. */
  readonly method?: string;
  /** SePO without self-improvement (the paper's ablation): fine-tune with the seed prompt agent. */
  readonly noSelfImprovement?: boolean;
  /** A pre-trained prompt agent (agent.json from `sepo pretrain` or an earlier run). */
  readonly agent?: string;
  /** SePO's pre-training pool: task ids, or 'auto'. */
  readonly pool?: string;
  readonly generations?: number;
  readonly children?: number;
  readonly minibatch?: number;
  /** Training-set selection: 'all' (default), 'p1', 'random', 'auto'. */
  readonly select?: string;
  /** Where the final prompt is written (default <store>/<run>.prompt.txt). */
  readonly out?: string;
}

export interface CompareOptions extends RunOptions {
  readonly task: Task | string;
  /** Methods (manual is always added as the reference); default sepo, gepa, textgrad, opro, metaspo. */
  readonly methods?: readonly string[];
  /** Seeds per method (default 5): seed, seed+1, ... */
  readonly seeds?: number;
  /** Count one-time work (SePO's pre-training, MetaSPO's meta-training) against the budget. */
  readonly chargeOneTime?: boolean;
}

export interface EvaluateOptions extends RunOptions {
  readonly task: Task | string;
  /** The system prompt (default: the task's Manual-CoT prompt). */
  readonly prompt?: string;
  readonly split?: 'train' | 'val' | 'test' | 'all';
  readonly limit?: number;
  readonly samples?: number;
  readonly passAt?: number;
}

/** Keys of the options objects that are not settings (objects, callbacks, the task, the method list). */
const NOT_SETTINGS = new Set([
  'model',
  'optimizerModel',
  'task',
  'settings',
  'signal',
  'onEvent',
  'onNote',
  'config',
  'methods',
  'prompt',
]);

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The options object as the named settings the use cases read, each validated by its definition (the
 * CLI flag's): an unknown name or a bad value is a ConfigError naming it.
 */
function toSettings(
  options: RunOptions,
  defs: readonly OptionDef[],
  use: string,
): Record<string, OptionValue | undefined> {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const out: Record<string, OptionValue | undefined> = {};
  const put = (name: string, value: unknown, where: string): void => {
    if (value === undefined) return;
    const def = byName.get(name);
    if (def === undefined)
      throw new ConfigError(
        where,
        `is not a setting of ${use}; see \`sepo ${use} --help\` for the known ones`,
      );
    out[name] = convertOption(def, value, where);
  };
  for (const [key, value] of Object.entries(options as object)) {
    if (NOT_SETTINGS.has(key)) continue;
    put(kebab(key), value, key);
  }
  for (const [name, value] of Object.entries(options.settings ?? {})) put(name, value, `settings['${name}']`);
  return out;
}

const modelId = (handle: ModelHandle): string => handle.id;

/** Runs `body` as a stored, resumable run of `kind`, with the models and task the options give. */
async function run<T>(
  kind: string,
  options: RunOptions & { readonly task: Task | string },
  defs: readonly OptionDef[],
  body: (ctx: RunContext, task: Task) => Promise<T>,
): Promise<T> {
  const settings = toSettings(options, defs, kind);
  const taskModel = modelHandle(options.model, { role: 'model' });
  const optimizerModel =
    options.optimizerModel === undefined
      ? undefined
      : modelHandle(options.optimizerModel, { role: 'optimizerModel' });
  const given = typeof options.task === 'string' ? undefined : options.task;
  const parsed: ParsedOptions = {
    ...settings,
    model: modelId(taskModel),
    ...(optimizerModel === undefined ? {} : { 'optimizer-model': modelId(optimizerModel) }),
    task: typeof options.task === 'string' ? options.task : options.task.id,
    quiet: options.onEvent === undefined && options.onNote === undefined,
  };
  const outcome = await withRun(
    kind,
    parsed,
    options.config,
    async (ctx) => body(ctx, given ?? (await prepareTaskFromOptions(ctx.options, ctx.engine))),
    {
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
      ...(options.onNote === undefined ? {} : { note: options.onNote, warn: options.onNote }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      models: { taskModel, ...(optimizerModel === undefined ? {} : { optimizerModel }) },
      settings: defs,
    },
  );
  if (outcome.result === undefined)
    throw new ConfigError(
      kind,
      `the run ended without a result (${outcome.status}); resume it with { resume: '<run id>' }`,
    );
  return outcome.result;
}

/**
 * Optimizes the task's system prompt with one method (SePO by default), then evaluates the seed and
 * the best prompt once on the test split: `result.test` has both accuracies with 95% intervals and
 * their paired difference (exact McNemar for 0/1 scores; `test.difference.test` names the test).
 */
export function optimize(options: OptimizeOptions): Promise<OptimizeResult> {
  return run('optimize', options, OPTIMIZE_OPTIONS, (ctx, task) =>
    optimizeOnce(ctx, task, options.method ?? 'sepo'),
  );
}

/**
 * Every method under the same budget, splits and seeds, with Manual-CoT as the reference: per method,
 * test accuracy over seeds and the difference vs manual per seed with a paired t over seeds.
 */
export function compare(options: CompareOptions): Promise<CompareResult> {
  return run('compare', options, COMPARE_OPTIONS, (ctx, task) => {
    const budget = ctx.options.number('budget');
    if (budget === undefined)
      throw new ConfigError('budget', 'is required: task-model rollouts each method may use per seed');
    const count = ctx.options.numberOrDefault('seeds');
    return runComparison(ctx, task, {
      methods: parseMethods(options.methods?.join(',')),
      seeds: Array.from({ length: count }, (_, i) => ctx.seed + i),
      budget,
      chargeOneTime: options.chargeOneTime === true,
    });
  });
}

/** Accuracy of one system prompt (default: the task's Manual-CoT prompt) on a split, with its interval. */
export function evaluate(options: EvaluateOptions): Promise<EvalResult> {
  const withPrompt = {
    ...options,
    ...(options.prompt === undefined ? {} : { settings: { ...options.settings, prompt: options.prompt } }),
  };
  return run('eval', withPrompt, EVAL_OPTIONS, (ctx, task) => evaluatePrompt(ctx, task));
}
