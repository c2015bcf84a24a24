import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Candidate } from '../optimizers/framework/candidate.js';
import { runAgentLevelSearch } from '../optimizers/sepo/agent-level-search.js';
import { loadTask } from '../tasks/load-task.js';
import { loadTemplates, requireTemplate } from '../templates/load-templates.js';
import { cacheAgent, pretrainPlan } from './agent-plan.js';
import type { RunContext } from './run-context.js';
import { sepoVersion } from './run-context.js';
import { pretrainOptions } from './sepo-options.js';
import { preparePool } from './sepo-pool.js';
/** The agent artifact: the evolved prompt-agent prompt and where it came from. */
export interface AgentArtifact {
  readonly prompt: string;
  readonly provenance: {
    readonly sepoVersion: string;
    readonly run: string;
    readonly target: string;
    readonly pool: readonly string[];
    readonly taskModel: string;
    readonly optimizerModel: string;
    readonly seed: number;
    readonly simulated: boolean;
    readonly improvement: { readonly seed: number | undefined; readonly best: number | undefined };
    readonly candidates: ReadonlyArray<{
      id: string;
      parentId: string | undefined;
      status: string;
      improvement: number | undefined;
    }>;
    readonly spend: unknown;
    readonly stopReason: string;
  };
}

/**
 * `sepo pretrain`'s use case: SePO's stage 1 alone (the agent-level search on a pool that never holds
 * the target), writing the evolved prompt agent with its provenance to --out (default agent.json).
 */
export async function pretrainAgent(
  ctx: RunContext,
): Promise<{ readonly artifact: AgentArtifact; readonly out: string; readonly cached?: string }> {
  const dataDir = ctx.options.string('data-dir');
  const target = loadTask(
    ctx.options.requireString('target'),
    dataDir === undefined ? {} : { dataDir, seed: ctx.seed },
  );
  const quiet = ctx.options.boolean('quiet') === true || ctx.options.boolean('json') === true;
  const resolution = await preparePool(
    { options: ctx.options, target, taskModel: ctx.taskModel },
    quiet ? undefined : (text) => process.stderr.write(text),
  );
  const pool = resolution.pool;
  if (pool.length === 0)
    throw new ConfigError(
      '--pool',
      `no pool tasks for ${target.id} could be loaded from ${resolution.from}; pass --data-dir <dir with the built-in datasets> or --pool <task ids>`,
    );
  const templates = loadTemplates();
  const result = await runAgentLevelSearch(
    {
      engine: ctx.engine,
      pool,
      seed: ctx.seed,
      templates,
      onCandidate: (c: Candidate, level) =>
        ctx.store.saveCandidate(ctx.runId, {
          id: c.id,
          parentId: c.parentId,
          generation: c.generation,
          level,
          prompt: c.prompt,
          status: c.status,
          scores: Object.fromEntries(Object.entries(c.scores).map(([k, s]) => [k, { mean: s.mean, n: s.n }])),
        }),
    },
    { ...pretrainOptions(ctx.options), seedAgentPrompt: requireTemplate(templates, 'sepo-agent-seed') },
  );
  const artifact: AgentArtifact = {
    prompt: result.best.prompt,
    provenance: {
      sepoVersion: sepoVersion(),
      run: ctx.runId,
      target: target.id,
      pool: pool.map((p) => p.task.id),
      taskModel: ctx.taskModel.id,
      optimizerModel: ctx.optimizerModel.id,
      seed: ctx.seed,
      simulated: ctx.simulated,
      improvement: {
        seed: result.seed.scores.improvement?.mean,
        best: result.best.scores.improvement?.mean,
      },
      candidates: result.archive.all().map((c) => ({
        id: c.id,
        parentId: c.parentId,
        status: c.status,
        improvement: c.scores.improvement?.mean,
      })),
      spend: ctx.engine.spend(),
      stopReason: result.stopReason,
    },
  };
  // The agent cache gets it too: later optimize/compare runs with the same key reuse it (agent-plan.ts).
  const plan = pretrainPlan(ctx, pool);
  const cached = cacheAgent(ctx, target, plan, result, ctx.engine.spend());
  const out = ctx.options.string('out') ?? 'agent.json';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(artifact, null, 2)}\n`);
  return { artifact, out, ...(cached.file === undefined ? {} : { cached: cached.file }) };
}
