import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, DataError } from '../errors.js';
import { convertOption, type OptionDef, type OptionValue, type ParsedOptions } from './settings.js';

const CANDIDATES = ['sepo.config.json', 'sepo.config.yaml', 'sepo.config.yml'];

export interface ConfigFile {
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Finds and parses the config file: `--config <path>`, else sepo.config.{json,yaml,yml} in `cwd`. */
export function readConfigFile(cwd: string, explicit?: string): ConfigFile | undefined {
  const path = explicit ?? CANDIDATES.map((c) => join(cwd, c)).find((p) => existsSync(p));
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new DataError(path, 'config file not found or unreadable');
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new DataError(
      path,
      `not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (data === null || data === undefined) return { path, values: {} };
  if (typeof data !== 'object' || Array.isArray(data))
    throw new DataError(path, 'expected an object of option: value');
  return { path, values: data as Record<string, unknown> };
}

/**
 * Merges config-file values under command-line values. Keys are the flag names (e.g. "max-cost").
 * Keys of other commands are ignored; a key no command knows, or a bad value, is an error naming the
 * file and the key. "prices" is a table, checked by the model layer.
 */
export function mergeConfig(
  config: ConfigFile | undefined,
  defs: readonly OptionDef[],
  allKnownKeys: ReadonlySet<string>,
  flags: ParsedOptions,
): ParsedOptions {
  if (config === undefined) return flags;
  const merged: Record<string, OptionValue | undefined> = {};
  for (const [key, raw] of Object.entries(config.values)) {
    if (key === 'prices') continue;
    if (!allKnownKeys.has(key)) {
      throw new ConfigError(
        `${config.path}: "${key}"`,
        'unknown key; keys are the flag names, e.g. "concurrency", "max-cost"',
      );
    }
    const def = defs.find((d) => d.name === key);
    if (def === undefined || def.configurable === false) continue;
    merged[key] = convertOption(def, raw, `${config.path}: "${key}"`);
  }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) merged[key] = value;
  return merged;
}

/** The user's price table from the config file: { "<model id or prefix*>": { "input": usd/1M, "output": usd/1M } }. */
export function configPrices(
  config: ConfigFile | undefined,
): Record<string, { input: number; output: number }> | undefined {
  const prices = config?.values.prices;
  if (prices === undefined) return undefined;
  const where = `${config?.path}: "prices"`;
  if (prices === null || typeof prices !== 'object' || Array.isArray(prices))
    throw new ConfigError(where, 'expected an object');
  const out: Record<string, { input: number; output: number }> = {};
  for (const [model, entry] of Object.entries(prices as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null;
    if (e === null || typeof e !== 'object' || typeof e.input !== 'number' || typeof e.output !== 'number') {
      throw new ConfigError(
        `${where}."${model}"`,
        'expected { "input": <usd per 1M tokens>, "output": <usd per 1M tokens> }',
      );
    }
    out[model] = { input: e.input, output: e.output };
  }
  return out;
}
