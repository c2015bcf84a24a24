import { pyStrip } from './python-text.js';
import type { InstructionVerifier, Kwargs } from './verifier.js';

/**
 * IFEval's two scoring modes. `strict` checks the response as is. `loose` (IFEval's upper bound) counts an
 * instruction as followed if any of eight variants passes: the response, with its first line removed,
 * with its last line removed, with both removed, and each of those with every `*` removed.
 */
export type FollowMode = 'strict' | 'loose';

export interface Constraint {
  readonly id: string;
  readonly kwargs: Kwargs;
}

export interface ConstraintOutcome {
  readonly id: string;
  /** What the instruction asks, in words. */
  readonly description: string;
  readonly followed: boolean;
  /** What was measured on the (strict) response. */
  readonly detail: string;
}

/** The eight response variants of IFEval's loose mode, in the reference order. */
export function looseVariants(response: string): string[] {
  const lines = response.split('\n');
  const removeFirst = pyStrip(lines.slice(1).join('\n'));
  const removeLast = pyStrip(lines.slice(0, -1).join('\n'));
  const removeBoth = pyStrip(lines.slice(1, -1).join('\n'));
  const noStars = (text: string): string => text.replaceAll('*', '');
  return [
    response,
    noStars(response),
    removeFirst,
    removeLast,
    removeBoth,
    noStars(removeFirst),
    noStars(removeLast),
    noStars(removeBoth),
  ];
}

function safeCheck(
  verifier: InstructionVerifier,
  response: string,
  kwargs: Kwargs,
  prompt: string,
): { ok: boolean; detail: string } {
  if (pyStrip(response) === '') return { ok: false, detail: 'the response is empty' };
  try {
    return verifier.check(response, kwargs, prompt);
  } catch (error) {
    return { ok: false, detail: `could not be checked (${(error as Error).message})` };
  }
}

/** Checks every constraint on a response; a constraint whose id has no verifier is reported as not followed. */
export function checkInstructions(
  response: string,
  constraints: readonly Constraint[],
  verifiers: ReadonlyMap<string, InstructionVerifier>,
  prompt: string,
  mode: FollowMode = 'strict',
): ConstraintOutcome[] {
  const variants = mode === 'loose' ? looseVariants(response) : [response];
  return constraints.map(({ id, kwargs }) => {
    const verifier = verifiers.get(id);
    if (verifier === undefined) {
      return { id, description: id, followed: false, detail: 'no verifier for this instruction id' };
    }
    const strict = safeCheck(verifier, response, kwargs, prompt);
    const followed = strict.ok || variants.slice(1).some((v) => safeCheck(verifier, v, kwargs, prompt).ok);
    let description: string;
    try {
      description = verifier.describe(kwargs);
    } catch {
      description = id;
    }
    return { id, description, followed, detail: strict.detail };
  });
}
