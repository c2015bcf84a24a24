import type { PromptFeatures } from './prompt-features.js';
import type { SimWorld } from './sim-world.js';
import { sigmoid } from './text-match.js';
import type { SimExample } from './world-task.js';

/** The two independent parts of a task call's outcome. */
export interface OutcomeOdds {
  /** P(the answer is right | it is parsable) = sigmoid(logit). */
  readonly correct: number;
  /** P(the answer is unparsable): the format rate when the format behaviour is missing, else 0. */
  readonly unparsable: number;
}

/**
 * logit = base + sum of the effects of the behaviours present - length penalty - conflict penalties
 * + memorisation (boost on a quoted example, minus `elsewhere` per quoted example of the task on others).
 */
export function successLogit(world: SimWorld, f: PromptFeatures, ex: SimExample): number {
  const task = ex.task;
  const params = world.paramsOf(ex);
  let logit = params.base;
  for (const i of f.active) logit += params.effects[i] ?? 0;
  logit -= task.lengthPenalty(f.tokens);
  for (const c of task.conflicts) {
    if (f.present[c.a] === 1 && f.present[c.b] === 1) logit -= c.penalty;
  }
  if (f.leaked.size > 0) {
    if (f.leaked.has(ex)) logit += task.boost;
    else logit -= task.elsewhere * (f.leakedPerTask.get(task) ?? 0);
  }
  return logit;
}

export function outcomeOdds(world: SimWorld, f: PromptFeatures, ex: SimExample): OutcomeOdds {
  const task = ex.task;
  const formatMissing = task.formatIndex >= 0 && f.present[task.formatIndex] !== 1;
  return {
    correct: sigmoid(successLogit(world, f, ex)),
    unparsable: formatMissing ? task.unparsableRate : 0,
  };
}

/**
 * P(a response to this example under this system prompt scores 1): sigmoid(logit) times the chance
 * that the answer is parsable. `taskId` is a world task id (`arith`) or sim task id (`sim:demo/arith`).
 */
export function successProbability(
  world: SimWorld,
  taskId: string,
  systemPrompt: string,
  exampleId: string,
): number {
  const ex = world.example(taskId, exampleId);
  const odds = outcomeOdds(world, world.featuresOf(systemPrompt), ex);
  return odds.correct * (1 - odds.unparsable);
}

/** Ids of the behaviours a text contains (by their match patterns), in world order. */
export function detectBehaviours(world: SimWorld, text: string): string[] {
  return world.featuresOf(text).active.map((i) => world.behaviours[i]?.id ?? '');
}

/** Ids of the meta-behaviours (prompt-agent skills) a text contains, in world order. */
export function detectMetaBehaviours(world: SimWorld, text: string): string[] {
  return world.metaBehaviours.filter((m) => m.matcher.test(text)).map((m) => m.id);
}
