#!/usr/bin/env node
import { isSepoError } from '../errors.js';
import { redactUrlCredentials } from '../models/redact-credentials.js';
import { mergeConfig, readConfigFile } from '../run/config-file.js';
import { COMMANDS, type CommandSpec } from './commands.js';
import { helpText, parseCommandLine } from './options.js';

const USAGE = `sepo — optimize the system prompt of a language model for a task

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Run \`sepo <command> --help\` for its options. Start with:
  npx sepo optimize --task sim:demo --model sim:demo
`;

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const { sepoVersion } = await import('../run/run-context.js');
    process.stdout.write(`${sepoVersion()}\n`);
    return 0;
  }
  const command: CommandSpec | undefined = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    process.stderr.write(
      `sepo: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`,
    );
    return 2;
  }
  const parsed = parseCommandLine(command.name, rest, command.options);
  if (parsed.options.help === true) {
    process.stdout.write(helpText(command.name, command.summary, command.usage, command.options));
    return 0;
  }
  const config = command.usesConfig
    ? readConfigFile(
        process.cwd(),
        typeof parsed.options.config === 'string' ? parsed.options.config : undefined,
      )
    : undefined;
  const allKeys = new Set(COMMANDS.flatMap((c) => c.options.map((o) => o.name)));
  const options = mergeConfig(config, command.options, allKeys, parsed.options);
  return command.run(options, parsed.positionals, config);
}

// A closed pipe (e.g. `sepo export <run> | head`) is a normal way for a reader to stop.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/**
 * An error message as one printable line: control characters (raw bytes of a bad file, terminal escape
 * sequences, newlines) are shown escaped as \n, \x1b, \u009b..., so a message can neither span lines
 * nor drive the terminal; credentials in URLs are redacted.
 */
function printable(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return redactUrlCredentials(message).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isSepoError(error)) {
      process.stderr.write(`sepo: ${printable(error.message)}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sepo: internal error: ${printable(message)}\n`);
    if (process.env.SEPO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
