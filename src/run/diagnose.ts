import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, DataError } from '../errors.js';
import { type AnalyzeRewardsOptions, analyzeRewards, type P1Analysis } from '../p1/analyze-rewards.js';
import { defaultMetaPrompt, generatorSystemPrompt, withOutputConvention } from '../p1/meta-prompt.js';
import { parseCandidatesText } from '../p1/parse-candidates.js';
import { parseRewardFile, rewardFileOf } from '../p1/reward-file.js';
import { type PromptSource, runDiagnosis } from '../p1/run-diagnosis.js';
import type { SystemPromptSample } from '../p1/sample-system-prompts.js';
import type { SplitName } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import { NOISE_NEEDS_TWO } from '../stats/learnability.js';
import type { NoiseEstimator } from '../stats/variance-decomposition.js';
import { loadTemplates, type PromptTemplates } from '../templates/load-templates.js';
import { checkPlannedRollouts } from './bounds.js';
import { prepareTaskFromOptions, readPromptOption, splitExamples } from './prepare-task.js';
import type { RunContext } from './run-context.js';
import type { Options } from './settings.js';

export interface DiagnoseResult {
  /** What this result is; with `schemaVersion`, what the stored JSON is decoded by (docs/schemas/). */
  readonly kind: 'diagnose';
  /** Version of this result's shape; a change that breaks readers bumps it. */
  readonly schemaVersion: 1;
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
export function diagnoseSavedRewards(options: Options, file: string): DiagnoseResult {
  const parsed = parseRewardFile(readTextFile(file, '--rewards'), file);
  const analysis = analyzeRewards(parsed.tensor, analysisOptions(options, options.numberOrDefault('seed')));
  const save = options.string('save-rewards');
  if (save !== undefined) writeJsonFile(save, rewardFileOf(parsed.tensor, parsed.prompts ?? [], {}));
  return {
    kind: 'diagnose',
    schemaVersion: 1,
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

export async function diagnoseWithModel(ctx: RunContext): Promise<DiagnoseResult> {
  const options = ctx.options;
  const task = await prepareTaskFromOptions(options, ctx.engine);
  const templates = loadTemplates();
  const split = options.stringOrDefault('split') as SplitName | 'all';
  const all = splitExamples(task, split);
  if (all.length === 0) throw new ConfigError('--split', `the ${split} split of ${task.id} is empty`);
  const limit = options.number('limit');
  const examples = limit === undefined ? all : all.slice(0, limit);
  const kTop = options.numberOrDefault('k');
  if (kTop > examples.length) {
    throw new ConfigError(
      '--k',
      `K_top = ${kTop} exceeds the ${examples.length} examples diagnosed (--split/--limit)`,
    );
  }
  const source = promptSource(options, task, templates, options.numberOrDefault('n'));
  if (source.kind === 'given' && options.number('n') !== undefined) {
    ctx.note(
      `note: --n is ignored with --candidates; using the ${source.prompts.length} prompts of the file`,
    );
  }
  const M = options.numberOrDefault('m');
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
    kind: 'diagnose',
    schemaVersion: 1,
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
export const M_ONE = `${NOISE_NEEDS_TWO}; use --m 2 or more (default 32)`;
