/** The keyword arguments of one instruction, as in the benchmark files (`kwargs[i]`). */
export type Kwargs = Readonly<Record<string, unknown>>;

/** The outcome of one verifier on one response: `detail` says what was measured, in actionable words. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * One verifiable instruction. `describe` states the constraint (it also validates the kwargs: a missing
 * or malformed argument throws an `InstructionArgError`); `check` is a pure function of the response,
 * the kwargs and the original prompt.
 */
export interface InstructionVerifier {
  readonly id: string;
  describe(kwargs: Kwargs): string;
  check(response: string, kwargs: Kwargs, prompt: string): CheckResult;
}

/** A missing or malformed instruction argument; the task loader turns it into a DataError. */
export class InstructionArgError extends Error {
  constructor(
    readonly arg: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'InstructionArgError';
  }
}

export function ok(detail: string): CheckResult {
  return { ok: true, detail };
}

export function fail(detail: string): CheckResult {
  return { ok: false, detail };
}

export function verdict(passed: boolean, detail: string): CheckResult {
  return { ok: passed, detail };
}

export function numArg(kwargs: Kwargs, name: string): number {
  const value = kwargs[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InstructionArgError(name, `expected a number, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

export function strArg(kwargs: Kwargs, name: string): string {
  const value = kwargs[name];
  if (typeof value !== 'string' || value === '') {
    throw new InstructionArgError(
      name,
      `expected a non-empty string, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
}

export function strListArg(kwargs: Kwargs, name: string): string[] {
  const value = kwargs[name];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new InstructionArgError(
      name,
      `expected a list of strings, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value as string[];
}

export type Relation = 'less than' | 'at least';

export function relationArg(kwargs: Kwargs, name: string): Relation {
  const value = kwargs[name];
  if (value !== 'less than' && value !== 'at least') {
    throw new InstructionArgError(
      name,
      `expected "less than" or "at least", got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
}

export function compare(actual: number, relation: Relation, threshold: number): boolean {
  return relation === 'less than' ? actual < threshold : actual >= threshold;
}

/** "fewer than 5" / "at least 5", for descriptions. */
export function relationText(relation: Relation, threshold: number): string {
  return relation === 'less than' ? `fewer than ${threshold}` : `at least ${threshold}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A short quotation of a piece of text for feedback. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** Declares a verifier; keeps registry files short. */
export function verifier(
  id: string,
  describe: (kwargs: Kwargs) => string,
  check: (response: string, kwargs: Kwargs, prompt: string) => CheckResult,
): InstructionVerifier {
  return { id, describe, check };
}

/** A verifier with no arguments: a fixed description and a yes/no check with one failure text. */
export function fixedVerifier(
  id: string,
  text: string,
  check: (response: string) => boolean,
  failText: string,
): InstructionVerifier {
  return verifier(
    id,
    () => text,
    (response) => {
      const ok = check(response);
      return verdict(ok, ok ? 'followed' : failText);
    },
  );
}
