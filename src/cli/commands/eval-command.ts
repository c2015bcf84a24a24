import { excessiveFailures, failureWarnings } from '../../engine/call-failures.js';
import { EXIT_TOO_MANY_FAILURES } from '../../errors.js';
import type { ConfigFile } from '../../run/config-file.js';
import { EVAL_OPTIONS, evaluatePrompt } from '../../run/evaluate.js';
import { intervalText, SIMULATED_BANNER, spendText } from '../../run/format.js';
import { withRun } from '../cli-run.js';
import { Options, type ParsedOptions } from '../options.js';

export type { EvalResult } from '../../run/evaluate.js';
export { EVAL_OPTIONS } from '../../run/evaluate.js';
export {
  judgeForOptions,
  loadTaskFromOptions,
  prepareTaskFromOptions,
  readPromptOption,
  splitExamples,
  taskLoadOptions,
} from '../../run/prepare-task.js';

export async function evalCommand(parsed: ParsedOptions, config: ConfigFile | undefined): Promise<number> {
  const outcome = await withRun('eval', parsed, config, (ctx) => evaluatePrompt(ctx), EVAL_OPTIONS);
  const result = outcome.result;
  if (result === undefined) return 1;
  const allowed = new Options(parsed, EVAL_OPTIONS).numberOrDefault('allow-failures');
  const code = excessiveFailures([result.callFailures], allowed).length > 0 ? EXIT_TOO_MANY_FAILURES : 0;
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return code;
  }
  const lines = [
    ...failureWarnings([result.callFailures], allowed),
    ...(result.simulated ? [SIMULATED_BANNER] : []),
    `task ${result.task} (${result.split}), model ${result.model}${result.simulated ? ' (simulated)' : ''}`,
    `accuracy ${intervalText(result.accuracy)}  n=${result.n} scored of ${result.planned} planned (${result.examples} examples x ${result.samples} samples)`,
    ...(result.passAtK === undefined
      ? []
      : [
          `pass@${result.passAtK.k} ${intervalText(result.passAtK)}${result.passAtK.incomplete > 0 ? ` (${result.passAtK.incomplete} examples with fewer than ${result.passAtK.k} samples)` : ''}`,
        ]),
    spendText(result.spend),
    `failures: ${result.failures.length}${result.failures.length > 0 ? '' : ' (none)'}`,
    ...result.failures.slice(0, 20).map((f) => `  ${f.exampleId}#${f.sample}: ${f.reason}`),
    ...(result.failures.length > 20
      ? [`  ... ${result.failures.length - 20} more (sepo export ${result.runId})`]
      : []),
    ...(result.callFailures.failed === 0
      ? []
      : [
          `failed calls (not scored; --resume retries them): ${result.callFailures.failed}`,
          ...result.callFailures.examples.map((f) => `  ${f.exampleId}#${f.sample}: ${f.error}`),
        ]),
    `run ${result.runId}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return code;
}
