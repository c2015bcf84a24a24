import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Candidate } from '../../optimizers/framework/candidate.js';
import { runAgentLevelSearch } from '../../optimizers/sepo/agent-level-search.js';
import { loadTask } from '../../tasks/load-task.js';
import { loadTemplates, requireTemplate } from '../../templates/load-templates.js';
import { ENGINE_OPTIONS } from '../common-options.js';
import type { ConfigFile } from '../config-file.js';
import { SIMULATED_BANNER, spendText } from '../format.js';
import type { OptionDef, ParsedOptions } from '../options.js';
import { sepoVersion, withRun } from '../run-context.js';
import { buildPool, pretrainOptions, SEPO_OPTIONS } from '../sepo-options.js';

export const PRETRAIN_OPTIONS: readonly OptionDef[] = [
  {
    name: 'target',
    kind: 'string',
    description: 'the task the agent is pre-trained for (never in its pool)',
  },
  { name: 'out', kind: 'string', description: 'agent file to write (default agent.json)' },
  {
    name: 'data-dir',
    kind: 'string',
    description: 'built-in datasets directory (default $SEPO_DATA_DIR or the download cache)',
  },
  ...SEPO_OPTIONS.filter((o) => o.name !== 'agent' && o.name !== 'no-self-improvement'),
  ...ENGINE_OPTIONS,
];

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

/** `sepo pretrain`: Stage 1 alone; writes agent.json for `sepo optimize --method sepo --agent`. */
export async function pretrainCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const outcome = await withRun('pretrain', parsed, config, async (ctx) => {
    const dataDir = ctx.options.string('data-dir');
    const target = loadTask(
      ctx.options.requireString('target'),
      dataDir === undefined ? {} : { dataDir, seed: ctx.seed },
    );
    const pool = buildPool(ctx.options, target);
    if (pool.length === 0)
      throw new ConfigError('--pool', `no pool tasks for ${target.id}; pass --pool <task ids>`);
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
            scores: Object.fromEntries(
              Object.entries(c.scores).map(([k, s]) => [k, { mean: s.mean, n: s.n }]),
            ),
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
    const out = ctx.options.string('out') ?? 'agent.json';
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(artifact, null, 2)}\n`);
    return { artifact, out };
  });
  const result = outcome.result;
  if (result === undefined) return 1;
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const p = result.artifact.provenance;
  const fmt = (x: number | undefined): string =>
    x === undefined ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} points`;
  process.stdout.write(
    [
      ...(p.simulated ? [SIMULATED_BANNER] : []),
      `sepo pretrain for ${p.target} on pool ${p.pool.join(', ')}`,
      `mean held-out improvement of inner runs: seed agent ${fmt(p.improvement.seed)}, evolved agent ${fmt(p.improvement.best)}`,
      `${p.candidates.length} agent candidates, ${p.candidates.filter((c) => c.status === 'admitted').length} admitted; ${p.stopReason}`,
      spendText(p.spend as Parameters<typeof spendText>[0]),
      `evolved prompt agent written to ${result.out}`,
      `run ${p.run}`,
    ].join('\n') + '\n',
  );
  return 0;
}
