import { ConfigError } from '../errors.js';

/** A parsed `sim:` model string: the world (a built-in name or a .json path) and options. */
export interface SimModelSpec {
  readonly world: string;
  readonly latencyMs: number | undefined;
}

export const SIM_OPTIONS: readonly string[] = ['latency'];

/**
 * Parses what follows "sim:": `<world>[?option=value&...]`, e.g. `demo?latency=100`. `option` names the
 * flag in errors. Only `latency` (milliseconds, >= 0) is accepted: the world seed lives in the world
 * file, because tasks loaded from the same world must see the same examples as the model.
 */
export function parseSimModelString(rest: string, option = 'model'): SimModelSpec {
  const q = rest.indexOf('?');
  const world = (q < 0 ? rest : rest.slice(0, q)).trim();
  if (world === '')
    throw new ConfigError(option, `"sim:${rest}" names no world; expected sim:<world>[?latency=<ms>]`);
  let latencyMs: number | undefined;
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      if (key !== 'latency') {
        throw new ConfigError(
          option,
          `unknown sim option "${key}" in "sim:${rest}"; known: ${SIM_OPTIONS.join(', ')}`,
        );
      }
      const ms = Number(value);
      if (value === '' || !Number.isFinite(ms) || ms < 0) {
        throw new ConfigError(
          option,
          `sim option latency must be a number of milliseconds >= 0, got "${value}"`,
        );
      }
      latencyMs = ms;
    }
  }
  return { world, latencyMs };
}
