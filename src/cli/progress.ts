import { tokens } from '../run/format.js';
import type { SepoEvent } from '../spec/events.js';
import type { Spend } from '../spec/usage.js';

export interface ProgressOptions {
  readonly tty: boolean;
  readonly write: (text: string) => void;
  readonly now: () => number;
  /** Plain-mode line interval (default 5 s). */
  readonly intervalMs?: number;
}

/**
 * Renders engine events: a live bar on a TTY (done/total, rate, ETA, spend) redrawn at most every
 * 100 ms; plain periodic lines otherwise. Batches are summed into one running total.
 */
export class ProgressRenderer {
  private done = 0;
  private total = 0;
  private label = '';
  private startedAt: number;
  private lastDraw = 0;
  private spend: Spend | undefined;
  /** Tokens of rollouts since the last ledger snapshot, so the bar moves between snapshots. */
  private liveTokens = 0;
  /** Rollouts whose call failed after its retries (not scored). */
  private failed = 0;

  constructor(private readonly options: ProgressOptions) {
    this.startedAt = options.now();
  }

  handle(event: SepoEvent): void {
    switch (event.type) {
      case 'batch-started':
        this.total += event.total;
        this.label = event.label;
        this.draw(false);
        break;
      case 'rollout-finished':
        this.done++;
        if (event.rollout.source === 'call') {
          this.liveTokens += (event.rollout.usage.inputTokens ?? 0) + (event.rollout.usage.outputTokens ?? 0);
        }
        this.draw(false);
        break;
      case 'rollout-failed':
        this.done++;
        this.failed++;
        this.draw(false);
        break;
      case 'budget-updated':
        this.spend = event.spend;
        this.liveTokens = 0;
        break;
      case 'call-retry':
        this.line(`retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)}s: ${event.reason}`);
        break;
      case 'candidate-admitted':
      case 'candidate-rejected':
        if (!this.options.tty) {
          const verb = event.type === 'candidate-admitted' ? 'admitted' : 'rejected';
          this.line(
            `${event.level === 'agent' ? 'agent ' : ''}candidate ${event.candidateId} ${verb}: ${(event.score * 100).toFixed(1)}%`,
          );
        }
        break;
      case 'log':
        this.line(event.message);
        break;
      default:
        break;
    }
  }

  /** Clears the live line (call before printing results). */
  finish(): void {
    if (this.options.tty && this.lastDraw > 0) this.options.write('\r\x1b[2K');
  }

  private line(text: string): void {
    if (this.options.tty) this.options.write('\r\x1b[2K');
    this.options.write(`${text}\n`);
    if (this.options.tty) this.draw(true);
  }

  private draw(force: boolean): void {
    const now = this.options.now();
    const every = this.options.tty ? 100 : (this.options.intervalMs ?? 5_000);
    if (!force && now - this.lastDraw < every && this.done !== this.total) return;
    if (!this.options.tty && this.done !== this.total && now - this.lastDraw < every) return;
    this.lastDraw = now;
    const elapsed = Math.max(1, now - this.startedAt) / 1000;
    const rate = this.done / elapsed;
    const eta = rate > 0 ? Math.max(0, (this.total - this.done) / rate) : Number.NaN;
    const s = this.spend;
    const total =
      this.liveTokens +
      (s === undefined
        ? 0
        : s.task.inputTokens + s.task.outputTokens + s.optimizer.inputTokens + s.optimizer.outputTokens);
    const usd =
      s === undefined || s.task.usd === undefined || s.optimizer.usd === undefined
        ? ''
        : `  $${(s.task.usd + s.optimizer.usd).toFixed(4)}`;
    const spend = total === 0 ? '' : `  ${tokens(total)} tok${usd}`;
    const failed = this.failed === 0 ? '' : `  ${this.failed} failed calls`;
    const status = `${this.label} ${this.done}/${this.total}${failed}  ${rate.toFixed(1)}/s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '?'}${spend}`;
    if (this.options.tty) {
      const width = 24;
      const filled = this.total === 0 ? 0 : Math.round((this.done / this.total) * width);
      this.options.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${status}`);
    } else if (this.done !== this.total || force) {
      this.options.write(`progress: ${status}\n`);
    }
  }
}
