export interface DownloadProgressOptions {
  /** Where progress goes (the CLI passes stderr). */
  readonly write: (text: string) => void;
  /** A live bar redrawn in place; otherwise one line at the start and one at the end. */
  readonly tty: boolean;
  readonly now?: () => number;
}

/** Progress of one download: bytes (for files) or rows (for row pages). */
export interface DownloadProgress {
  update(done: number, total: number | undefined): void;
  finish(summary: string): void;
}

export function formatBytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

/**
 * A progress bar on a TTY (`gsm8k/train.jsonl [#######-------] 52% 3.9k/7.5k rows`), redrawn at
 * most every 100 ms; plain start/finish lines otherwise (logs, CI).
 */
export function createDownloadProgress(
  label: string,
  unit: 'bytes' | 'rows',
  options: DownloadProgressOptions,
): DownloadProgress {
  const now = options.now ?? Date.now;
  let last = 0;
  const amount = (n: number): string => (unit === 'bytes' ? formatBytes(n) : `${n} rows`);
  if (!options.tty) options.write(`downloading ${label}\n`);
  return {
    update(done, total) {
      if (!options.tty) return;
      const t = now();
      if (t - last < 100 && (total === undefined || done < total)) return;
      last = t;
      const width = 24;
      if (total !== undefined && total > 0) {
        const frac = Math.min(1, done / total);
        const filled = Math.round(frac * width);
        options.write(
          `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(frac * 100)}% ${amount(done)}/${amount(total)}\u001b[K`,
        );
      } else {
        options.write(`\r${label} ${amount(done)}\u001b[K`);
      }
    },
    finish(summary) {
      options.write(options.tty ? `\r${label}: ${summary}\u001b[K\n` : `downloaded ${label}: ${summary}\n`);
    },
  };
}
