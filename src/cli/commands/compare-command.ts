import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { countedFailures, excessiveFailures, failureWarnings } from '../../engine/call-failures.js';
import { ConfigError, EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import { COMPARE_OPTIONS, parseMethods, runComparison } from '../../run/compare.js';
import { renderCompareMarkdown } from '../../run/compare-table.js';
import type { ConfigFile } from '../../run/config-file.js';
import { withRun } from '../cli-run.js';
import { Options, type ParsedOptions } from '../options.js';
import { writeRunReport } from '../write-run-report.js';

export { COMPARE_OPTIONS, DEFAULT_COMPARE_METHODS, parseMethods, runComparison } from '../../run/compare.js';

export type { CompareResult, CompareRow, CompareRun } from '../../run/compare-table.js';
export { renderCompareMarkdown, summarizeRuns } from '../../run/compare-table.js';

export async function compareCommand(parsed: ParsedOptions, config: ConfigFile | undefined): Promise<number> {
  const { prepareTaskFromOptions } = await import('../../run/prepare-task.js');
  const outcome = await withRun(
    'compare',
    parsed,
    config,
    async (ctx) => {
      const budget = ctx.options.number('budget');
      if (budget === undefined)
        throw new ConfigError('--budget', 'is required: task-model rollouts each method may use per seed');
      const count = ctx.options.numberOrDefault('seeds');
      return runComparison(ctx, await prepareTaskFromOptions(ctx.options, ctx.engine), {
        methods: parseMethods(ctx.options.string('methods')),
        seeds: Array.from({ length: count }, (_, i) => ctx.seed + i),
        budget,
        chargeOneTime: ctx.options.boolean('charge-one-time') === true,
      });
    },
    COMPARE_OPTIONS,
  );
  const result = outcome.result;
  if (result === undefined) return 1;
  const allowed = new Options(parsed, COMPARE_OPTIONS).numberOrDefault('allow-failures');
  const counts = result.runs.flatMap((run) => [
    countedFailures(
      `optimization (${run.method}, seed ${run.seed})`,
      run.spend.task.rollouts,
      run.spend.task.failures,
    ),
    run.testFailures,
  ]);
  const markdown = [...failureWarnings(counts, allowed), renderCompareMarkdown(result)].join('\n');
  const out = parsed.out;
  if (typeof out === 'string') {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${markdown}\n`);
  }
  const report = parsed.report === false ? undefined : writeRunReport(parsed, result.runId);
  process.stdout.write(
    parsed.json === true
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${markdown}\n${report === undefined ? '' : `report written to ${report}\n`}`,
  );
  return excessiveFailures(counts, allowed).length > 0 ? EXIT_TOO_MANY_FAILURES : 0;
}
