import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, DataError } from '../../errors.js';
import { type AnalyzeRewardsOptions, analyzeRewards, type P1Analysis } from '../../p1/analyze-rewards.js';
import { defaultMetaPrompt, generatorSystemPrompt, withOutputConvention } from '../../p1/meta-prompt.js';
import { parseCandidatesText } from '../../p1/parse-candidates.js';
import { renderAnalysis } from '../../p1/render-analysis.js';
import { parseRewardFile, rewardFileOf } from '../../p1/reward-file.js';
import { type PromptSource, runDiagnosis } from '../../p1/run-diagnosis.js';
import type { SystemPromptSample } from '../../p1/sample-system-prompts.js';
import type { SplitName } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { NOISE_NEEDS_TWO } from '../../stats/learnability.js';
import type { NoiseEstimator } from '../../stats/variance-decomposition.js';
import { loadTemplates, type PromptTemplates } from '../../templates/load-templates.js';
import { checkPlannedRollouts, LIMITS } from '../bounds.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { SIMULATED_BANNER, spendText } from '../format.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';
import { type RunContext, withRun } from '../run-context.js';
import { prepareTaskFromOptions, readPromptOption, splitExamples } from './eval-command.js';

/** Analysis knobs shared by every way of running `sepo diagnose`. */
const ANALYSIS_OPTIONS: readonly OptionDef[] = [
  {
    name: 'k',
    kind: 'int',
    min: 1,
    max: LIMITS.examples,
    description: 'K_top, the size of the training subsets searched (default 2)',
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
    min: 2,
    max: LIMITS.prompts,
    description: 'N, system prompts sampled from the generator (default 16)',
  },
  {
    name: 'm',
    kind: 'int',
    min: 1,
    max: LIMITS.samples,
    description: 'M, responses per (system prompt, example) (default 32; at least 2 to estimate the noise)',
  },
  {
    name: 'split',
    kind: 'string',
    choices: ['train', 'val', 'test', 'all'],
    description: 'the examples K of the tensor (default train)',
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

export interface DiagnoseResult {
  readonly runId: string | undefined;
  readonly task: string | undefined;
  readonly model: string | undefined;
  readonly generatorModel: string | undefined;
  readonly simulated: boolean;
  readonly split: string | undefined;
  readonly source: 'generator' | 'candidates' | 'rewards-file';
  readonly rewardsFile: string | undefined;
  readonly metaPrompt: string | undefined;
  /** The system prompts (tensor rows) with their mean reward on all examples. */
  readonly prompts: ReadonlyArray<{ id: string; prompt: string | undefined; meanReward: number }>;
  readonly rollouts: number;
  readonly failedRollouts: number;
  readonly generatorCalls: number;
  readonly analysis: P1Analysis;
  readonly spend: Spend | undefined;
  readonly savedRewards: string | undefined;
}

function analysisOptions(options: Options, seed: number): AnalyzeRewardsOptions {
  const pick = <K extends keyof AnalyzeRewardsOptions>(
    key: K,
    value: AnalyzeRewardsOptions[K] | undefined,
  ) => (value === undefined ? {} : { [key]: value });
  return {
    ...pick('subsetSize', options.number('k')),
    ...pick('topSubsets', options.number('top')),
    ...pick('targetRatio', options.number('target-ratio')),
    ...pick('minRatio', options.number('min-ratio')),
    ...pick('noiseEstimator', options.string('noise-estimator') as NoiseEstimator | undefined),
    ...pick('resamples', options.number('resamples')),
    seed,
  };
}

function readTextFile(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataError(
      path,
      missing ? `file not found (from ${option})` : `cannot read: ${(error as Error).message}`,
    );
  }
}

function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value)}\n`);
}

/** Where the system prompts come from: --candidates, --meta-prompt, or the task's default meta-prompt. */
function promptSource(options: Options, task: Task, templates: PromptTemplates, count: number): PromptSource {
  const candidates = options.string('candidates');
  if (candidates !== undefined) {
    return {
      kind: 'given',
      prompts: parseCandidatesText(readTextFile(candidates, '--candidates'), candidates),
    };
  }
  const meta = options.string('meta-prompt');
  const metaPrompt =
    meta === undefined
      ? defaultMetaPrompt(task, templates)
      : withOutputConvention(readPromptOption(meta, '--meta-prompt'));
  return { kind: 'generate', count, metaPrompt, system: generatorSystemPrompt(templates) };
}

function saveCandidates(ctx: RunContext, prompts: readonly SystemPromptSample[], role: string): void {
  for (const p of prompts) {
    ctx.store.saveCandidate(ctx.runId, {
      id: p.id,
      parentId: undefined,
      generation: 0,
      level: 'task',
      prompt: p.prompt,
      status: 'proposed',
      scores: {},
      meta: { role, source: p.source, ...(p.sample === undefined ? {} : { sample: p.sample }) },
    });
  }
}

/** `--rewards <file>`: the same analysis on a saved tensor, no model and no run. */
function diagnoseSavedRewards(options: Options, file: string): DiagnoseResult {
  const parsed = parseRewardFile(readTextFile(file, '--rewards'), file);
  const analysis = analyzeRewards(parsed.tensor, analysisOptions(options, options.number('seed') ?? 0));
  const save = options.string('save-rewards');
  if (save !== undefined) writeJsonFile(save, rewardFileOf(parsed.tensor, parsed.prompts ?? [], {}));
  return {
    runId: undefined,
    task: parsed.task,
    model: parsed.model,
    generatorModel: undefined,
    simulated: false,
    split: undefined,
    source: 'rewards-file',
    rewardsFile: file,
    metaPrompt: undefined,
    prompts: analysis.decomposition.promptRewards.map((meanReward, n) => ({
      id: String(n),
      prompt: parsed.prompts?.[n],
      meanReward,
    })),
    rollouts: 0,
    failedRollouts: 0,
    generatorCalls: 0,
    analysis,
    spend: undefined,
    savedRewards: save,
  };
}

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

const M_ONE = `${NOISE_NEEDS_TWO}; use --m 2 or more (default 32)`;

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
    result = diagnoseSavedRewards(new Options(parsed), rewardsFile);
  } else {
    const outcome = await withRun('diagnose', aliasGeneratorModel(parsed), config, (ctx) =>
      diagnoseWithModel(ctx),
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

async function diagnoseWithModel(ctx: RunContext): Promise<DiagnoseResult> {
  const options = ctx.options;
  const task = await prepareTaskFromOptions(options, ctx.engine);
  const templates = loadTemplates();
  const split = (options.string('split') ?? 'train') as SplitName | 'all';
  const all = splitExamples(task, split);
  if (all.length === 0) throw new ConfigError('--split', `the ${split} split of ${task.id} is empty`);
  const limit = options.number('limit');
  const examples = limit === undefined ? all : all.slice(0, limit);
  const kTop = options.number('k') ?? 2;
  if (kTop > examples.length) {
    throw new ConfigError(
      '--k',
      `K_top = ${kTop} exceeds the ${examples.length} examples diagnosed (--split/--limit)`,
    );
  }
  const source = promptSource(options, task, templates, options.number('n') ?? 16);
  if (source.kind === 'given' && options.number('n') !== undefined) {
    ctx.note(
      `note: --n is ignored with --candidates; using the ${source.prompts.length} prompts of the file`,
    );
  }
  const M = options.number('m') ?? 32;
  if (M < 2) throw new ConfigError('--m', M_ONE);
  const N = source.kind === 'given' ? source.prompts.length : source.count;
  checkPlannedRollouts(
    N * examples.length * M,
    `N x K x M = ${N} x ${examples.length} x ${M}`,
    '--m, --n or --limit',
  );
  const diagnosis = await runDiagnosis(ctx.engine, task, {
    ...analysisOptions(options, ctx.seed),
    examples,
    samples: M,
    prompts: source,
    label: `p1 diagnose ${split}`,
    onPrompts: (prompts) => saveCandidates(ctx, prompts, 'p1-diagnosis'),
  });
  const { analysis, tensor, prompts } = diagnosis;
  prompts.forEach((p, n) => {
    const mean = analysis.decomposition.promptRewards[n] ?? Number.NaN;
    ctx.store.saveCandidate(ctx.runId, {
      id: p.id,
      parentId: undefined,
      generation: 0,
      level: 'task',
      prompt: p.prompt,
      status: 'proposed',
      scores: { [split]: { mean, n: tensor.examples * M } },
      meta: {
        role: 'p1-diagnosis',
        source: p.source,
        ...(p.sample === undefined ? {} : { sample: p.sample }),
      },
    });
  });
  const rewardFile = rewardFileOf(
    tensor,
    prompts.map((p) => p.prompt),
    { task: task.id, model: ctx.taskModel.id, split },
  );
  ctx.store.putArtifact(ctx.runId, 'rewards', rewardFile);
  ctx.store.putArtifact(ctx.runId, 'analysis', analysis);
  const save = options.string('save-rewards');
  if (save !== undefined) writeJsonFile(save, rewardFile);
  return {
    runId: ctx.runId,
    task: task.id,
    model: ctx.taskModel.id,
    generatorModel: source.kind === 'generate' ? ctx.optimizerModel.id : undefined,
    simulated: ctx.simulated,
    split,
    source: source.kind === 'generate' ? 'generator' : 'candidates',
    rewardsFile: undefined,
    metaPrompt: source.kind === 'generate' ? source.metaPrompt : undefined,
    prompts: prompts.map((p, n) => ({
      id: p.id,
      prompt: p.prompt,
      meanReward: analysis.decomposition.promptRewards[n] ?? Number.NaN,
    })),
    rollouts: diagnosis.rollouts,
    failedRollouts: diagnosis.failedRollouts,
    generatorCalls: diagnosis.generatorCalls,
    analysis,
    spend: ctx.engine.spend(),
    savedRewards: save,
  };
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
