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

/** The run was cancelled (AbortSignal, Ctrl-C or SIGTERM). Exit code 130 as for SIGINT (143 for SIGTERM). */
export class CancelledError extends SepoError {
  constructor(detail = 'cancelled', exitCode = 130) {
    super(detail, exitCode);
  }
}

export function isSepoError(e: unknown): e is SepoError {
  return e instanceof SepoError;
}

/** Exit code of a run the circuit breaker stopped (sysexits' EX_TEMPFAIL: try again later with --resume). */
export const EXIT_PROVIDER_UNAVAILABLE = 75;

/**
 * A model failed persistently (the circuit breaker opened): the run stopped, everything it had is kept,
 * and `--resume` retries what failed once the endpoint is back.
 */
export class ProviderUnavailableError extends SepoError {
  constructor(
    readonly model: string,
    readonly reason: string,
    readonly lastError: string,
  ) {
    super(`model ${model} is failing (${reason}); last error: ${lastError}`, EXIT_PROVIDER_UNAVAILABLE);
  }
}

/** Exit code of a run whose results are printed but more of whose rollouts failed than --allow-failures accepts. */
export const EXIT_TOO_MANY_FAILURES = 3;
