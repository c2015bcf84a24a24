import { dirname, join } from 'node:path';
import type { SepoAgentDetails } from '../optimizers/framework/method-details.js';
import type { AgentLevelResult, PoolTask } from '../optimizers/sepo/agent-level-search.js';
import type { Task } from '../spec/task.js';
import type { Spend } from '../spec/usage.js';
import {
  type AgentKeyParts,
  agentCacheDir,
  agentCacheKey,
  type CachedAgent,
  readCachedAgent,
  sepoTemplateVersions,
  writeCachedAgent,
} from './agent-cache.js';
import { readAgentFile } from './agent-file.js';
import { type RunContext, sepoVersion } from './run-context.js';
import { pretrainSettings } from './sepo-options.js';
import { noPoolError, preparePool, resolvePool } from './sepo-pool.js';

/*
 * Which prompt agent a SePO run fine-tunes with, and where it comes from:
 * - `given`: --agent agent.json;
 * - `seed`: --no-self-improvement (the ablation, only on purpose);
 * - `reused`: the agent cache holds one for this key (agent-cache.ts) and --fresh-agent is not set;
 * - `pretrain`: pre-trained now on the pool, then cached.
 * With no pool to pre-train on the run stops (noPoolError): the ablation never runs silently.
 * The choice between `reused` and `pretrain` is recorded in the run store when it is acted on, and a
 * resumed run follows the record: a run that pre-trained replays its pre-training from its run log (its
 * own cache entry, written when pre-training finished, is not taken), a run that reused an agent uses the
 * recorded copy even if the cache entry changed since.
 */

export type AgentPlan =
  | { readonly source: 'given'; readonly file: string; readonly prompt: string }
  | { readonly source: 'seed' }
  | { readonly source: 'reused'; readonly key: string; readonly file: string; readonly agent: CachedAgent }
  | {
      readonly source: 'pretrain';
      readonly key: string;
      readonly keyParts: AgentKeyParts;
      readonly pool: readonly PoolTask[];
      /** Where the agent is cached once pre-trained; undefined with --no-cache. */
      readonly cacheDir: string | undefined;
    };

/** What the result's `details.agent` says about the prompt agent (`agent.source` in the JSON result). */
export type AgentDetails = SepoAgentDetails;

type Decision =
  | { readonly source: 'pretrained'; readonly key: string }
  | { readonly source: 'reused'; readonly key: string; readonly file: string; readonly agent: CachedAgent };

/** One record per seed: `sepo compare` runs SePO once per seed in one run. */
const decisionName = (ctx: RunContext): string => `sepo-agent.s${ctx.seed}`;

export function recordAgentDecision(ctx: RunContext, decision: Decision): void {
  ctx.store.putArtifact(ctx.runId, decisionName(ctx), decision);
}

function recordedDecision(ctx: RunContext, key: string): Decision | undefined {
  const value = ctx.store.getArtifact(ctx.runId, decisionName(ctx)) as Partial<Decision> | undefined;
  if (value?.key !== key) return undefined;
  if (value.source === 'pretrained') return { source: 'pretrained', key };
  if (value.source === 'reused' && typeof value.file === 'string' && value.agent !== undefined)
    return { source: 'reused', key, file: value.file, agent: value.agent };
  return undefined;
}

/** The agent cache directory of a run: beside --cache when given, else the default; none with --no-cache. */
function cacheDirOf(ctx: RunContext): string | undefined {
  if (ctx.options.boolean('no-cache') === true) return undefined;
  const cache = ctx.options.string('cache');
  return cache === undefined ? agentCacheDir() : join(dirname(cache), 'agents');
}

let templateVersionsMemo: string[] | undefined;

export function agentPlan(ctx: RunContext, target: Task): AgentPlan {
  const file = ctx.options.string('agent');
  if (file !== undefined) return { source: 'given', file, prompt: readAgentFile(file) };
  if (ctx.options.boolean('no-self-improvement') === true) return { source: 'seed' };
  const resolution = resolvePool({ options: ctx.options, target, taskModel: ctx.taskModel });
  if (resolution.pool.length === 0) throw noPoolError(target, resolution);
  const pretrain = pretrainPlan(ctx, resolution.pool);
  const { key, cacheDir } = pretrain;
  const recorded = ctx.resumed ? recordedDecision(ctx, key) : undefined;
  if (recorded?.source === 'pretrained') return pretrain;
  if (recorded?.source === 'reused') return recorded;
  if (cacheDir === undefined || ctx.options.boolean('fresh-agent') === true) return pretrain;
  const hit = readCachedAgent(cacheDir, key);
  return hit === undefined ? pretrain : { source: 'reused', key, file: hit.file, agent: hit.agent };
}

/** Pre-training on `pool`: the agent's cache key and where it will be cached. */
export function pretrainPlan(
  ctx: RunContext,
  pool: readonly PoolTask[],
): Extract<AgentPlan, { source: 'pretrain' }> {
  templateVersionsMemo ??= sepoTemplateVersions();
  const keyParts: AgentKeyParts = {
    optimizerModel: ctx.optimizerModel.id,
    pool: pool.map((p) => p.task.id),
    templates: templateVersionsMemo,
    settings: pretrainSettings(ctx.options),
  };
  return { source: 'pretrain', key: agentCacheKey(keyParts), keyParts, pool, cacheDir: cacheDirOf(ctx) };
}

/**
 * The pre-trained agent with its provenance, written to the agent cache (after pre-training finished, so
 * a cache entry is always a whole pre-training); `file` is undefined with --no-cache.
 */
export function cacheAgent(
  ctx: RunContext,
  target: Task,
  plan: Extract<AgentPlan, { source: 'pretrain' }>,
  result: AgentLevelResult,
  spend: Spend,
): { readonly agent: CachedAgent; readonly file: string | undefined } {
  const agent: CachedAgent = {
    prompt: result.best.prompt,
    provenance: {
      ...plan.keyParts,
      key: plan.key,
      createdAt: new Date().toISOString(),
      sepoVersion: sepoVersion(),
      taskModel: ctx.taskModel.id,
      run: ctx.runId,
      target: target.id,
      seed: ctx.seed,
      simulated: ctx.simulated,
      improvement: {
        seed: result.seed.scores.improvement?.mean,
        best: result.best.scores.improvement?.mean,
      },
      candidates: result.archive.all().length,
      stopReason: result.stopReason,
      spend,
    },
  };
  return { agent, file: plan.cacheDir === undefined ? undefined : writeCachedAgent(plan.cacheDir, agent) };
}

/** The prompt agent as the JSON result reports it: its source, file, pool and provenance (no prompt). */
export interface AgentSummary {
  readonly source: AgentDetails['source'];
  readonly file?: string;
  readonly pool?: readonly string[];
  readonly provenance?: CachedAgent['provenance'];
}

export function agentSummary(agent: AgentDetails): AgentSummary {
  return {
    source: agent.source,
    ...(agent.file === undefined ? {} : { file: agent.file }),
    ...(agent.pool === undefined ? {} : { pool: agent.pool }),
    ...(agent.provenance === undefined ? {} : { provenance: agent.provenance }),
  };
}

/**
 * Resolves the pre-training pool of the methods that use one (SePO, MetaSPO) before any work, with
 * downloads when needed (progress on stderr unless --quiet/--json), and checks that SePO has a prompt
 * agent to fine-tune with: it stops here, with one line, when it has neither a pool nor an agent.
 */
export async function preparePoolFor(
  ctx: RunContext,
  target: Task,
  methods: readonly string[],
): Promise<void> {
  if (!methods.includes('sepo') && !methods.includes('metaspo')) return;
  const quiet = ctx.options.boolean('quiet') === true || ctx.options.boolean('json') === true;
  const needsPool =
    methods.includes('metaspo') ||
    (ctx.options.string('agent') === undefined && ctx.options.boolean('no-self-improvement') !== true);
  if (needsPool) {
    await preparePool(
      { options: ctx.options, target, taskModel: ctx.taskModel },
      quiet ? undefined : (text) => process.stderr.write(text),
    );
  }
  if (methods.includes('sepo')) agentPlan(ctx, target);
}
