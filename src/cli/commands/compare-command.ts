import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  countedFailures,
  DEFAULT_ALLOWED_FAILURE_SHARE,
  excessiveFailures,
  failureWarnings,
} from '../../engine/call-failures.js';
import { ConfigError, EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import { DEFAULT_COMPARE_METHODS, parseMethods, runComparison } from '../../run/compare.js';
import { renderCompareMarkdown } from '../../run/compare-table.js';
import type { ConfigFile } from '../../run/config-file.js';
import { METHODS, methodOptions } from '../../run/methods.js';
import { SELECT_OPTIONS } from '../../run/select-training-set.js';
import { withRun } from '../cli-run.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';
import { writeRunReport } from '../write-run-report.js';

export { DEFAULT_COMPARE_METHODS, parseMethods, runComparison } from '../../run/compare.js';

export type { CompareResult, CompareRow, CompareRun } from '../../run/compare-table.js';
export { renderCompareMarkdown, summarizeRuns } from '../../run/compare-table.js';

export const COMPARE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'methods',
    kind: 'string',
    description: `comma-separated methods (default ${DEFAULT_COMPARE_METHODS.join(',')}; known: ${METHODS.map((m) => m.name).join(', ')}); manual is always run as the reference`,
  },
  { name: 'seeds', kind: 'int', min: 1, description: 'seeds per method: --seed, --seed+1, ... (default 5)' },
  {
    name: 'charge-one-time',
    kind: 'boolean',
    description:
      "count one-time work (SePO's pre-training, MetaSPO's meta-training on a pool) against --budget, to compare at equal total spend (default: its own budget line)",
  },
  { name: 'out', kind: 'string', description: 'also write the Markdown table to this file' },
  {
    name: 'report',
    kind: 'boolean',
    description: 'write the HTML report to <store>/<run>.report.html at the end (default; --no-report skips)',
  },
  ...methodOptions(),
  ...SELECT_OPTIONS,
  ...ENGINE_OPTIONS,
];

export async function compareCommand(parsed: ParsedOptions, config: ConfigFile | undefined): Promise<number> {
  const { prepareTaskFromOptions } = await import('../../run/prepare-task.js');
  const outcome = await withRun('compare', parsed, config, async (ctx) => {
    const budget = ctx.options.number('budget');
    if (budget === undefined)
      throw new ConfigError('--budget', 'is required: task-model rollouts each method may use per seed');
    const count = ctx.options.number('seeds') ?? 5;
    return runComparison(ctx, await prepareTaskFromOptions(ctx.options, ctx.engine), {
      methods: parseMethods(ctx.options.string('methods')),
      seeds: Array.from({ length: count }, (_, i) => ctx.seed + i),
      budget,
      chargeOneTime: ctx.options.boolean('charge-one-time') === true,
    });
  });
  const result = outcome.result;
  if (result === undefined) return 1;
  const allowed = new Options(parsed).number('allow-failures') ?? DEFAULT_ALLOWED_FAILURE_SHARE;
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
