/**
 * Systemic failures are typed errors whose message says how to fix the problem. The CLI prints
 * `message` on one line and exits with `exitCode` (2 for bad input or configuration), no stack trace.
 * Per-example failures are never errors: they are rollouts with score 0 and a reason.
 */
export class SepoError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A flag, config key or value is wrong. `option` names it (e.g. "--concurrency"). */
export class ConfigError extends SepoError {
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

/** A data file is malformed. The message names the file, the line (1-based) and the field when known. */
export class DataError extends SepoError {
  constructor(
    readonly file: string,
    detail: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    const where = line === undefined ? file : `${file}:${line}`;
    super(`${where}: ${field === undefined ? '' : `field "${field}": `}${detail}`);
  }
}

export class MissingApiKeyError extends SepoError {
  constructor(
    readonly variable: string,
    provider: string,
  ) {
    super(`missing API key for ${provider}: set the environment variable ${variable}`);
  }
}

export class UnknownNameError extends SepoError {
  constructor(what: string, name: string, known: readonly string[]) {
    super(`unknown ${what} "${name}"; known: ${known.join(', ')}`);
  }
}

/** A budget or cost limit would be crossed: work stopped before crossing it; partial results are kept. */
export class BudgetExhaustedError extends SepoError {
  constructor(detail: string) {
    super(`budget exhausted: ${detail}`, 0);
  }
}

/** The run was cancelled (AbortSignal or Ctrl-C). Exit code 130 as for SIGINT. */
export class CancelledError extends SepoError {
  constructor(detail = 'cancelled') {
    super(detail, 130);
  }
}

export function isSepoError(e: unknown): e is SepoError {
  return e instanceof SepoError;
}
