import type { LanguageModelV3 } from '@ai-sdk/provider';
import { CancelledError, SepoError } from '../errors.js';
import { callModel, ModelCallError } from '../models/call-model.js';
import type { ModelHandle } from '../models/model-handle.js';
import { modelHandle } from '../models/to-model-handle.js';
import type { FailedRollout, Rollout, RolloutRequest, ScoredRollout } from '../spec/rollout.js';
import type { SamplingSettings } from '../spec/sampling.js';
import type { ScoreResult } from '../spec/score.js';
import type { Task } from '../spec/task.js';
import type { Role, Spend, Usage } from '../spec/usage.js';
import { seed32, sha256 } from '../util/hash.js';
import { BudgetLedger, type BudgetLimits } from './budget-ledger.js';
import { callKey } from './call-key.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { type Clock, systemClock } from './clock.js';
import { EventBus } from './event-bus.js';
import {
  type CompletionStore,
  MemoryCompletionStore,
  type RolloutSink,
  type StoredCompletion,
} from './ports.js';
import { type RateLimit, RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY, type RetryPolicy, retryDelayMs } from './retry-policy.js';
import { Semaphore } from './semaphore.js';

export interface EngineOptions {
  /**
   * The model whose system prompt is optimized: a ModelHandle, or an AI SDK LanguageModelV3 object
   * (e.g. `openai.chat('gpt-4.1-mini')`), which the constructor wraps with `modelHandle`.
   */
  readonly taskModel: ModelHandle | LanguageModelV3;
  /** The prompt agent's model (a handle or a LanguageModelV3 object); defaults to the task model. */
  readonly optimizerModel?: ModelHandle | LanguageModelV3;
  readonly sampling?: Partial<Record<Role, SamplingSettings>>;
  /** Model calls in flight at once, across both roles (default 16). */
  readonly concurrency?: number;
  /** Per provider name (e.g. "openai"): requests and tokens per minute. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
  /** Per-call timeout (default 120 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly stream?: boolean;
  readonly store?: CompletionStore;
  /** Use the shared cross-run cache (default true). The run log is always used, for resume. */
  readonly useSharedCache?: boolean;
  readonly sink?: RolloutSink;
  readonly limits?: BudgetLimits;
  /** USD for a call, or undefined when the price is unknown. Default: unknown for all but simulated models. */
  readonly price?: (model: ModelHandle, usage: Usage) => number | undefined;
  readonly clock?: Clock;
  /** Source of jitter in [0, 1). Inject for deterministic tests. */
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  readonly events?: EventBus;
  /**
   * Stops the run when a model fails persistently (default: 20 failed attempts in a row, or more than
   * half of the last 50). Pass one breaker to every engine of a run so an outage stops them all.
   */
  readonly breaker?: CircuitBreaker;
  /**
   * The spend earlier processes of the same run recorded for this engine's line (a resumed run): what
   * was paid carries over (see `carriedSpend`), so `spend()` and `--max-cost` cover the whole run.
   */
  readonly initialSpend?: Spend;
}

/** A completion for the optimizer role, with where it came from. */
export interface Completion extends StoredCompletion {
  readonly source: 'call' | 'cache' | 'replay';
  /** Wall time of the model call that produced it (the successful attempt); 0 when reused. */
  readonly latencyMs: number;
}

export interface CompletionRequest {
  readonly system: string;
  readonly prompt: string;
  /** Distinguishes repeated identical requests (e.g. the k-th proposal from the same meta-prompt). */
  readonly sample?: number;
}

const defaultPrice = (model: ModelHandle): number | undefined => (model.simulated ? 0 : undefined);

/**
 * The rollout engine: the ONE path by which sepo runs a model. It owns concurrency, rate limits,
 * retries with backoff, timeouts, cancellation, the call cache and run log, and the budget ledger.
 * What the model got wrong is a scored rollout (score 0 with a reason); a call that failed after its
 * retries is a FailedRollout (no score, counted apart, not stored, retried on resume); a model that
 * keeps failing opens the circuit breaker, which stops the batch with ProviderUnavailableError. Only
 * systemic problems throw.
 */
export class Engine {
  readonly taskModel: ModelHandle;
  readonly optimizerModel: ModelHandle;
  readonly events: EventBus;
  private readonly ledger: BudgetLedger;
  private readonly semaphore: Semaphore;
  private readonly store: CompletionStore;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly started: number;
  private readonly breaker: CircuitBreaker;

  constructor(private readonly options: EngineOptions) {
    this.taskModel = modelHandle(options.taskModel, { role: 'taskModel' });
    this.optimizerModel =
      options.optimizerModel === undefined
        ? this.taskModel
        : modelHandle(options.optimizerModel, { role: 'optimizerModel' });
    this.events = options.events ?? new EventBus();
    this.ledger = new BudgetLedger(options.limits, options.initialSpend);
    this.semaphore = new Semaphore(options.concurrency ?? 16);
    this.store = options.store ?? new MemoryCompletionStore();
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.started = this.clock.now();
    this.breaker = options.breaker ?? new CircuitBreaker();
    for (const [provider, limit] of Object.entries(options.rateLimits ?? {})) {
      this.limiters.set(provider, new RateLimiter(limit, this.clock));
    }
  }

  /** The spend of this engine's line, including what `initialSpend` carried over. */
  spend(): Spend {
    return this.ledger.snapshot();
  }

  /** What this engine added to its line in this process (`spend()` less the carried start). */
  spendSinceStart(): Spend {
    return this.ledger.sinceStart();
  }

  elapsedMs(): number {
    return this.clock.now() - this.started;
  }

  remainingRollouts(): number {
    return this.ledger.remainingRollouts();
  }

  /**
   * Counts USD spent elsewhere in the same run (another engine, e.g. SePO's pre-training line) against
   * this engine's --max-cost, without adding it to this engine's own spend lines.
   */
  chargeExternalCost(spend: Spend): void {
    this.ledger.chargeExternal((spend.task.usd ?? 0) + (spend.optimizer.usd ?? 0));
  }

  /**
   * Runs the requests and returns their rollouts in request order. Throws BudgetExhaustedError before
   * starting when the batch would cross the rollout budget (`exempt` skips that check, e.g. for the
   * final test evaluation the user always wants), and after in-flight calls settle when the cost limit
   * is reached mid-batch; CancelledError on abort. Rollouts finished before either are recorded.
   */
  async evaluate(
    task: Task,
    requests: readonly RolloutRequest[],
    options: { readonly label?: string; readonly exempt?: boolean } = {},
  ): Promise<Rollout[]> {
    const label = options.label ?? 'evaluate';
    this.throwIfCancelled();
    if (options.exempt) this.ledger.countRollouts(requests.length);
    else this.ledger.reserveRollouts(requests.length);
    this.events.emit({ type: 'batch-started', label, total: requests.length });
    const results = new Array<Rollout>(requests.length);
    let stop: unknown;
    // A pool of workers, as many as the concurrency limit, pulls requests in order: memory stays
    // bounded by the limit, not by the batch size (20,000-rollout batches are routine).
    let next = 0;
    const worker = async (): Promise<void> => {
      while (stop === undefined) {
        const index = next++;
        const request = requests[index];
        if (request === undefined) return;
        try {
          results[index] = await this.runRollout(task, request);
        } catch (error) {
          stop ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.semaphore.limit, requests.length) }, worker));
    this.options.sink?.flush();
    this.events.emit({ type: 'budget-updated', spend: this.spend() });
    if (stop !== undefined) throw stop;
    this.events.emit({ type: 'batch-finished', label, total: requests.length });
    return results;
  }

  /** One prompt-agent (optimizer role) call, through the same cache, run log, limits and ledger. */
  async complete(request: CompletionRequest): Promise<Completion> {
    this.throwIfCancelled();
    const sampling = this.options.sampling?.optimizer;
    const sample = request.sample ?? 0;
    const key = callKey(this.optimizerModel, request.system, request.prompt, sampling, sample);
    const result = await this.obtain(
      'optimizer',
      this.optimizerModel,
      key,
      request.system,
      request.prompt,
      sampling,
      sample,
    );
    this.ledger.countOptimizerCompletion();
    this.events.emit({ type: 'budget-updated', spend: this.spend() });
    if (result.error !== undefined) throw result.error;
    return result.completion;
  }

  private async runRollout(task: Task, request: RolloutRequest): Promise<Rollout> {
    const sampling = this.options.sampling?.task;
    const system = request.systemPrompt;
    const user = task.toUserMessage(request.example);
    const key = callKey(this.taskModel, system, user, sampling, request.sample);
    const started = this.clock.now();
    const { completion, error } = await this.obtain(
      'task',
      this.taskModel,
      key,
      system,
      user,
      sampling,
      request.sample,
    );
    if (error !== undefined) {
      const failed: FailedRollout = {
        status: 'failed',
        candidateId: request.candidateId,
        exampleId: request.example.id,
        sample: request.sample,
        error: `provider error: ${error.message}`,
        usage: { inputTokens: undefined, outputTokens: undefined },
        latencyMs: this.clock.now() - started,
        source: 'call',
      };
      this.events.emit({ type: 'rollout-failed', rollout: failed });
      return failed;
    }
    let rollout: ScoredRollout;
    {
      const verdict = await scoreSafely(task, request, completion.text);
      rollout = {
        candidateId: request.candidateId,
        exampleId: request.example.id,
        sample: request.sample,
        response: completion.text,
        score: verdict.score,
        feedback: verdict.feedback,
        ...(verdict.extracted === undefined ? {} : { extracted: verdict.extracted }),
        ...(verdict.failure === undefined ? {} : { failure: verdict.failure }),
        usage: completion.usage,
        latencyMs: completion.latencyMs,
        source: completion.source,
      };
    }
    this.options.sink?.record(rollout, { systemPromptHash: sha256(system), callKey: key });
    this.events.emit({ type: 'rollout-finished', rollout });
    return rollout;
  }

  /**
   * Finds a completion in the run log, then the shared cache, else calls the model with retries.
   * Returns the error (a ModelCallError after retries) instead of throwing it, so the caller decides
   * whether it is per-example data (rollouts) or a failed proposal (optimizer).
   */
  private async obtain(
    role: Role,
    model: ModelHandle,
    key: string,
    system: string,
    prompt: string,
    sampling: SamplingSettings | undefined,
    sample: number,
  ): Promise<
    { completion: Completion; error?: undefined } | { completion?: undefined; error: ModelCallError }
  > {
    const logged = this.store.getFromRun(key);
    if (logged !== undefined) {
      this.ledger.recordReuse(role, 'replay');
      return { completion: { ...logged, source: 'replay', latencyMs: 0 } };
    }
    if (this.options.useSharedCache !== false) {
      const cached = this.store.getShared(key);
      if (cached !== undefined) {
        this.ledger.recordReuse(role, 'cache');
        this.store.putInRun(key, role, cached);
        return { completion: { ...cached, source: 'cache', latencyMs: 0 } };
      }
    }
    const seed = model.supportsSeed ? seed32(sampling?.seed ?? 0, sample) : undefined;
    for (let attempt = 0; ; attempt++) {
      this.throwIfCancelled();
      this.breaker.check();
      this.ledger.assertCostAvailable();
      const outcome = await this.semaphore.run(async () => {
        this.throwIfCancelled();
        // Checked again once a slot is ours: calls queued behind the limit must not cross it either,
        // nor go out to a model the breaker has given up on.
        this.breaker.check();
        this.ledger.assertCostAvailable();
        await this.limiters
          .get(model.provider)
          ?.acquire(estimateTokens(system, prompt, sampling), this.options.signal);
        const started = this.clock.now();
        try {
          const result = await callModel(model, {
            system,
            prompt,
            ...(sampling === undefined ? {} : { sampling }),
            ...(seed === undefined ? {} : { seed }),
            ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
            timeoutMs: this.options.timeoutMs ?? 120_000,
            ...(this.options.stream === undefined ? {} : { stream: this.options.stream }),
          });
          const wall = this.clock.now() - started;
          const price = (this.options.price ?? defaultPrice)(model, result.usage);
          this.ledger.recordCall(role, result.usage, price, wall);
          return { ok: true as const, completion: { text: result.text, usage: result.usage }, wall };
        } catch (error) {
          this.throwIfCancelled();
          const failure = error instanceof ModelCallError ? error : ModelCallError.from(error);
          return { ok: false as const, failure };
        }
      });
      if (outcome.ok) {
        this.breaker.recordSuccess(model.id);
        this.store.putInRun(key, role, outcome.completion);
        if (this.options.useSharedCache !== false) this.store.putShared(key, outcome.completion);
        return { completion: { ...outcome.completion, source: 'call', latencyMs: outcome.wall } };
      }
      const failure = outcome.failure;
      this.breaker.recordFailure(model.id, failure.message, failure.status);
      if (!failure.retryable || attempt >= this.retry.maxRetries) {
        this.ledger.recordFailure(role);
        return { error: failure };
      }
      const delayMs = retryDelayMs(this.retry, attempt + 1, this.random, failure.retryAfterMs);
      this.events.emit({ type: 'call-retry', attempt: attempt + 1, delayMs, reason: failure.message });
      const signal =
        this.options.signal === undefined
          ? this.breaker.signal
          : AbortSignal.any([this.options.signal, this.breaker.signal]);
      try {
        await this.clock.sleep(delayMs, signal);
      } catch {
        this.throwIfCancelled();
        this.breaker.check();
      }
    }
  }

  /** The run's circuit breaker (shared with the engines made from the same options). */
  get circuitBreaker(): CircuitBreaker {
    return this.breaker;
  }

  private throwIfCancelled(): void {
    if (this.options.signal?.aborted) {
      this.options.sink?.flush();
      throw new CancelledError('cancelled: in-flight calls abandoned; everything finished so far is kept');
    }
  }
}

/**
 * A scorer that throws must not crash the run: the rollout scores 0 with the reason. A scorer that
 * returns a malformed verdict is a bug in the scorer that would corrupt every result, so it fails the
 * run with a SepoError naming the scorer (see `checkVerdict`).
 */
async function scoreSafely(task: Task, request: RolloutRequest, response: string): Promise<ScoreResult> {
  let verdict: unknown;
  try {
    verdict = await task.scorer.score(request.example, response);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { score: 0, feedback: `The scorer failed: ${reason}`, failure: `scorer error: ${reason}` };
  }
  const checked = checkVerdict(task, request.example.id, verdict);
  const score = Number.isFinite(checked.score) ? Math.min(1, Math.max(0, checked.score)) : 0;
  return { ...checked, score };
}

/**
 * The boundary check of a scorer's verdict, which may come from user code: `score` must be a number
 * (NaN and ±Infinity are scored 0, as before), `feedback` a string (missing or null becomes ""),
 * `extracted` and `failure` strings when present (null is taken as absent).
 */
export function checkVerdict(task: Task, exampleId: string, verdict: unknown): ScoreResult {
  const bad = (what: string): SepoError =>
    new SepoError(
      `scorer "${task.scorer.name}" of task ${task.id} ${what} for example ${exampleId}; a scorer returns { score: number in [0, 1], feedback?: string, extracted?: string }`,
    );
  if (verdict === null || typeof verdict !== 'object') throw bad(`returned ${describe(verdict)}`);
  const v = verdict as Record<string, unknown>;
  if (typeof v.score !== 'number')
    throw bad(v.score === undefined ? 'returned no score' : `returned score ${describe(v.score)}`);
  const optionalText = (name: string): string | undefined => {
    const value = v[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw bad(`returned ${name} ${describe(value)} (not a string)`);
    return value;
  };
  const feedback = optionalText('feedback') ?? '';
  const extracted = optionalText('extracted');
  const failure = optionalText('failure');
  return {
    score: v.score,
    feedback,
    ...(extracted === undefined ? {} : { extracted }),
    ...(failure === undefined ? {} : { failure }),
  };
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}" (a string)`;
  if (value === undefined) return 'nothing';
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return json === undefined ? `a ${typeof value}` : json.length > 40 ? `${json.slice(0, 40)}...` : json;
}

function estimateTokens(system: string, prompt: string, sampling: SamplingSettings | undefined): number {
  return Math.ceil((system.length + prompt.length) / 4) + (sampling?.maxOutputTokens ?? 512);
}
