import { agentCacheDir, listCachedAgents } from '../../run/agent-cache.js';
import type { OptionDef, ParsedOptions } from '../options.js';

export const AGENTS_OPTIONS: readonly OptionDef[] = [
  { name: 'json', kind: 'boolean', description: 'print JSON' },
];

const points = (x: number | undefined): string =>
  x === undefined ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} points`.replace('-0.0', '+0.0');

/**
 * `sepo agents`: the pre-trained prompt agents in the agent cache (beside the call cache; $SEPO_CACHE_DIR),
 * newest first, with their provenance: key, pool, optimizer model, date, and the mean held-out
 * improvement of the inner runs with the evolved agent (and with the seed agent, for reference).
 */
export function agentsCommand(parsed: ParsedOptions): number {
  const dir = agentCacheDir();
  const agents = listCachedAgents(dir);
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify({ dir, agents }, null, 2)}\n`);
    return 0;
  }
  if (agents.length === 0) {
    process.stdout.write(`no pre-trained prompt agents in ${dir}\n`);
    return 0;
  }
  const lines = [`${agents.length} pre-trained prompt agent${agents.length === 1 ? '' : 's'} in ${dir}:`];
  for (const { file, agent } of agents) {
    const p = agent.provenance;
    lines.push(
      `${p.key}  ${p.createdAt.slice(0, 10)}  optimizer model ${p.optimizerModel}${p.simulated ? ' (simulated)' : ''}`,
      `  pool: ${p.pool.join(', ')}`,
      `  improvement (mean held-out, inner runs): evolved agent ${points(p.improvement.best)}, seed agent ${points(p.improvement.seed)}`,
      `  pre-trained by run ${p.run} (target ${p.target}, task model ${p.taskModel}, seed ${p.seed}); ${p.candidates} agent candidates`,
      `  file: ${file}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
