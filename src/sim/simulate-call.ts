import { type AgentOutcome, simulateAgentCall } from './prompt-agent.js';
import type { SimWorld } from './sim-world.js';
import { simulateTaskCall, type TaskOutcome } from './task-response.js';
import type { SimExample } from './world-task.js';

/** A model call reduced to what the sim reads: system text, user text, sample identity. */
export interface SimCall {
  readonly system: string;
  /** The last user message: a task call when it is a known example's user message. */
  readonly lastUser: string;
  /** All non-system text, for prompt-writing requests (computed only when needed). */
  readonly allText: () => string;
  readonly seed: number | undefined;
}

export type SimCallResult =
  | { readonly kind: 'task'; readonly example: SimExample; readonly outcome: TaskOutcome }
  | { readonly kind: 'agent'; readonly outcome: AgentOutcome };

/**
 * Dispatches a call: a known example's user message, alone or after an instruction and a blank line,
 * is a task call; anything else is a prompt-writing request answered by the simulated prompt agent.
 */
export function simulateCall(world: SimWorld, call: SimCall): SimCallResult {
  const ex = world.index.byUserMessage(call.lastUser) ?? world.index.byUserMessage(call.lastUser.trim());
  if (ex !== undefined) {
    return { kind: 'task', example: ex, outcome: simulateTaskCall(world, call.system, ex, call.seed) };
  }
  const instructed = splitInstruction(world, call.lastUser);
  if (instructed !== undefined) {
    // A user-prompt instruction before the example (MetaSPO's inner loop) acts like system instructions.
    const system = `${call.system}\n\n${instructed.instruction}`;
    const outcome = simulateTaskCall(world, system, instructed.example, call.seed);
    return { kind: 'task', example: instructed.example, outcome };
  }
  return { kind: 'agent', outcome: simulateAgentCall(world, call.system, call.allText(), call.seed) };
}

/** `instruction + "\n\n" + <a known example's user message>`: the instruction and the example. */
function splitInstruction(
  world: SimWorld,
  text: string,
): { instruction: string; example: SimExample } | undefined {
  for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n', at + 1)) {
    const example = world.index.byUserMessage(text.slice(at + 2));
    if (example !== undefined) return { instruction: text.slice(0, at).trim(), example };
  }
  return undefined;
}

/** Convenience for tests and research: the response text to (system, user) with sample identity `seed`. */
export function simulateText(world: SimWorld, system: string, user: string, seed?: number): string {
  const result = simulateCall(world, { system, lastUser: user, allText: () => user, seed });
  return result.outcome.text;
}
