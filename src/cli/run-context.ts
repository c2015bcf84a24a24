import { readFileSync } from 'node:fs';
import type { BudgetLimits } from '../engine/budget-ledger.js';
import { Engine, type EngineOptions } from '../engine/engine.js';
import { EventBus } from '../engine/event-bus.js';
import type { CompletionStore, RolloutSink } from '../engine/ports.js';
import { BudgetExhaustedError, CancelledError, isSepoError } from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import { costOf, createPriceTable } from '../models/pricing.js';
import { resolveModel } from '../models/resolve-model.js';
import '../sim/register.js';
import type { SamplingSettings } from '../spec/sampling.js';
import { CallCache, defaultCachePath, RunStore } from '../store/index.js';
import type { ConfigFile } from './config-file.js';
import { configPrices } from './config-file.js';
import { Options, type ParsedOptions } from './options.js';
import { ProgressRenderer } from './progress.js';

export interface RunContext {
  readonly runId: string;
  readonly options: Options;
  readonly engine: Engine;
  readonly store: RunStore;
  readonly taskModel: ModelHandle;
  readonly optimizerModel: ModelHandle;
  readonly simulated: boolean;
  readonly seed: number;
  readonly resumed: boolean;
  /** Writes human output to stderr unless --quiet/--json (progress and notes). */
  note(text: string): void;
  /**
   * A fresh engine for this run with its own ledger (e.g. one per method and seed in `sepo compare`,
   * so budgets never mix): same models, store, events and cancellation, other limits and seed.
   */
  engineWith(overrides: EngineOverrides): Engine;
}

export interface EngineOverrides {
  /** Replaces the run's limits (--budget, --max-cost). */
  readonly limits?: BudgetLimits;
  /** Base sampling seed of both roles (default: the run's). */
  readonly seed?: number;
  /**
   * Run-log namespace: this engine replays (on resume) and records only its own completions, so
   * engines of one run neither share calls nor see each other's spend as free replays.
   */
  readonly logNamespace?: string;
  /** Prefix of the candidate ids this engine's rollouts are stored under (keeps ids unique per method and seed). */
  readonly candidatePrefix?: string;
}

/** The run log under a key prefix; the shared cache is untouched. */
function namespacedLog(store: CompletionStore, namespace: string): CompletionStore {
  const key = (k: string): string => `${namespace}\u0000${k}`;
  return {
    getFromRun: (k) => store.getFromRun(key(k)),
    putInRun: (k, role, completion) => store.putInRun(key(k), role, completion),
    getShared: (k) => store.getShared(k),
    putShared: (k, completion) => store.putShared(k, completion),
  };
}

/** Stores rollouts under prefixed candidate ids. */
function prefixedSink(sink: RolloutSink, prefix: string): RolloutSink {
  return {
    record: (rollout, meta) =>
      sink.record({ ...rollout, candidateId: `${prefix}${rollout.candidateId}` }, meta),
    flush: () => sink.flush(),
  };
}

export interface RunOutcome<T> {
  readonly status: 'finished' | 'budget-exhausted' | 'cancelled' | 'failed';
  readonly result?: T;
}

export function sepoVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function sampling(options: Options, role: 'task' | 'optimizer'): SamplingSettings {
  const seed = options.number('seed');
  if (role === 'optimizer') {
    const t = options.number('optimizer-temperature');
    const p = options.number('optimizer-top-p');
    const m = options.number('optimizer-max-tokens');
    return {
      ...(t === undefined ? {} : { temperature: t }),
      ...(p === undefined ? {} : { topP: p }),
      ...(m === undefined ? {} : { maxOutputTokens: m }),
      ...(seed === undefined ? {} : { seed }),
    };
  }
  const t = options.number('temperature');
  const p = options.number('top-p');
  const m = options.number('max-tokens');
  return {
    ...(t === undefined ? {} : { temperature: t }),
    ...(p === undefined ? {} : { topP: p }),
    ...(m === undefined ? {} : { maxOutputTokens: m }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/**
 * Opens (or resumes) a run in the store, builds the engine, wires events to progress and the store,
 * installs the Ctrl-C handler, runs `body`, and records the final status. On --resume the stored
 * options are used, so the run finishes as it would have. A budget stop keeps the partial result that
 * `body` returns through `partial` (or none), a Ctrl-C exits 130 after persisting.
 */
export async function withRun<T>(
  kind: string,
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
  body: (ctx: RunContext) => Promise<T>,
): Promise<RunOutcome<T>> {
  const flags = new Options(parsed);
  const store = RunStore.open(flags.string('store') ?? '.sepo');
  const resumeId = flags.string('resume');
  const record = resumeId === undefined ? undefined : store.requireRun(resumeId);
  const options =
    record === undefined
      ? flags
      : new Options({
          ...(record.config as ParsedOptions),
          json: flags.boolean('json'),
          quiet: flags.boolean('quiet'),
        });
  const seed = options.number('seed') ?? 0;
  const taskModel = resolveModel(options.requireString('model'), { env: process.env });
  const optimizerModel = resolveModel(options.string('optimizer-model') ?? taskModel.id, {
    env: process.env,
  });
  const run =
    record ??
    store.createRun({
      kind,
      config: options.toRecord(),
      seed,
      versions: { sepo: sepoVersion(), node: process.version },
    });
  const cache =
    options.boolean('no-cache') === true
      ? undefined
      : CallCache.open(options.string('cache') ?? defaultCachePath(process.env));
  const quiet = options.boolean('quiet') === true || options.boolean('json') === true;
  const events = new EventBus();
  const progress = new ProgressRenderer({
    tty: process.stderr.isTTY === true,
    write: (t) => process.stderr.write(t),
    now: Date.now,
  });
  if (!quiet) events.on((e) => progress.handle(e));
  events.on((e) => {
    if (
      e.type !== 'rollout-finished' &&
      e.type !== 'budget-updated' &&
      e.type !== 'batch-started' &&
      e.type !== 'batch-finished'
    ) {
      store.appendEvent(run.id, e.type, e);
    }
  });
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupted: stopping (Ctrl-C again to quit at once)\n');
    controller.abort(new CancelledError());
  };
  process.on('SIGINT', onSigint);
  const prices = createPriceTable(configPrices(config));
  const timeout = options.number('timeout');
  const rpm = options.number('rpm');
  const tpm = options.number('tpm');
  const rateLimit =
    rpm === undefined && tpm === undefined
      ? undefined
      : { ...(rpm === undefined ? {} : { rpm }), ...(tpm === undefined ? {} : { tpm }) };
  const engineOptions: EngineOptions = {
    taskModel,
    optimizerModel,
    sampling: { task: sampling(options, 'task'), optimizer: sampling(options, 'optimizer') },
    concurrency: options.number('concurrency') ?? 16,
    ...(rateLimit === undefined
      ? {}
      : { rateLimits: { [taskModel.provider]: rateLimit, [optimizerModel.provider]: rateLimit } }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
    ...(options.number('retries') === undefined
      ? {}
      : { retry: { maxRetries: options.number('retries') ?? 4 } }),
    ...(options.boolean('stream') === undefined ? {} : { stream: options.boolean('stream') === true }),
    store: store.completions(run.id, cache),
    useSharedCache: cache !== undefined,
    sink: store.rolloutSink(run.id),
    limits: {
      ...(options.number('budget') === undefined ? {} : { maxRollouts: options.number('budget') }),
      ...(options.number('max-cost') === undefined ? {} : { maxCostUsd: options.number('max-cost') }),
    },
    price: (model, usage) => costOf(prices, model.id, usage),
    signal: controller.signal,
    events,
  };
  const engine = new Engine(engineOptions);
  const engineWith = (overrides: EngineOverrides): Engine => {
    const seeded = (role: 'task' | 'optimizer'): SamplingSettings => ({
      ...sampling(options, role),
      ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    });
    return new Engine({
      ...engineOptions,
      sampling: { task: seeded('task'), optimizer: seeded('optimizer') },
      ...(overrides.limits === undefined ? {} : { limits: overrides.limits }),
      ...(overrides.logNamespace === undefined || engineOptions.store === undefined
        ? {}
        : { store: namespacedLog(engineOptions.store, overrides.logNamespace) }),
      ...(overrides.candidatePrefix === undefined || engineOptions.sink === undefined
        ? {}
        : { sink: prefixedSink(engineOptions.sink, overrides.candidatePrefix) }),
    });
  };
  // The store batches writes and commits on the next write; this makes idle periods durable too
  // (a kill -9 while waiting on a slow call then loses at most ~250 ms of work).
  const flusher = setInterval(() => store.flush(), 250);
  flusher.unref();
  const ctx: RunContext = {
    runId: run.id,
    options,
    engine,
    store,
    taskModel,
    optimizerModel,
    simulated: taskModel.simulated || optimizerModel.simulated,
    seed,
    resumed: record !== undefined,
    note: (text) => {
      if (!quiet) process.stderr.write(`${text}\n`);
    },
    engineWith,
  };
  try {
    const result = await body(ctx);
    progress.finish();
    store.finishRun(run.id, 'finished', { result, spend: engine.spend() });
    return { status: 'finished', result };
  } catch (error) {
    progress.finish();
    const status =
      error instanceof CancelledError
        ? 'cancelled'
        : error instanceof BudgetExhaustedError
          ? 'budget-exhausted'
          : 'failed';
    store.finishRun(run.id, status, {
      error: isSepoError(error) || error instanceof Error ? error.message : String(error),
      spend: engine.spend(),
    });
    if (status !== 'failed')
      process.stderr.write(`run ${run.id} ${status}; resume with: sepo ${kind} --resume ${run.id}\n`);
    throw error;
  } finally {
    clearInterval(flusher);
    process.off('SIGINT', onSigint);
    cache?.close();
    store.close();
  }
}
