import { ConfigError } from '../errors.js';

/*
 * Settings as named values with their definitions: what the CLI parses from flags and config files,
 * and what the use cases (optimize, compare, ...) read. The CLI derives its flags from these
 * definitions; the library API passes the same names.
 */

export type OptionKind = 'string' | 'int' | 'number' | 'boolean';

export interface OptionDef {
  readonly name: string;
  readonly kind: OptionKind;
  readonly description: string;
  /** Lower bound for numbers (inclusive). */
  readonly min?: number;
  /** Upper bound for numbers (inclusive). */
  readonly max?: number;
  /** Allowed values for strings. */
  readonly choices?: readonly string[];
  /** May come from sepo.config.{json,yaml} (default true). */
  readonly configurable?: boolean;
  /**
   * The value when none is given: the one place a default is written. Readers (`Options`) return it,
   * `--help` shows it, the library API inherits it.
   */
  readonly default?: OptionValue;
}

export type OptionValue = string | number | boolean;
export type ParsedOptions = Readonly<Record<string, OptionValue | undefined>>;

/** Validates and converts one raw value; `where` names the flag or config key in errors. */
export function convertOption(def: OptionDef, raw: unknown, where: string): OptionValue {
  switch (def.kind) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      throw new ConfigError(where, `expected true or false, got ${JSON.stringify(raw)}`);
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        throw new ConfigError(where, `expected a string, got ${JSON.stringify(raw)}`);
      const value = String(raw);
      if (def.choices !== undefined && !def.choices.includes(value)) {
        throw new ConfigError(where, `expected one of ${def.choices.join(', ')}, got "${value}"`);
      }
      return value;
    }
    case 'int':
    case 'number': {
      const text = String(raw).trim();
      const value = typeof raw === 'number' ? raw : text === '' ? Number.NaN : Number(text);
      const isInt = def.kind === 'int';
      if (!Number.isFinite(value) || (isInt && !Number.isInteger(value))) {
        throw new ConfigError(where, `expected ${isInt ? 'an integer' : 'a number'}, got "${String(raw)}"`);
      }
      if (def.min !== undefined && value < def.min)
        throw new ConfigError(where, `must be >= ${def.min}, got ${value}`);
      if (def.max !== undefined && value > def.max)
        throw new ConfigError(where, `must be <= ${def.max}, got ${value}`);
      return value;
    }
  }
}

/** Typed accessors over parsed options; `required` names the missing flag in its error. */
export class Options {
  private readonly defaults: ReadonlyMap<string, OptionValue>;
  /** `defs`: the definitions of the settings read here; their defaults apply to names not given. */
  constructor(
    private readonly values: ParsedOptions,
    defs: readonly OptionDef[] = [],
  ) {
    this.defaults = new Map(
      defs.flatMap((d) => (d.default === undefined ? [] : [[d.name, d.default] as const])),
    );
  }
  /** Whether the setting was given (a default does not count). */
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }
  private value(name: string): OptionValue | undefined {
    return this.values[name] ?? this.defaults.get(name);
  }
  string(name: string): string | undefined {
    const v = this.value(name);
    return typeof v === 'string' ? v : undefined;
  }
  number(name: string): number | undefined {
    const v = this.value(name);
    return typeof v === 'number' ? v : undefined;
  }
  boolean(name: string): boolean | undefined {
    const v = this.value(name);
    return typeof v === 'boolean' ? v : undefined;
  }
  /** A number setting that has a default: the value given, else the default. */
  numberOrDefault(name: string): number {
    const v = this.number(name);
    if (v === undefined)
      throw new Error(`setting "${name}" has no value and no default (a definition is missing)`);
    return v;
  }
  /** A string setting that has a default: the value given, else the default. */
  stringOrDefault(name: string): string {
    const v = this.string(name);
    if (v === undefined)
      throw new Error(`setting "${name}" has no value and no default (a definition is missing)`);
    return v;
  }
  requireString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new ConfigError(`--${name}`, 'is required');
    return v;
  }
  toRecord(): ParsedOptions {
    return this.values;
  }
}
