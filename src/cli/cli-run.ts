import { CancelledError } from '../errors.js';
import type { ConfigFile } from '../run/config-file.js';
import { type RunContext, type RunOutcome, type RunUi, withRun as withSession } from '../run/run-context.js';
import type { OptionDef, ParsedOptions } from '../run/settings.js';
import { ProgressRenderer } from './progress.js';

/**
 * The CLI's way of running a use case: progress and notes on stderr (unless --quiet/--json), and
 * SIGINT/SIGTERM as cancellation — the first stops cleanly and says how to resume (exit 130, or 143
 * for SIGTERM), a second quits at once.
 */
export function cliUi(): RunUi {
  const progress = new ProgressRenderer({
    tty: process.stderr.isTTY === true,
    write: (t) => process.stderr.write(t),
    now: Date.now,
  });
  return {
    onEvent: (e) => progress.handle(e),
    note: (text) => process.stderr.write(`${text}\n`),
    warn: (text) => process.stderr.write(`${text}\n`),
    finish: () => progress.finish(),
    onInterrupt: (abort) => {
      let interrupts = 0;
      // SIGTERM (kill, systemd, docker stop) stops the run like Ctrl-C; it exits 128 + 15 instead of 130.
      let terminated = false;
      const onSignal = (signal: NodeJS.Signals): void => {
        interrupts++;
        if (signal === 'SIGTERM') terminated = true;
        const code = terminated ? 143 : 130;
        if (interrupts > 1) process.exit(code);
        process.stderr.write(
          `\n${signal === 'SIGTERM' ? 'terminated' : 'interrupted'}: stopping (Ctrl-C again to quit at once)\n`,
        );
        abort(new CancelledError('cancelled', code));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      return () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      };
    },
  };
}

/** `withRun` of the use-case layer with the CLI's interface. */
export function withRun<T>(
  kind: string,
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
  body: (ctx: RunContext) => Promise<T>,
  settings: readonly OptionDef[] = [],
): Promise<RunOutcome<T>> {
  return withSession(kind, parsed, config, body, { ...cliUi(), settings });
}
