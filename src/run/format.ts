import type { Spend, SpendLine } from '../spec/usage.js';

export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function intervalText(i: { mean: number; low: number; high: number }): string {
  return `${pct(i.mean)} [95% CI ${pct(i.low)}, ${pct(i.high)}]`;
}

export function tokens(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(n);
}

export function usd(value: number | undefined): string {
  return value === undefined
    ? 'unknown (no price for this model; add one under "prices" in sepo.config)'
    : `$${value.toFixed(4)}`;
}

export function spendLine(name: string, line: SpendLine): string {
  const reuse =
    line.cacheHits + line.replayed > 0 ? ` (+${line.cacheHits} cached, ${line.replayed} replayed)` : '';
  const failures = line.failures > 0 ? `, ${line.failures} failed calls` : '';
  return `${name}: ${line.rollouts} rollouts, ${line.calls} calls${reuse}, ${tokens(line.inputTokens)} in / ${tokens(line.outputTokens)} out tokens, ${usd(line.usd)}${failures}`;
}

export function spendText(spend: Spend): string {
  const lines = [spendLine('task model', spend.task)];
  if (spend.optimizer.calls + spend.optimizer.cacheHits + spend.optimizer.replayed > 0) {
    lines.push(spendLine('optimizer model', spend.optimizer));
  }
  return lines.join('\n');
}

export const SIMULATED_BANNER =
  "SIMULATED: the model is sepo's simulated world (sim:), not a real language model.";
