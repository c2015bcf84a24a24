import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, DataError } from '../../errors.js';
import type { Candidate } from '../../optimizers/framework/candidate.js';
import { rolloutBudget, stopFile } from '../../optimizers/framework/stop-conditions.js';
import { runSepo, type SepoResult } from '../../optimizers/sepo/sepo-method.js';
import type { Task } from '../../spec/task.js';
import type { Spend } from '../../spec/usage.js';
import { pairedDifference, proportionOrMeanInterval } from '../../stats/intervals.js';
import { loadTemplates, requireTemplate } from '../../templates/load-templates.js';
import { ENGINE_OPTIONS, TASK_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { intervalText, pct, SIMULATED_BANNER, spendText } from '../format.js';
import type { OptionDef, ParsedOptions } from '../options.js';
import { type RunContext, withRun } from '../run-context.js';
import { buildPool, fineTuneOptions, pretrainOptions, SEPO_OPTIONS } from '../sepo-options.js';
import { loadTaskFromOptions } from './eval-command.js';

export const METHODS = ['sepo', 'manual'] as const;

export const OPTIMIZE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  { name: 'method', kind: 'string', choices: METHODS, description: 'optimizer (default sepo)' },
  {
    name: 'out',
    kind: 'string',
    description: 'write the final prompt to this file (default <store>/<run>.prompt.txt)',
  },
  ...SEPO_OPTIONS,
  ...ENGINE_OPTIONS,
];

interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface OptimizeResult {
  readonly runId: string;
  readonly task: string;
  readonly model: string;
  readonly optimizerModel: string;
  readonly method: string;
  readonly simulated: boolean;
  readonly seedPrompt: string;
  readonly bestPrompt: string;
  readonly bestId: string;
  readonly chosenBy: string;
  readonly train: { readonly seed: number | undefined; readonly best: number | undefined };
  readonly val: { readonly seed: number | undefined; readonly best: number | undefined; readonly n: number };
  readonly test: {
    readonly seed: Interval;
    readonly best: Interval;
    readonly difference: Interval & { readonly p: number };
    readonly n: number;
  };
  readonly agent:
    | { readonly source: string; readonly prompt: string; readonly pretrainedCandidates: number }
    | undefined;
  readonly archive: ReadonlyArray<{
    id: string;
    parentId: string | undefined;
    generation: number;
    status: string;
    train: number | undefined;
    val: number | undefined;
  }>;
  readonly stopReason: string;
  readonly spend: Spend;
  readonly spendByStage: SepoResult['spendByStage'] | undefined;
  readonly promptFile: string;
  readonly agentFile: string | undefined;
}

/** Reads an agent.json written by `sepo pretrain` (or any {"prompt": "..."} file). */
export function readAgentFile(path: string): string {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataError(
      path,
      missing ? 'file not found (from --agent)' : `not valid JSON: ${(error as Error).message}`,
    );
  }
  const prompt = (data as { prompt?: unknown } | null)?.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '')
    throw new DataError(path, 'expected a non-empty string', undefined, 'prompt');
  return prompt;
}

function saveCandidate(ctx: RunContext, c: Candidate, level: 'task' | 'agent'): void {
  const scores: Record<string, { mean: number; n: number }> = {};
  for (const [split, s] of Object.entries(c.scores)) scores[split] = { mean: s.mean, n: s.n };
  ctx.store.saveCandidate(ctx.runId, {
    id: c.id,
    parentId: c.parentId,
    generation: c.generation,
    level,
    prompt: c.prompt,
    status: c.status,
    scores,
    meta: {
      childrenCount: c.childrenCount,
      ...(c.rationale === undefined ? {} : { rationale: c.rationale }),
    },
  });
}

/** Evaluates the seed and the best prompt once on the test split (outside the optimization budget). */
async function testComparison(
  ctx: RunContext,
  task: Task,
  seed: Candidate,
  best: Candidate,
): Promise<OptimizeResult['test']> {
  const test = task.splits.test;
  if (test.length === 0) throw new ConfigError('--task', `${task.id} has no test split to report on`);
  const run = async (c: Candidate): Promise<number[]> => {
    const rollouts = await ctx.engine.evaluate(
      task,
      test.map((example) => ({ candidateId: c.id, systemPrompt: c.prompt, example, sample: 0 })),
      { label: `test ${c.id}`, exempt: true },
    );
    return rollouts.map((r) => r.score);
  };
  const seedScores = await run(seed);
  const bestScores = best.id === seed.id ? seedScores : await run(best);
  const diff = pairedDifference(bestScores, seedScores);
  return {
    seed: proportionOrMeanInterval(seedScores),
    best: proportionOrMeanInterval(bestScores),
    difference: { mean: diff.mean, low: diff.low, high: diff.high, p: diff.pValue },
    n: test.length,
  };
}

export async function optimizeCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const outcome = await withRun('optimize', parsed, config, async (ctx): Promise<OptimizeResult> => {
    const task = loadTaskFromOptions(ctx.options);
    const method = ctx.options.string('method') ?? 'sepo';
    const templates = loadTemplates();
    const storeDir = ctx.options.string('store') ?? '.sepo';
    const fineTune = fineTuneOptions(ctx.options);
    const stopPath = join(storeDir, 'STOP');
    const optimizerCtx = {
      engine: ctx.engine,
      task,
      train: task.splits.train,
      val: task.splits.val,
      seed: ctx.seed,
      templates,
      stopConditions: [rolloutBudget(2 * fineTune.minibatch), stopFile(() => existsSync(stopPath), stopPath)],
      onCandidate: (c: Candidate, level: 'task' | 'agent') => saveCandidate(ctx, c, level),
    };
    if (task.splits.train.length === 0)
      throw new ConfigError('--task', `${task.id} has no training examples`);
    let sepo: SepoResult | undefined;
    let seed: Candidate;
    let best: Candidate;
    let archive: readonly Candidate[];
    let stopReason: string;
    let chosenBy = 'none';
    if (method === 'manual') {
      seed = {
        id: 't0',
        prompt: task.defaultSystemPrompt,
        parentId: undefined,
        generation: 0,
        status: 'seed',
        childrenCount: 0,
        scores: {},
      };
      best = seed;
      archive = [seed];
      stopReason = 'manual: the Manual-CoT prompt is evaluated as is';
      saveCandidate(ctx, seed, 'task');
    } else {
      const agentFile = ctx.options.string('agent');
      const noSelf = ctx.options.boolean('no-self-improvement') === true;
      const pool = agentFile !== undefined || noSelf ? [] : buildPool(ctx.options, task);
      if (agentFile === undefined && !noSelf && pool.length === 0) {
        ctx.note(
          `note: no pre-training pool for ${task.id} (pass --pool <task ids>); fine-tuning with the seed prompt agent`,
        );
      }
      sepo = await runSepo(optimizerCtx, {
        fineTune,
        seedAgentPrompt: requireTemplate(templates, 'sepo-agent-seed'),
        ...(agentFile === undefined ? {} : { agentPrompt: readAgentFile(agentFile) }),
        ...(pool.length === 0 ? {} : { pretrain: { pool, options: pretrainOptions(ctx.options) } }),
      });
      seed = sepo.fineTune.seed;
      best = sepo.fineTune.best;
      archive = sepo.fineTune.archive.all();
      stopReason = sepo.fineTune.stopReason;
      chosenBy = sepo.fineTune.chosenBy;
    }
    const test = await testComparison(ctx, task, seed, best);
    const promptFile = ctx.options.string('out') ?? join(storeDir, `${ctx.runId}.prompt.txt`);
    mkdirSync(dirname(promptFile), { recursive: true });
    writeFileSync(promptFile, `${best.prompt}\n`);
    let agentFileOut: string | undefined;
    if (sepo?.pretrain !== undefined) {
      agentFileOut = join(storeDir, `${ctx.runId}.agent.json`);
      writeFileSync(
        agentFileOut,
        `${JSON.stringify({ prompt: sepo.agentPrompt, provenance: { run: ctx.runId, target: task.id, pool: sepo.pretrain.archive.all().length } }, null, 2)}\n`,
      );
    }
    return {
      runId: ctx.runId,
      task: task.id,
      model: ctx.taskModel.id,
      optimizerModel: ctx.optimizerModel.id,
      method,
      simulated: ctx.simulated,
      seedPrompt: seed.prompt,
      bestPrompt: best.prompt,
      bestId: best.id,
      chosenBy,
      train: { seed: seed.scores.train?.mean, best: best.scores.train?.mean },
      val: { seed: seed.scores.val?.mean, best: best.scores.val?.mean, n: seed.scores.val?.n ?? 0 },
      test,
      agent:
        sepo === undefined
          ? undefined
          : {
              source: sepo.agentSource,
              prompt: sepo.agentPrompt,
              pretrainedCandidates: sepo.pretrain?.archive.all().length ?? 0,
            },
      archive: archive.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        generation: c.generation,
        status: c.status,
        train: c.scores.train?.mean,
        val: c.scores.val?.mean,
      })),
      stopReason,
      spend: ctx.engine.spend(),
      spendByStage: sepo?.spendByStage,
      promptFile,
      agentFile: agentFileOut,
    };
  });
  const result = outcome.result;
  if (result === undefined) return 1;
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`${renderOptimizeResult(result)}\n`);
  return 0;
}

const maybePct = (x: number | undefined): string => (x === undefined ? '-' : pct(x));

export function renderOptimizeResult(r: OptimizeResult): string {
  const d = r.test.difference;
  const lines = [
    ...(r.simulated ? [SIMULATED_BANNER] : []),
    `sepo optimize: ${r.method} on ${r.task}, task model ${r.model}, prompt agent ${r.optimizerModel}${r.simulated ? ' (simulated)' : ''}`,
    ...(r.agent === undefined
      ? []
      : [
          `prompt agent: ${r.agent.source === 'pretrained-now' ? `pre-trained now (${r.agent.pretrainedCandidates} agent candidates)` : r.agent.source === 'given' ? 'given (--agent)' : 'seed (no self-improvement)'}`,
        ]),
    `archive: ${r.archive.length} candidates, ${r.archive.filter((c) => c.status === 'admitted').length} admitted; best ${r.bestId} chosen by ${r.chosenBy}; ${r.stopReason}`,
    `              seed (Manual-CoT)      best`,
    `train         ${maybePct(r.train.seed).padEnd(22)} ${maybePct(r.train.best)}`,
    `val (n=${String(r.val.n).padEnd(4)})  ${maybePct(r.val.seed).padEnd(22)} ${maybePct(r.val.best)}`,
    `test (n=${r.test.n}): seed ${intervalText(r.test.seed)}`,
    `              best ${intervalText(r.test.best)}`,
    `difference (best - seed, paired): ${d.mean >= 0 ? '+' : ''}${(d.mean * 100).toFixed(1)} points [95% CI ${(d.low * 100).toFixed(1)}, ${(d.high * 100).toFixed(1)}], p=${d.p.toPrecision(2)}`,
    spendText(r.spend),
    `final prompt written to ${r.promptFile}`,
    ...(r.agentFile === undefined ? [] : [`evolved prompt agent written to ${r.agentFile}`]),
    `run ${r.runId}`,
  ];
  return lines.join('\n');
}
