import { ConfigError } from '../errors.js';
import type { RunRecord } from '../store/index.js';
import type { OptionValue, ParsedOptions } from './settings.js';

/**
 * Flags a resume may change: where results go, limits and speed. None changes what a call asks or how
 * a result is computed, so the calls the run already made are replayed as before.
 */
export const RESUMABLE_FLAGS: readonly string[] = [
  'out',
  'budget',
  'max-cost',
  'concurrency',
  'json',
  'quiet',
];

/** Flags about this invocation rather than the run (where the store is, what to print at the end). */
const INVOCATION_FLAGS: readonly string[] = ['resume', 'store', 'config', 'help', 'report', 'allow-failures'];

/**
 * The options of `sepo <kind> --resume <run>`: the run's stored options, with the resumable flags given
 * now (`--json`/`--quiet` always from now). Refuses, with one line, a run of another command and any
 * other flag whose value differs from the stored one.
 */
export function resumedOptions(kind: string, record: RunRecord, parsed: ParsedOptions): ParsedOptions {
  if (record.kind !== kind) {
    throw new ConfigError(
      '--resume',
      `run ${record.id} was started by \`sepo ${record.kind}\`, not \`sepo ${kind}\`; resume it with: sepo ${record.kind} --resume ${record.id}`,
    );
  }
  const stored = (record.config ?? {}) as ParsedOptions;
  for (const [name, value] of Object.entries(parsed)) {
    if (value === undefined || RESUMABLE_FLAGS.includes(name) || INVOCATION_FLAGS.includes(name)) continue;
    if (stored[name] === value) continue;
    throw new ConfigError(
      `--${name}`,
      `cannot be changed on --resume (run ${record.id} was started with ${flagText(name, stored[name])}); a resume may change only ${RESUMABLE_FLAGS.map((f) => `--${f}`).join(', ')}; drop the flag, or start a new run`,
    );
  }
  const changed: Record<string, OptionValue | undefined> = {};
  for (const name of RESUMABLE_FLAGS) if (parsed[name] !== undefined) changed[name] = parsed[name];
  return { ...stored, ...changed, json: parsed.json, quiet: parsed.quiet };
}

function flagText(name: string, value: OptionValue | undefined): string {
  if (value === undefined) return `no --${name}`;
  if (value === true) return `--${name}`;
  if (value === false) return `--no-${name}`;
  return `--${name} ${String(value)}`;
}
