import { readFileSync } from 'node:fs';
import { type BudgetLimits, carriedSpend, sumSpend, ZERO_SPEND } from '../engine/budget-ledger.js';
import { CircuitBreaker } from '../engine/circuit-breaker.js';
import { Engine, type EngineOptions } from '../engine/engine.js';
import { EventBus } from '../engine/event-bus.js';
import type { CompletionStore, RolloutSink } from '../engine/ports.js';
import {
  BudgetExhaustedError,
  CancelledError,
  isSepoError,
  ProviderUnavailableError,
  SepoError,
} from '../errors.js';
import type { ModelHandle } from '../models/model-handle.js';
import { costOf, createPriceTable } from '../models/pricing.js';
import { resolveModel } from '../models/resolve-model.js';
import '../sim/register.js';
import type { SepoEvent } from '../spec/events.js';
import type { SamplingSettings } from '../spec/sampling.js';
import type { Spend } from '../spec/usage.js';
import { CallCache, defaultCachePath, LEASE_HEARTBEAT_MS, type Lease, RunStore } from '../store/index.js';
import type { ConfigFile } from './config-file.js';
import { configPrices } from './config-file.js';
import { redactModelFlags, restoreModelFlags } from './model-secrets.js';
import { checkOutputFlags } from './output-path.js';
import { resumedOptions } from './resume-options.js';
import { type OptionDef, Options, type ParsedOptions } from './settings.js';

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

/**
 * How a run talks to whoever started it: the CLI shows progress and notes on stderr and turns SIGINT
 * and SIGTERM into cancellation; the library passes `onEvent` and an AbortSignal. All optional.
 */
export interface RunUi {
  /** Every event of the run (not called with --quiet/--json). */
  readonly onEvent?: (event: SepoEvent) => void;
  /** Human notes (not called with --quiet/--json). */
  readonly note?: (text: string) => void;
  /** Lines that must be shown even when quiet (how to resume a stopped run). */
  readonly warn?: (text: string) => void;
  /** Called once when the body ends (e.g. clears a live progress line). */
  readonly finish?: () => void;
  /** Cancels the run when aborted; everything finished so far is kept. */
  readonly signal?: AbortSignal;
  /** Installs interrupt handling that calls `abort`; returns its uninstaller. */
  readonly onInterrupt?: (abort: (reason: CancelledError) => void) => () => void;
  /**
   * Models given as objects (the library API): they win over the `model` / `optimizer-model` settings,
   * which then only name them in the stored config.
   */
  readonly models?: { readonly taskModel?: ModelHandle; readonly optimizerModel?: ModelHandle };
  /** The definitions of the settings the use case reads: their defaults apply to names not given. */
  readonly settings?: readonly OptionDef[];
}

export interface RunOutcome<T> {
  readonly status: 'finished' | 'budget-exhausted' | 'cancelled' | 'failed';
  readonly result?: T;
}

/** This process lost the run's lease (it was unresponsive past the TTL and another process resumed it). */
function lostLease(runId: string): SepoError {
  return new SepoError(
    `run ${runId} was taken over by another process while this one was unresponsive; this process stopped without recording its status`,
    1,
  );
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
 * options are used, so the run finishes as it would have; only a run of the same command resumes, and
 * only the flags in RESUMABLE_FLAGS may change. Output paths are checked before any work. The process
 * holds the run's lease while it runs (a second process refuses it), and the run's spend per engine
 * line is saved as it goes: a resume starts from it, so spend and `--max-cost` cover every process.
 * A budget stop keeps the partial result that `body` returns through `partial` (or none), a Ctrl-C
 * exits 130 after persisting, SIGTERM the same with 143. A new run that bad input stopped before any
 * work is removed (a rejected invocation leaves no `failed` run).
 */
export async function withRun<T>(
  kind: string,
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
  body: (ctx: RunContext) => Promise<T>,
  ui: RunUi = {},
): Promise<RunOutcome<T>> {
  const flags = new Options(parsed, ui.settings);
  const store = RunStore.open(flags.stringOrDefault('store'));
  const resumeId = flags.string('resume');
  let record: ReturnType<RunStore['requireRun']> | undefined;
  let options: Options;
  try {
    record = resumeId === undefined ? undefined : store.requireRun(resumeId);
    // The store never holds the credentials of a model URL (see model-secrets.ts).
    options =
      record === undefined
        ? flags
        : new Options(
            restoreModelFlags(resumedOptions(kind, record, redactModelFlags(parsed)), parsed, record.id),
            ui.settings,
          );
    checkOutputFlags(options);
  } catch (error) {
    store.close();
    throw error;
  }
  const seed = options.numberOrDefault('seed');
  // The library passes model objects (AI SDK LanguageModel or handles); the CLI passes model strings.
  const taskModel =
    ui.models?.taskModel ?? resolveModel(options.requireString('model'), { env: process.env });
  const optimizerModel =
    ui.models?.optimizerModel ??
    (options.string('optimizer-model') === undefined && ui.models?.taskModel !== undefined
      ? taskModel
      : resolveModel(options.string('optimizer-model') ?? options.requireString('model'), {
          env: process.env,
        }));
  const run =
    record ??
    store.createRun({
      kind,
      config: redactModelFlags(options.toRecord()),
      seed,
      versions: { sepo: sepoVersion(), node: process.version },
    });
  let lease: Lease;
  try {
    lease = store.acquireLease(run.id);
  } catch (error) {
    store.close();
    throw error;
  }
  if (record !== undefined) {
    store.resumeRun(run.id);
    store.updateRunConfig(run.id, options.toRecord());
  }
  // A holder that cannot renew its lease lost the run to another process: it stops without writing.
  let leaseLost = false;
  const controller = new AbortController();
  const heartbeat = setInterval(() => {
    try {
      if (leaseLost || store.heartbeatLease(lease)) return;
    } catch {
      return; // a busy database: the next beat retries, well within the lease's TTL
    }
    leaseLost = true;
    controller.abort(new CancelledError());
  }, LEASE_HEARTBEAT_MS);
  heartbeat.unref();
  // The run's spend per engine line (log namespace; '' is the main engine) as recorded by earlier
  // processes; each engine starts from its line's, and `saveSpend` records every line as it goes.
  const priorSpend = record === undefined ? new Map<string, Spend>() : store.spendLines(run.id);
  const engines: Array<{ readonly line: string; readonly engine: Engine }> = [];
  const tracked = (line: string, made: Engine): Engine => {
    engines.push({ line, engine: made });
    return made;
  };
  const savedSpend = new Map<string, string>();
  /** Records each line's spend (earlier processes' plus this one's) when it changed; returns the run's total. */
  const saveSpend = (): Spend => {
    const lines = new Map<string, Spend>();
    for (const [line, spend] of priorSpend) lines.set(line, carriedSpend(spend));
    for (const { line, engine: e } of engines)
      lines.set(line, sumSpend(lines.get(line) ?? ZERO_SPEND, e.spendSinceStart()));
    let total = ZERO_SPEND;
    for (const [line, spend] of lines) {
      total = sumSpend(total, spend);
      const json = JSON.stringify(spend);
      if (savedSpend.get(line) === json) continue;
      store.saveSpend(run.id, line, spend);
      savedSpend.set(line, json);
    }
    return total;
  };
  // Each commit of run-log rows carries the spend that paid for them.
  store.onBeforeCommit(() => {
    if (!leaseLost) saveSpend();
  });
  const cache =
    options.boolean('no-cache') === true
      ? undefined
      : CallCache.openOrWarn(options.string('cache') ?? defaultCachePath(process.env));
  const quiet = options.boolean('quiet') === true || options.boolean('json') === true;
  const events = new EventBus();
  const onEvent = ui.onEvent;
  if (!quiet && onEvent !== undefined) events.on((e) => onEvent(e));
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
  // Cancellation: the caller's signal (library), and the interface's interrupts (the CLI's SIGINT/SIGTERM).
  const abortFromSignal = (): void => controller.abort(new CancelledError());
  if (ui.signal?.aborted) abortFromSignal();
  ui.signal?.addEventListener('abort', abortFromSignal, { once: true });
  const uninstall = ui.onInterrupt?.((reason) => controller.abort(reason)) ?? ((): void => {});
  const prices = createPriceTable(configPrices(config));
  const timeout = options.number('timeout');
  const rpm = options.number('rpm');
  const tpm = options.number('tpm');
  const rateLimit =
    rpm === undefined && tpm === undefined
      ? undefined
      : { ...(rpm === undefined ? {} : { rpm }), ...(tpm === undefined ? {} : { tpm }) };
  const consecutive = options.number('breaker-consecutive');
  const window = options.number('breaker-window');
  // One breaker for every engine of the run: an outage stops every method and seed at once.
  const breaker = new CircuitBreaker({
    ...(consecutive === undefined ? {} : { consecutiveFailures: consecutive }),
    ...(window === undefined ? {} : { window }),
  });
  const engineOptions: EngineOptions = {
    breaker,
    taskModel,
    optimizerModel,
    sampling: { task: sampling(options, 'task'), optimizer: sampling(options, 'optimizer') },
    concurrency: options.numberOrDefault('concurrency'),
    ...(rateLimit === undefined
      ? {}
      : { rateLimits: { [taskModel.provider]: rateLimit, [optimizerModel.provider]: rateLimit } }),
    ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
    ...(options.number('retries') === undefined
      ? {}
      : { retry: { maxRetries: options.numberOrDefault('retries') } }),
    ...(options.boolean('stream') === undefined ? {} : { stream: options.boolean('stream') === true }),
    store: store.completions(run.id, cache),
    ...(priorSpend.get('') === undefined ? {} : { initialSpend: priorSpend.get('') }),
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
  const engine = tracked('', new Engine(engineOptions));
  const engineWith = (overrides: EngineOverrides): Engine => {
    const line = overrides.logNamespace ?? '';
    const initial = priorSpend.get(line);
    const seeded = (role: 'task' | 'optimizer'): SamplingSettings => ({
      ...sampling(options, role),
      ...(overrides.seed === undefined ? {} : { seed: overrides.seed }),
    });
    return tracked(
      line,
      new Engine({
        ...engineOptions,
        ...(initial === undefined ? {} : { initialSpend: initial }),
        sampling: { task: seeded('task'), optimizer: seeded('optimizer') },
        ...(overrides.limits === undefined ? {} : { limits: overrides.limits }),
        ...(overrides.logNamespace === undefined || engineOptions.store === undefined
          ? {}
          : { store: namespacedLog(engineOptions.store, overrides.logNamespace) }),
        ...(overrides.candidatePrefix === undefined || engineOptions.sink === undefined
          ? {}
          : { sink: prefixedSink(engineOptions.sink, overrides.candidatePrefix) }),
      }),
    );
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
      if (!quiet) ui.note?.(text);
    },
    engineWith,
  };
  try {
    const result = await body(ctx);
    ui.finish?.();
    if (leaseLost) throw lostLease(run.id);
    store.finishRun(run.id, 'finished', { result, spend: saveSpend() });
    return { status: 'finished', result };
  } catch (error) {
    ui.finish?.();
    if (leaseLost) throw lostLease(run.id);
    // Bad input found once the run existed (a task module that does not load, too large a plan...):
    // the invocation was rejected, it is not a run that failed, so a new run that did no work is removed.
    const spent = engine.spend();
    if (
      record === undefined &&
      isSepoError(error) &&
      error.exitCode === 2 &&
      spent.task.calls + spent.optimizer.calls === 0 &&
      store.countRollouts(run.id) === 0
    ) {
      store.deleteRun(run.id);
      throw error;
    }
    const status =
      error instanceof CancelledError
        ? 'cancelled'
        : error instanceof BudgetExhaustedError
          ? 'budget-exhausted'
          : 'failed';
    store.finishRun(run.id, status, {
      error: isSepoError(error) || error instanceof Error ? error.message : String(error),
      spend: saveSpend(),
    });
    if (status !== 'failed')
      ui.warn?.(`run ${run.id} ${status}; resume with: sepo ${kind} --resume ${run.id}`);
    // The breaker's one line names the model and the last error; it also says how to go on.
    if (error instanceof ProviderUnavailableError)
      error.message = `run ${run.id} stopped: ${error.message}; everything finished so far is kept; resume with: sepo ${kind} --resume ${run.id}`;
    // The exit code of a cancellation is the one its cause asked for (130 for SIGINT, 143 for SIGTERM).
    const reason: unknown = controller.signal.reason;
    if (
      error instanceof CancelledError &&
      reason instanceof CancelledError &&
      reason.exitCode !== error.exitCode
    )
      throw new CancelledError(error.message, reason.exitCode);
    throw error;
  } finally {
    clearInterval(flusher);
    clearInterval(heartbeat);
    if (!leaseLost) store.releaseLease(lease);
    uninstall();
    ui.signal?.removeEventListener('abort', abortFromSignal);
    cache?.close();
    store.close();
  }
}
