import { SepoError, UnknownNameError } from '../errors.js';
import type { Task } from '../spec/task.js';
import { rngFor } from '../util/rng.js';
import {
  type CompiledBehaviour,
  type CompiledMetaBehaviour,
  compileBehaviour,
  compileMetaBehaviour,
} from './compiled-behaviour.js';
import { ExampleIndex } from './example-index.js';
import { generateSplits } from './generate-splits.js';
import { computeFeatures, type PromptFeatures } from './prompt-features.js';
import { mix32 } from './text-match.js';
import { WORLD_DEFAULTS } from './world-defaults.js';
import type { ResponseSpec, WorldFile } from './world-file.js';
import { type CompiledConflict, type ExampleParams, type SimExample, WorldTask } from './world-task.js';

type Filled<T> = { readonly [K in keyof T]-?: NonNullable<T[K]> };

/** Prompt-agent settings with defaults filled in. */
export interface AgentSettings {
  readonly keepRate: number;
  readonly diagnosisAccuracy: number;
  readonly explorationRate: number;
  readonly leakRate: number;
  readonly fillerSentences: number;
  readonly adviceRate: number;
  readonly combineRate: number;
  readonly generatorIncludeRate: number;
  readonly maxDiagnoses: number;
  readonly preamble: string;
  readonly agentPreamble: string;
  readonly fillers: readonly string[];
}

/** Bound on memoised prompts; the cache is dropped when it fills (prompts of a run are few). */
const FEATURE_CACHE_LIMIT = 50_000;

/**
 * A compiled world: behaviours with their matchers, tasks with their examples, and the memo caches
 * that keep a task call at a few microseconds. Everything random is a function of the world seed and
 * the identities involved, so two compilations of the same file behave identically.
 */
export class SimWorld {
  readonly name: string;
  readonly seed: number;
  readonly latencyMs: number;
  readonly behaviours: readonly CompiledBehaviour[];
  readonly metaBehaviours: readonly CompiledMetaBehaviour[];
  readonly tasks: readonly WorldTask[];
  readonly defaultTask: WorldTask;
  readonly agent: AgentSettings;
  readonly responses: Filled<ResponseSpec>;
  readonly defaultSystemPrompt: string;
  private indexValue: ExampleIndex | undefined;
  private readonly features = new Map<string, PromptFeatures>();

  constructor(
    readonly file: WorldFile,
    /** Where the world came from: `builtin:<name>` or a file path. */
    readonly source: string,
  ) {
    this.name = file.name;
    this.seed = file.seed;
    this.latencyMs = file.latencyMs ?? WORLD_DEFAULTS.latencyMs;
    this.behaviours = file.behaviours.map(compileBehaviour);
    this.metaBehaviours = (file.metaBehaviours ?? []).map(compileMetaBehaviour);
    const byId = new Map(this.behaviours.map((b) => [b.id, b.index]));
    const conflicts: CompiledConflict[] = (file.conflicts ?? []).map((c) => ({
      a: byId.get(c.between[0]) ?? -1,
      b: byId.get(c.between[1]) ?? -1,
      penalty: c.penalty,
    }));
    const splits = generateSplits(file, source);
    const defaultId = file.defaultTask ?? file.tasks[0]?.id;
    this.tasks = file.tasks.map(
      (spec) => new WorldTask(spec, file.name, spec.id === defaultId, byId, conflicts, splits.get(spec.id)),
    );
    this.defaultTask = this.tasks.find((t) => t.id === defaultId) as WorldTask;
    this.agent = { ...WORLD_DEFAULTS.promptAgent, ...file.promptAgent };
    this.responses = { ...WORLD_DEFAULTS.responses, ...file.responses };
    this.defaultSystemPrompt = file.defaultSystemPrompt ?? WORLD_DEFAULTS.defaultSystemPrompt;
  }

  /** A task by world task id (`arith`) or sim task id (`sim:demo`, `sim:demo/arith`). */
  task(id: string): WorldTask {
    const found = this.tasks.find((t) => t.id === id || t.simId === id || `sim:${this.name}/${t.id}` === id);
    if (found === undefined) {
      throw new UnknownNameError(
        `task of world "${this.name}"`,
        id,
        this.tasks.map((t) => t.id),
      );
    }
    return found;
  }

  /** An example of a task by id; throws SepoError naming the task when unknown. */
  example(taskId: string, exampleId: string): SimExample {
    const task = this.task(taskId);
    const ex = task.byId.get(exampleId);
    if (ex === undefined) {
      const hint =
        task.external && task.attachedTask === undefined ? ' (attach the external task first)' : '';
      throw new SepoError(`unknown example "${exampleId}" in task ${task.simId}${hint}`);
    }
    return ex;
  }

  get index(): ExampleIndex {
    this.indexValue ??= new ExampleIndex(this.tasks);
    return this.indexValue;
  }

  /** Features of a system prompt, memoised by its text. */
  featuresOf(prompt: string): PromptFeatures {
    let f = this.features.get(prompt);
    if (f === undefined) {
      if (this.features.size >= FEATURE_CACHE_LIMIT) this.features.clear();
      f = computeFeatures(prompt, this.behaviours, this.index);
      this.features.set(prompt, f);
    }
    return f;
  }

  /** Parameters of an example, drawn on first use from (world seed, task, example id, behaviour id). */
  paramsOf(ex: SimExample): ExampleParams {
    if (ex.params !== undefined) return ex.params;
    const task = ex.task;
    const seed = mix32(this.seed, ex.key);
    const base = task.spec.baseLogit.mean + task.spec.baseLogit.spread * rngFor(seed, '\u0000base').normal();
    const effects = new Float64Array(this.behaviours.length);
    for (const b of this.behaviours) {
      if (task.listed[b.index] === 0) continue;
      const spread = task.effectSpread[b.index] ?? 0;
      const z = spread === 0 ? 0 : rngFor(seed, b.id).normal();
      effects[b.index] = (task.effectMean[b.index] ?? 0) + spread * z;
    }
    ex.params = { base, effects };
    return ex.params;
  }

  /**
   * Attaches a real task to every world task whose source is `{kind: "external", taskId: task.id}`.
   * Returns the sim ids of the world tasks attached; throws SepoError when none refers to it.
   */
  attach(task: Task): string[] {
    const targets = this.tasks.filter(
      (t) => t.spec.source.kind === 'external' && t.spec.source.taskId === task.id,
    );
    if (targets.length === 0) {
      const known = this.tasks.flatMap((t) =>
        t.spec.source.kind === 'external' ? [t.spec.source.taskId] : [],
      );
      throw new SepoError(
        `world "${this.name}" has no external task for "${task.id}"; its external tasks: ${known.join(', ') || '(none)'}`,
      );
    }
    for (const t of targets) t.attach(task);
    this.indexValue = undefined;
    this.features.clear();
    return targets.map((t) => t.simId);
  }
}
