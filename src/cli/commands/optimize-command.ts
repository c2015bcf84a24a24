import {
  type CallFailures,
  countedFailures,
  excessiveFailures,
  failureWarnings,
} from '../../engine/call-failures.js';
import { EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import type { ConfigFile } from '../../run/config-file.js';
import { intervalText, pct, SIMULATED_BANNER, spendText } from '../../run/format.js';
import { type Interval, OPTIMIZE_OPTIONS, type OptimizeResult, optimizeOnce } from '../../run/optimize.js';
import type { Spend } from '../../spec/usage.js';
import type { PairedScoresTest } from '../../stats/paired-test-for-scores.js';
import { withRun } from '../cli-run.js';
import { Options, type ParsedOptions } from '../options.js';
import { writeRunReport } from '../write-run-report.js';

export type { OptimizeResult, TestComparison } from '../../run/optimize.js';
export { OPTIMIZE_OPTIONS } from '../../run/optimize.js';

export async function optimizeCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const { prepareTaskFromOptions } = await import('../../run/prepare-task.js');
  const outcome = await withRun(
    'optimize',
    parsed,
    config,
    async (ctx) =>
      optimizeOnce(
        ctx,
        await prepareTaskFromOptions(ctx.options, ctx.engine),
        ctx.options.stringOrDefault('method'),
      ),
    OPTIMIZE_OPTIONS,
  );
  const result = outcome.result;
  if (result === undefined) return 1;
  const report = parsed.report === false ? undefined : writeRunReport(parsed, result.runId);
  const allowed = new Options(parsed, OPTIMIZE_OPTIONS).numberOrDefault('allow-failures');
  const counts = failureCounts(result);
  process.stdout.write(
    parsed.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${[...failureWarnings(counts, allowed), renderOptimizeResult(result)].join('\n')}${report === undefined ? '' : `\nreport written to ${report}`}\n`,
  );
  return excessiveFailures(counts, allowed).length > 0 ? EXIT_TOO_MANY_FAILURES : 0;
}

/** The failed-call counts an optimize result is judged by: the optimization's task line, then each test evaluation. */
export function failureCounts(r: OptimizeResult): CallFailures[] {
  const optimization = countedFailures('optimization', r.spend.task.rollouts, r.spend.task.failures);
  return [optimization, ...r.test.callFailures];
}

const maybePct = (x: number | undefined): string => (x === undefined ? '-' : pct(x));

function maybeInterval(i: Interval | undefined, point: number | undefined): string {
  return i === undefined ? maybePct(point) : `${pct(i.mean)} [${pct(i.low)}, ${pct(i.high)}]`;
}

/** SePO's spend per stage, when the method reports it. */
function stageLines(details: OptimizeResult['details']): string[] {
  const stages = details?.method === 'sepo' ? details.spendByStage : undefined;
  if (stages === undefined) return [];
  const line = (name: string, s: Spend | undefined): string[] =>
    s === undefined
      ? []
      : [
          `  ${name}: ${s.task.rollouts} task rollouts, ${s.optimizer.calls + s.optimizer.cacheHits + s.optimizer.replayed} optimizer calls, ${s.task.usd === undefined || s.optimizer.usd === undefined ? 'cost unknown' : `$${(s.task.usd + s.optimizer.usd).toFixed(4)}`}`,
        ];
  return ['by stage:', ...line('pre-training', stages.pretrain), ...line('fine-tuning', stages.fineTune)];
}

/** Where SePO's prompt agent came from: pre-trained now, reused from the agent cache, given, or the seed. */
export function agentLine(details: OptimizeResult['details']): string[] {
  const agent = details?.method === 'sepo' ? details.agent : undefined;
  if (agent === undefined) return [];
  const pool = agent.pool?.join(', ') ?? '?';
  switch (agent.source) {
    case 'pretrained':
      return [
        `prompt agent: pre-trained now on ${pool} (${agent.pretrainCandidates?.length ?? 0} agent candidates)${agent.file === undefined ? '' : `; cached as ${agent.file}`}`,
      ];
    case 'reused':
      return [
        `prompt agent: reused ${agent.file ?? '?'} (pre-trained ${agent.provenance?.createdAt.slice(0, 10) ?? '?'} on ${pool})`,
      ];
    case 'given':
      return ['prompt agent: given (--agent)'];
    case 'seed':
      return ['prompt agent: seed (--no-self-improvement)'];
  }
}

/** How each paired test is named in the output. */
export const TEST_NAMES: Readonly<Record<PairedScoresTest['test'], string>> = {
  'mcnemar-exact': 'exact McNemar test; Newcombe interval',
  'paired-permutation': 'paired sign-flip permutation test; bootstrap interval',
};

const scoredNote = (scored: number, planned: number): string =>
  scored === planned ? '' : `  (${scored} scored of ${planned} planned: the other calls failed)`;

export function renderOptimizeResult(r: OptimizeResult): string {
  const d = r.test.difference;
  // A pass@k task (ARC-AGI-1: pass@3) is reported by its metric: k samples per test example.
  const passAt = r.test.metric !== undefined && r.test.metric !== 'accuracy';
  const samples = r.test.samples ?? 1;
  const testHead = passAt
    ? `test ${r.test.metric} (n=${r.test.n}, ${samples} samples each)`
    : `test (n=${r.test.n})`;
  const planned = r.test.n * samples;
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  const lines = [
    ...(r.simulated ? [SIMULATED_BANNER] : []),
    `sepo optimize: ${r.method} on ${r.task}, task model ${r.model}, prompt agent ${r.optimizerModel}${r.simulated ? ' (simulated)' : ''}`,
    ...agentLine(r.details),
    ...(r.selection === undefined || r.selection.method === 'all'
      ? []
      : [
          `training set (--select ${r.selection.method}): ${r.selection.chosenIds.join(', ')} of ${r.selection.available}; ${r.selection.reason}`,
        ]),
    `archive: ${r.archive.length} candidates, ${r.archive.filter((c) => c.status === 'admitted').length} admitted; best ${r.bestId} chosen by ${r.chosenBy}; stopped (${r.stopCategory ?? 'budget'}): ${r.stopReason}`,
    `               seed (Manual-CoT)              best`,
    `train          ${maybeInterval(r.intervals.train.seed, r.train.seed).padEnd(30)} ${maybeInterval(r.intervals.train.best, r.train.best)}`,
    `val (n=${String(r.val.n).padEnd(5)})  ${maybeInterval(r.intervals.val.seed, r.val.seed).padEnd(30)} ${maybeInterval(r.intervals.val.best, r.val.best)}`,
    `${testHead}: seed ${intervalText(r.test.seed)}${scoredNote(r.test.scored.seed, planned)}`,
    `${' '.repeat(`${testHead}: `.length)}best ${intervalText(r.test.best)}${scoredNote(r.test.scored.best, planned)}`,
    `difference (best - seed${passAt ? `, ${r.test.metric}` : ''}, paired over ${d.n} test examples): ${signed(d.mean)} points [95% CI ${signed(d.low)}, ${signed(d.high)}], p=${d.p.toPrecision(2)} (${TEST_NAMES[d.test]})`,
    spendText(r.spend),
    ...stageLines(r.details),
    'final prompt:',
    ...r.bestPrompt.split('\n').map((line) => `  | ${line}`),
    `final prompt written to ${r.promptFile}`,
    ...(r.agentFile === undefined ? [] : [`evolved prompt agent written to ${r.agentFile}`]),
    `run ${r.runId}`,
  ];
  return lines.join('\n');
}
