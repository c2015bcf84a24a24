import type { Engine } from '../../engine/engine.js';
import type { Example } from '../../spec/example.js';
import type { ScoredRollout } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import { type PromptTemplates, requireTemplate } from '../../templates/load-templates.js';
import { rngFor } from '../../util/rng.js';
import type { Candidate } from '../framework/candidate.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import { budgetStop, firstStop, rolloutBudget, type StopOutcome } from '../framework/stop-conditions.js';

/**
 * A baseline's prompt template without its version header: leading lines starting with "#" name the
 * template and its version for people; they are never sent to a model.
 */
export function baselineTemplate(templates: PromptTemplates, name: string): string {
  return requireTemplate(templates, name);
}

export { type AgentAnswer, askAgent } from '../framework/ask-agent.js';

export function emitProposed(engine: Engine, child: Candidate): void {
  engine.events.emit({
    type: 'candidate-proposed',
    candidateId: child.id,
    parentId: child.parentId,
    generation: child.generation,
    prompt: child.prompt,
    level: 'task',
  });
}

export function emitVerdict(
  engine: Engine,
  child: Candidate,
  admitted: boolean,
  score: number,
  parentScore: number | undefined,
): void {
  engine.events.emit({
    type: admitted ? 'candidate-admitted' : 'candidate-rejected',
    candidateId: child.id,
    score,
    parentScore,
    level: 'task',
  });
}

/**
 * The reason to stop before step `step`, from the context's stop conditions (stop file, cost...) with
 * the context's rollout-budget condition replaced by this method's own step size: the context's is
 * sized for SePO's minibatch, and a baseline must stop only when its own next step does not fit.
 */
export function stopBefore(
  ctx: OptimizerContext,
  step: number,
  bestScore: number,
  perStep: number,
  stale = 0,
): StopOutcome | undefined {
  const conditions = [
    ...(ctx.stopConditions ?? []).filter((c) => c.category !== 'budget'),
    rolloutBudget(Math.max(1, perStep)),
  ];
  return firstStop(conditions, {
    generation: step,
    spend: ctx.engine.spend(),
    remainingRollouts: ctx.engine.remainingRollouts(),
    bestScore,
    stale,
  });
}

/** A budget stop (--budget or --max-cost) becomes the stop outcome; anything else propagates. */
export function budgetStopReason(error: unknown): StopOutcome {
  return budgetStop(error);
}

/** Awaits every promise (so no work is left running), then rethrows the first failure. */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

export function exampleById(examples: readonly Example[], id: string): Example {
  const found = examples.find((e) => e.id === id);
  if (found === undefined) throw new Error(`example ${id} is not in the evaluated set`);
  return found;
}

function tail(text: string, chars: number): string {
  return text.length <= chars ? text : `[...]${text.slice(text.length - chars)}`;
}

/** One evaluated example as the prompt agent reads it: input, response (its end), scorer feedback. */
export function renderRollout(
  task: Task,
  example: Example,
  rollout: ScoredRollout,
  options: { readonly responseChars?: number } = {},
): string {
  const verdict = rollout.score >= 1 ? 'CORRECT' : 'WRONG';
  return [
    `<example id="${example.id}" verdict="${verdict}">`,
    `Input: ${tail(task.toUserMessage(example), 800)}`,
    `Model response: ${tail(rollout.response, options.responseChars ?? 600)}`,
    `Scorer feedback: ${rollout.feedback}`,
    '</example>',
  ].join('\n');
}

/**
 * Batches over the training set in epochs: each epoch a new seeded shuffle, consumed `size` at a time
 * (TextGrad's shuffled DataLoader, GEPA's epoch-shuffled batch sampler). A batch never repeats an
 * example; one straddling two epochs takes the rest of one and the start of the next.
 */
export class EpochBatches {
  private readonly epochs = new Map<number, readonly Example[]>();

  constructor(
    private readonly examples: readonly Example[],
    private readonly size: number,
    private readonly seed: number,
    private readonly label: string,
  ) {}

  batch(step: number): readonly Example[] {
    const n = this.examples.length;
    if (n <= this.size) return this.examples;
    const out: Example[] = [];
    const seen = new Set<string>();
    for (let at = step * this.size; out.length < this.size; at++) {
      const epoch = Math.floor(at / n);
      const item = this.epoch(epoch)[at % n];
      if (item !== undefined && !seen.has(item.id)) {
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }

  private epoch(e: number): readonly Example[] {
    let order = this.epochs.get(e);
    if (order === undefined) {
      order = rngFor(this.seed, `${this.label}:epoch${e}`).shuffle(this.examples);
      this.epochs.set(e, order);
    }
    return order;
  }
}

/** The task with a user-prompt instruction before each example's user message (MetaSPO's inner level). */
export function withInstruction(task: Task, instruction: string): Task {
  const trimmed = instruction.trim();
  return {
    id: task.id,
    description: task.description,
    kind: task.kind,
    domain: task.domain,
    splits: task.splits,
    defaultSystemPrompt: task.defaultSystemPrompt,
    scorer: task.scorer,
    toUserMessage: (example) =>
      trimmed === '' ? task.toUserMessage(example) : `${trimmed}\n\n${task.toUserMessage(example)}`,
  };
}
