import { ENGINE_OPTIONS } from '../../run/common-options.js';
import type { ConfigFile } from '../../run/config-file.js';
import { SIMULATED_BANNER, spendText } from '../../run/format.js';
import { pretrainAgent } from '../../run/pretrain.js';
import { SEPO_OPTIONS } from '../../run/sepo-options.js';
import { withRun } from '../cli-run.js';
import type { OptionDef, ParsedOptions } from '../options.js';

export type { AgentArtifact } from '../../run/pretrain.js';

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
  ...SEPO_OPTIONS.filter(
    (o) => o.name !== 'agent' && o.name !== 'no-self-improvement' && o.name !== 'fresh-agent',
  ),
  ...ENGINE_OPTIONS,
];

/** `sepo pretrain`: Stage 1 alone; writes agent.json for `sepo optimize --method sepo --agent`. */
export async function pretrainCommand(
  parsed: ParsedOptions,
  config: ConfigFile | undefined,
): Promise<number> {
  const outcome = await withRun('pretrain', parsed, config, (ctx) => pretrainAgent(ctx), PRETRAIN_OPTIONS);
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
      ...(result.cached === undefined ? [] : [`cached as ${result.cached} (reused by optimize and compare)`]),
      `run ${p.run}`,
    ].join('\n') + '\n',
  );
  return 0;
}
