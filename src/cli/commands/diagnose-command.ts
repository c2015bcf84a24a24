import { ConfigError } from '../../errors.js';
import { renderAnalysis } from '../../p1/render-analysis.js';
import { LIMITS } from '../../run/bounds.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../../run/common-options.js';
import type { ConfigFile } from '../../run/config-file.js';
import { type DiagnoseResult, diagnoseSavedRewards, diagnoseWithModel, M_ONE } from '../../run/diagnose.js';
import { SIMULATED_BANNER, spendText } from '../../run/format.js';
import { withRun } from '../cli-run.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';

export type { DiagnoseResult } from '../../run/diagnose.js';

/** Analysis knobs shared by every way of running `sepo diagnose`. */
const ANALYSIS_OPTIONS: readonly OptionDef[] = [
  {
    name: 'k',
    kind: 'int',
    default: 2,
    min: 1,
    max: LIMITS.examples,
    description: 'K_top, the size of the training subsets searched',
  },
  {
    name: 'top',
    kind: 'int',
    min: 1,
    max: 100,
    description: 'how many of the best subsets to report (default 2)',
  },
  {
    name: 'target-ratio',
    kind: 'number',
    // A ratio must be positive (the M recommendation divides by it).
    min: 0.01,
    max: 1000,
    description: 'signal/noise ratio the M recommendation aims for (default 2)',
  },
  {
    name: 'min-ratio',
    kind: 'number',
    min: 0.01,
    max: 1000,
    description: 'below this ratio the data are noise-dominated (default 1)',
  },
  {
    name: 'noise-estimator',
    kind: 'string',
    choices: ['unbiased', 'plugin'],
    description:
      "noise estimator of the subset Score that ranks subsets (default plugin, the paper's; unbiased divides by M-1)",
  },
  {
    name: 'resamples',
    kind: 'int',
    min: 1,
    max: LIMITS.resamples,
    description: 'bootstrap resamples for the intervals (default 1000)',
  },
];

export const DIAGNOSE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  {
    name: 'generator-model',
    kind: 'string',
    description: 'model that samples the system prompts (alias of --optimizer-model)',
  },
  {
    name: 'meta-prompt',
    kind: 'string',
    description: "generator request, text or @file (default: the task's p1 meta-prompt)",
  },
  {
    name: 'candidates',
    kind: 'string',
    description: 'file of system prompts (separated by --- lines, or JSONL with "prompt")',
  },
  {
    name: 'n',
    kind: 'int',
    default: 16,
    min: 2,
    max: LIMITS.prompts,
    description: 'N, system prompts sampled from the generator',
  },
  {
    name: 'm',
    kind: 'int',
    default: 32,
    min: 1,
    max: LIMITS.samples,
    description: 'M, responses per (system prompt, example)',
  },
  {
    name: 'split',
    kind: 'string',
    default: 'train',
    choices: ['train', 'val', 'test', 'all'],
    description: 'the examples K of the tensor',
  },
  {
    name: 'limit',
    kind: 'int',
    min: 1,
    max: LIMITS.examples,
    description: 'use only the first n examples of the split',
  },
  ...ANALYSIS_OPTIONS,
  {
    name: 'rewards',
    kind: 'string',
    description: 'analyse a saved reward tensor (JSON) instead of running a model',
  },
  {
    name: 'save-rewards',
    kind: 'string',
    description: 'write the reward tensor (with example ids and prompts) to this file',
  },
  ...ENGINE_OPTIONS,
];

/** Maps --generator-model onto the engine's optimizer role, refusing two different values. */
function aliasGeneratorModel(parsed: ParsedOptions): ParsedOptions {
  const generator = parsed['generator-model'];
  if (generator === undefined) return parsed;
  const optimizer = parsed['optimizer-model'];
  if (optimizer !== undefined && optimizer !== generator) {
    throw new ConfigError(
      '--generator-model',
      `is an alias of --optimizer-model; they disagree ("${generator}" vs "${optimizer}")`,
    );
  }
  return { ...parsed, 'optimizer-model': generator };
}

export async function diagnoseCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  if (parsed.candidates !== undefined && parsed['meta-prompt'] !== undefined) {
    throw new ConfigError('--candidates', 'give either --candidates or --meta-prompt, not both');
  }
  let result: DiagnoseResult;
  const rewardsFile = typeof parsed.rewards === 'string' ? parsed.rewards : undefined;
  // Checked before a run exists: the noise term needs two responses per cell (see NOISE_NEEDS_TWO).
  if (rewardsFile === undefined && parsed.m === 1) throw new ConfigError('--m', M_ONE);
  if (rewardsFile !== undefined) {
    result = diagnoseSavedRewards(new Options(parsed, DIAGNOSE_OPTIONS), rewardsFile);
  } else {
    const outcome = await withRun(
      'diagnose',
      aliasGeneratorModel(parsed),
      config,
      (ctx) => diagnoseWithModel(ctx),
      DIAGNOSE_OPTIONS,
    );
    if (outcome.result === undefined) return 1;
    result = outcome.result;
  }
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${renderDiagnoseResult(result)}\n`);
  return 0;
}

export function renderDiagnoseResult(r: DiagnoseResult): string {
  const a = r.analysis;
  const where =
    r.source === 'rewards-file'
      ? `saved rewards ${r.rewardsFile}${r.task === undefined ? '' : ` (task ${r.task}${r.model === undefined ? '' : `, model ${r.model}`})`}`
      : `${r.task} (${r.split}), task model ${r.model}${r.simulated ? ' (simulated)' : ''}, ` +
        (r.source === 'generator'
          ? `system prompts sampled from ${r.generatorModel}`
          : 'system prompts from --candidates');
  const lines = [
    ...(r.simulated ? [SIMULATED_BANNER] : []),
    `sepo diagnose: ${where}`,
    `tensor: N = ${a.shape.prompts} system prompts x K = ${a.shape.examples} examples x M = ${Number.isInteger(a.shape.meanSamples) ? a.shape.meanSamples : a.shape.meanSamples.toPrecision(3)} responses` +
      (r.rollouts > 0 ? ` (${r.rollouts} rollouts, ${r.failedRollouts} failed)` : ''),
    renderAnalysis(a),
    ...(r.spend === undefined ? [] : ['', spendText(r.spend)]),
    ...(r.savedRewards === undefined ? [] : [`reward tensor written to ${r.savedRewards}`]),
    ...(r.runId === undefined ? [] : [`run ${r.runId}`]),
  ];
  return lines.join('\n');
}
