import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CompareResult, type CompareRow, renderCompareMarkdown } from '../src/run/compare-table.js';
import { poolCandidates } from '../src/run/sepo-options.js';
import type { Spend } from '../src/spec/usage.js';
import '../src/sim/register.js';
import { loadTask } from '../src/tasks/load-task.js';
import { runCli } from '../src/test-support/run-cli.js';

const MAIN_METHODS = ['sepo', 'gepa', 'textgrad', 'opro', 'metaspo', 'manual'];

interface Variant {
  readonly label: string;
  readonly method: string;
  readonly flags: readonly string[];
  /** Only for worlds whose target has a pre-training pool. */
  readonly needsPool?: boolean;
}

const VARIANTS: readonly Variant[] = [
  { label: 'random (no feedback)', method: 'random', flags: [] },
  { label: 'textgrad, no validation revert', method: 'textgrad', flags: ['--no-validation-revert'] },
  { label: 'gepa + merge', method: 'gepa', flags: ['--merge'] },
  { label: 'sepo, no self-improvement', method: 'sepo', flags: ['--no-self-improvement'], needsPool: true },
];

/** The real CLI as a child process (the test suite's helper), with its whole-process wall time. */
async function cli(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const out = await runCli(args);
  return { code: out.code, stdout: out.stdout, stderr: out.stderr, ms: performance.now() - started };
}

async function compare(
  world: string,
  methods: readonly string[],
  flags: readonly string[],
  settings: { seeds: number; budget: number; store: string },
): Promise<{ result: CompareResult; ms: number }> {
  const out = await cli([
    'compare',
    '--task',
    `sim:${world}`,
    '--model',
    `sim:${world}`,
    '--methods',
    methods.join(','),
    '--budget',
    String(settings.budget),
    '--seeds',
    String(settings.seeds),
    '--json',
    '--no-cache',
    '--store',
    settings.store,
    ...flags,
  ]);
  if (out.code !== 0) throw new Error(`sepo compare failed (${out.code}): ${out.stderr.trim()}`);
  return { result: JSON.parse(out.stdout) as CompareResult, ms: out.ms };
}

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const seeds = Number(flag(args, 'seeds', '5'));
  const budget = Number(flag(args, 'budget', '300'));
  const worlds = flag(args, 'worlds', 'demo,hetero').split(',');
  const store = mkdtempSync(join(tmpdir(), 'sepo-compare-evidence-'));
  console.log(
    'SIMULATED: every figure below comes from sepo’s simulated world (sim:), not a language model.',
  );
  console.log(`budget ${budget} task-model rollouts per method and seed, ${seeds} seeds, --no-cache\n`);
  try {
    for (const world of worlds) {
      const hasPool = poolCandidates(loadTask(`sim:${world}`)).length > 0;
      // A world with no pool cannot pre-train SePO's agent: sepo refuses to run the ablation silently, so
      // the table runs it on purpose there and says so in the row's name.
      // MetaSPO meta-trains across a pool of tasks; with none it needs 910 rollouts on the target alone
      // (it refuses --budget 300), so it is left out of a world with no pool.
      const methods = hasPool ? MAIN_METHODS : MAIN_METHODS.filter((m) => m !== 'metaspo');
      if (!hasPool)
        console.log(
          `sim:${world} has no pool: metaspo left out (it needs at least 910 rollouts on one task)`,
        );
      const main = await compare(world, methods, hasPool ? [] : ['--no-self-improvement'], {
        seeds,
        budget,
        store,
      });
      const rows: CompareRow[] = main.result.rows.map((row) =>
        row.method === 'sepo' && !hasPool
          ? { ...row, method: 'sepo (no pool here: without self-improvement)' }
          : row,
      );
      const variants = [...VARIANTS];
      if (hasPool) {
        // SePO as the paper accounts for it: the prompt agent is pre-trained once (seed 0) and reused;
        // its pre-training spend is reported here, outside the per-method budget.
        const agent = join(store, `${world}.agent.json`);
        const pre = await cli([
          'pretrain',
          '--target',
          `sim:${world}`,
          '--model',
          `sim:${world}`,
          '--out',
          agent,
          '--json',
          '--no-cache',
          '--store',
          store,
        ]);
        if (pre.code !== 0) throw new Error(`sepo pretrain failed: ${pre.stderr.trim()}`);
        const spend = (JSON.parse(pre.stdout) as { artifact: { provenance: { spend: Spend } } }).artifact
          .provenance.spend;
        variants.push({
          label: `sepo, pre-trained agent (pre-training once: ${spend.task.rollouts} rollouts, ${spend.optimizer.rollouts} optimizer calls, outside the budget)`,
          method: 'sepo',
          flags: ['--agent', agent],
        });
      }
      for (const variant of variants) {
        if (variant.needsPool === true && !hasPool) continue;
        const extra = await compare(world, [variant.method], variant.flags, { seeds, budget, store });
        const row = extra.result.rows.find((r) => r.method === variant.method);
        if (row !== undefined) rows.splice(rows.length - 1, 0, { ...row, method: variant.label });
      }
      console.log(renderCompareMarkdown({ ...main.result, rows }));
      console.log(
        `\nwhole process: \`sepo compare\` on sim:${world}, ${MAIN_METHODS.length} methods x ${seeds} seeds x ${budget} rollouts: ${(main.ms / 1000).toFixed(1)} s wall (node startup included)`,
      );
      for (const r of main.result.runs.filter(
        (x) => x.method !== 'manual' && x.seed === main.result.seeds[0],
      ))
        console.log(`  ${r.method} seed ${r.seed} stop: ${r.stopReason}`);
      console.log('');
    }
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}
