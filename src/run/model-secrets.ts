import { ConfigError } from '../errors.js';
import { hasRedactedCredentials, redactUrlCredentials } from '../models/redact-credentials.js';
import type { ParsedOptions } from './settings.js';

/** Flags that hold model strings, whose URLs may carry credentials (`http://user:pass@host`). */
const MODEL_FLAGS = ['model', 'optimizer-model', 'judge-model', 'generator-model'] as const;

/** The options with the credentials of model URLs redacted: what a run stores. */
export function redactModelFlags(values: ParsedOptions): ParsedOptions {
  const out: Record<string, ParsedOptions[string]> = { ...values };
  for (const name of MODEL_FLAGS) {
    const value = values[name];
    if (typeof value === 'string') out[name] = redactUrlCredentials(value);
  }
  return out;
}

/**
 * On --resume, the stored options have redacted model URLs: each is replaced by the one given now,
 * which must be the same URL with its credentials; without it the run cannot call its model, which is
 * one line saying to pass it.
 */
export function restoreModelFlags(
  resumed: ParsedOptions,
  given: ParsedOptions,
  runId: string,
): ParsedOptions {
  const out: Record<string, ParsedOptions[string]> = { ...resumed };
  for (const name of MODEL_FLAGS) {
    const stored = resumed[name];
    if (typeof stored !== 'string' || !hasRedactedCredentials(stored)) continue;
    const now = given[name];
    if (typeof now !== 'string' || redactUrlCredentials(now) !== stored) {
      throw new ConfigError(
        `--${name}`,
        `run ${runId} calls ${stored}, whose credentials are not stored; resume with --${name} and the same URL with its credentials`,
      );
    }
    out[name] = now;
  }
  return out;
}
