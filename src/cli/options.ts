import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';
import { convertOption, type OptionDef, type OptionValue, type ParsedOptions } from '../run/settings.js';

export type { OptionDef, OptionKind, OptionValue, ParsedOptions } from '../run/settings.js';
export { convertOption, Options } from '../run/settings.js';

export interface ParsedCommandLine {
  readonly options: ParsedOptions;
  readonly positionals: readonly string[];
}

/**
 * `--samples -5` would make node's parseArgs report an "ambiguous" argument (a value starting with
 * "-"); a negative number after a numeric flag is joined as `--samples=-5` instead, so the flag's
 * bound check says what is wrong with the value. Nothing after a `--` terminator is touched.
 */
function joinNegativeNumbers(argv: readonly string[], defs: readonly OptionDef[]): string[] {
  const numeric = new Set(
    defs.filter((d) => d.kind === 'int' || d.kind === 'number').map((d) => `--${d.name}`),
  );
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (numeric.has(arg) && next !== undefined && /^-(?:\d|\.\d|Infinity$)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * Parses argv strictly against the command's options: an unknown flag, a missing value or a bad
 * number is a ConfigError (exit 2) naming the flag. `--no-<flag>` sets a boolean flag to false.
 */
export function parseCommandLine(
  command: string,
  argv: readonly string[],
  defs: readonly OptionDef[],
): ParsedCommandLine {
  const parseOptions: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const def of defs) {
    parseOptions[def.name] = { type: def.kind === 'boolean' ? 'boolean' : 'string' };
    if (def.kind === 'boolean') parseOptions[`no-${def.name}`] = { type: 'boolean' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv, defs),
      options: parseOptions,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'bad arguments';
    const ambiguous = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous?.[1] !== undefined) {
      const value = argv[argv.indexOf(ambiguous[1]) + 1] ?? '';
      throw new ConfigError(
        ambiguous[1],
        `its value ${JSON.stringify(value)} starts with "-"; if that is the value, write ${ambiguous[1]}=${value}, else give the flag a value`,
      );
    }
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown?.[1] !== undefined) {
      throw new ConfigError(
        unknown[1],
        `unknown option for \`sepo ${command}\`; see \`sepo ${command} --help\``,
      );
    }
    const flag = /'(--?[\w-]+)/.exec(message)?.[1] ?? `sepo ${command}`;
    throw new ConfigError(flag, message.replace(/^.*?: /, '').replace(/\.$/, ''));
  }
  const options: Record<string, OptionValue | undefined> = {};
  for (const def of defs) {
    const raw = parsed.values[def.name];
    if (raw !== undefined) options[def.name] = convertOption(def, raw, `--${def.name}`);
    if (def.kind === 'boolean' && parsed.values[`no-${def.name}`] === true) options[def.name] = false;
  }
  if (parsed.values.help === true) options.help = true;
  return { options, positionals: parsed.positionals };
}

export function helpText(
  command: string,
  summary: string,
  usage: string,
  defs: readonly OptionDef[],
): string {
  const rows = defs.map((d) => {
    const flag =
      d.kind === 'boolean' ? `--${d.name}` : `--${d.name} <${d.kind === 'string' ? 'value' : d.kind}>`;
    const shown =
      d.default === undefined || /\(default/.test(d.description) ? '' : ` (default ${String(d.default)})`;
    return `  ${flag.padEnd(30)} ${d.description}${shown}`;
  });
  return `sepo ${command} — ${summary}\n\nUsage: ${usage}\n\nOptions:\n${rows.join('\n')}\n`;
}
