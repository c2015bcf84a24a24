import type { Example, Splits } from '../spec/example.js';
import type { Task, TaskKind } from '../spec/task.js';
import type { SyntheticGenerator } from './synthetic/generator.js';
import { GENERATORS } from './synthetic/generators.js';
import { fnv1a } from './text-match.js';
import { WORLD_DEFAULTS } from './world-defaults.js';
import type { TaskSpec } from './world-file.js';

/** Per-example parameters, drawn once from (world seed, task, example id, behaviour id). */
export interface ExampleParams {
  readonly base: number;
  /** Logit effect of each behaviour (by behaviour index) on this example; 0 when the task lists none. */
  readonly effects: Float64Array;
}

/** An example the world simulates, with its lazily drawn parameters. */
export interface SimExample {
  readonly task: WorldTask;
  readonly example: Example;
  /** 32-bit hash of (task id, example id): the example's identity in every seed. */
  readonly key: number;
  params: ExampleParams | undefined;
}

export interface CompiledConflict {
  readonly a: number;
  readonly b: number;
  readonly penalty: number;
}

const EMPTY_SPLITS: Splits = { train: [], val: [], test: [] };

/**
 * One task of a compiled world: its spec resolved against the behaviour list, and its examples
 * (generated for synthetic tasks; supplied by `attach` for external ones).
 */
export class WorldTask {
  readonly id: string;
  readonly simId: string;
  readonly generator: SyntheticGenerator | undefined;
  readonly effectMean: Float64Array;
  readonly effectSpread: Float64Array;
  /** 1 where the task lists an effect for the behaviour ("relevant to the task"). */
  readonly listed: Uint8Array;
  readonly conflicts: readonly CompiledConflict[];
  /** Behaviour index of the required answer format, or -1. */
  readonly formatIndex: number;
  readonly unparsableRate: number;
  readonly freeTokens: number;
  readonly perToken: number;
  readonly boost: number;
  readonly elsewhere: number;
  readonly pool: boolean;
  readonly keywords: readonly string[];
  private attached: Task | undefined;
  private splitsValue: Splits;
  readonly byId = new Map<string, SimExample>();

  constructor(
    readonly spec: TaskSpec,
    worldName: string,
    isDefault: boolean,
    behaviourIndex: ReadonlyMap<string, number>,
    worldConflicts: readonly CompiledConflict[],
    splits: Splits | undefined,
  ) {
    this.id = spec.id;
    this.simId = isDefault ? `sim:${worldName}` : `sim:${worldName}/${spec.id}`;
    this.generator = spec.source.kind === 'synthetic' ? GENERATORS[spec.source.generator] : undefined;
    const n = behaviourIndex.size;
    this.effectMean = new Float64Array(n);
    this.effectSpread = new Float64Array(n);
    this.listed = new Uint8Array(n);
    for (const [id, dist] of Object.entries(spec.behaviourEffects ?? {})) {
      const i = behaviourIndex.get(id);
      if (i === undefined) continue;
      this.effectMean[i] = dist.mean;
      this.effectSpread[i] = dist.spread;
      this.listed[i] = 1;
    }
    const own = (spec.conflicts ?? []).map((c) => ({
      a: behaviourIndex.get(c.between[0]) ?? -1,
      b: behaviourIndex.get(c.between[1]) ?? -1,
      penalty: c.penalty,
    }));
    this.conflicts = [...worldConflicts, ...own];
    this.formatIndex = spec.format === undefined ? -1 : (behaviourIndex.get(spec.format.behaviour) ?? -1);
    this.unparsableRate = spec.format?.unparsableRate ?? 0;
    const length = spec.length ?? WORLD_DEFAULTS.task.length;
    this.freeTokens = length.freeTokens;
    this.perToken = length.perToken;
    const memo = spec.memorisation ?? WORLD_DEFAULTS.task.memorisation;
    this.boost = memo.boost;
    this.elsewhere = memo.elsewhere;
    this.pool = spec.pool ?? WORLD_DEFAULTS.task.pool;
    this.keywords = [
      ...(spec.keywords ?? []),
      ...(this.generator?.keywords ?? []),
      ...spec.id.split('-'),
      ...(spec.domain ?? this.generator?.domain ?? '').split('-'),
    ]
      .map((k) => k.toLowerCase())
      .filter((k) => k.length > 2);
    this.splitsValue = splits ?? EMPTY_SPLITS;
    this.index();
  }

  get external(): boolean {
    return this.spec.source.kind === 'external';
  }

  /** For an external task: the attached real task (undefined until `attach`). */
  get attachedTask(): Task | undefined {
    return this.attached;
  }

  get splits(): Splits {
    return this.splitsValue;
  }

  get description(): string {
    return this.spec.description ?? this.attached?.description ?? this.generator?.description ?? this.id;
  }

  get kind(): TaskKind {
    return this.spec.kind ?? this.attached?.kind ?? this.generator?.kind ?? 'other';
  }

  get domain(): string {
    return this.spec.domain ?? this.attached?.domain ?? this.generator?.domain ?? 'general';
  }

  /** The user message of an example: the attached task's, or the raw input for synthetic tasks. */
  toUserMessage(example: Example): string {
    return this.attached === undefined ? example.input : this.attached.toUserMessage(example);
  }

  /** Attaches the real task behind an external world task: its examples get parameters by id. */
  attach(task: Task): void {
    this.attached = task;
    this.splitsValue = task.splits;
    this.byId.clear();
    this.index();
  }

  /** Logit penalty for a prompt of `tokens` tokens. */
  lengthPenalty(tokens: number): number {
    return tokens > this.freeTokens ? this.perToken * (tokens - this.freeTokens) : 0;
  }

  /** Writes an answer the way this task's responses do. */
  renderAnswer(value: string): string {
    const template = this.spec.answerTemplate ?? WORLD_DEFAULTS.task.answerTemplate;
    return template.replace('{answer}', value);
  }

  private index(): void {
    for (const split of ['train', 'val', 'test'] as const) {
      for (const example of this.splitsValue[split]) {
        this.byId.set(example.id, {
          task: this,
          example,
          key: fnv1a(`${this.id}\u0000${example.id}`),
          params: undefined,
        });
      }
    }
  }
}
