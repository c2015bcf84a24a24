// `npm run bench -- sepo-evidence [seeds]`: SePO on the SIMULATED world `sim:pool`. For each target and
// seed: full SePO-Generalist (pre-train on the pool, fine-tune), the two ablations (no self-improvement,
// no archive), SePO-Specialist, and the Manual-CoT seed; all fine-tune with the same settings; test
// accuracy of each final prompt on the same test examples. Also: held-out gain per optimizer call.
// Everything printed here is a result on a simulation, not on a language model.
import { Engine } from '../src/engine/engine.js';
import { resolveModel } from '../src/models/resolve-model.js';
import '../src/sim/register.js';
import { betterOrWithinNoise } from '../src/optimizers/framework/admission.js';
import type { Candidate } from '../src/optimizers/framework/candidate.js';
import { latestSelector, scoreChildSelector } from '../src/optimizers/framework/parent-selectors.js';
import type { PoolTask } from '../src/optimizers/sepo/agent-level-search.js';
import { selectPool } from '../src/optimizers/sepo/pool-selection.js';
import { runSepo } from '../src/optimizers/sepo/sepo-method.js';
import { listSimTasks } from '../src/sim/index.js';
import { scoredOnly } from '../src/spec/rollout.js';
import type { Task } from '../src/spec/task.js';
import { meanInterval, pairedDifference } from '../src/stats/intervals.js';
import { loadTask } from '../src/tasks/load-task.js';
import { loadTemplates, requireTemplate } from '../src/templates/load-templates.js';

const templates = loadTemplates();
const seedAgent = requireTemplate(templates, 'sepo-agent-seed');

type Variant = 'manual' | 'generalist' | 'specialist' | 'no-self-improvement' | 'no-archive';
const VARIANTS: readonly Variant[] = [
  'manual',
  'generalist',
  'specialist',
  'no-self-improvement',
  'no-archive',
];

interface Outcome {
  readonly test: number[];
  readonly fineTuneOptimizerCalls: number;
  readonly pretrainOptimizerCalls: number;
  readonly rollouts: number;
}

function pool(target: Task, mode: 'generalist' | 'specialist'): PoolTask[] {
  const world = target.id.slice(4).split('/')[0];
  const candidates = listSimTasks()
    .filter((id) => id.startsWith(`sim:${world}/`))
    .map((id) => loadTask(id))
    .filter((t) => t.id !== target.id && t.splits.train.length > 0);
  return selectPool(target, candidates, { mode, size: 4 }).map((task) => ({
    task,
    train: task.splits.train,
    heldOut: task.splits.val.slice(0, 20),
  }));
}

async function runVariant(target: Task, variant: Variant, seed: number): Promise<Outcome> {
  const model = resolveModel('sim:pool');
  const engine = new Engine({
    taskModel: model,
    useSharedCache: false,
    sampling: { task: { seed }, optimizer: { seed } },
  });
  const ctx = { engine, task: target, train: target.splits.train, val: target.splits.val, seed, templates };
  const fineTune = {
    generations: 5,
    children: 2,
    minibatch: 16,
    selector: variant === 'no-archive' ? latestSelector : scoreChildSelector(),
    admission: betterOrWithinNoise(),
    valLimit: 100,
  };
  let best: Candidate | undefined;
  let fineTuneCalls = 0;
  let pretrainCalls = 0;
  if (variant !== 'manual') {
    const withPretrain = variant === 'generalist' || variant === 'specialist' || variant === 'no-archive';
    const result = await runSepo(ctx, {
      fineTune,
      seedAgentPrompt: seedAgent,
      ...(withPretrain
        ? {
            pretrain: {
              pool: pool(target, variant === 'specialist' ? 'specialist' : 'generalist'),
              options: {
                generations: 3,
                children: 2,
                tasksPerEval: 2,
                inner: { ...fineTune, generations: 2, minibatch: 8, valLimit: 0 },
                selector: fineTune.selector,
                admission: betterOrWithinNoise(),
              },
            },
          }
        : {}),
    });
    best = result.fineTune.best;
    fineTuneCalls = result.spendByStage.fineTune.optimizer.calls;
    pretrainCalls = result.spendByStage.pretrain?.optimizer.calls ?? 0;
  }
  const prompt = best?.prompt ?? target.defaultSystemPrompt;
  const rollouts = await engine.evaluate(
    target,
    target.splits.test.map((example) => ({ candidateId: 'final', systemPrompt: prompt, example, sample: 0 })),
    { exempt: true },
  );
  return {
    test: scoredOnly(rollouts).map((r) => r.score),
    fineTuneOptimizerCalls: fineTuneCalls,
    pretrainOptimizerCalls: pretrainCalls,
    rollouts: engine.spend().task.rollouts,
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pts = (x: number): string => `${(x * 100).toFixed(1)}`;

export async function run(args: string[]): Promise<void> {
  const seeds = Number(args[0] ?? '5');
  const targets = (args[1] ?? 'sim:pool/arith,sim:pool/dates').split(',');
  console.log(
    `SePO evidence on the SIMULATED world sim:pool, ${seeds} seeds (results on a simulation, not a language model)`,
  );
  for (const id of targets) {
    const target = loadTask(id);
    const started = performance.now();
    const outcomes = new Map<Variant, Outcome[]>();
    for (const variant of VARIANTS) {
      const list: Outcome[] = [];
      for (let seed = 1; seed <= seeds; seed++) list.push(await runVariant(target, variant, seed));
      outcomes.set(variant, list);
    }
    console.log(
      `\ntarget ${id} (test n=${target.splits.test.length}; pool for generalist: ${pool(target, 'generalist')
        .map((p) => p.task.id)
        .join(', ')})`,
    );
    console.log(
      'variant               test acc (mean over seeds, 95% CI)   vs manual (paired over seeds x examples)   vs generalist   fine-tune optimizer calls',
    );
    const manual = outcomes.get('manual') ?? [];
    const general = outcomes.get('generalist') ?? [];
    for (const variant of VARIANTS) {
      const list = outcomes.get(variant) ?? [];
      const accs = list.map((o) => mean(o.test));
      const ci = meanInterval(accs);
      const flat = list.flatMap((o) => o.test);
      const vsManual = pairedDifference(
        flat,
        manual.flatMap((o) => o.test),
      );
      const vsGeneral = pairedDifference(
        flat,
        general.flatMap((o) => o.test),
      );
      const calls = mean(list.map((o) => o.fineTuneOptimizerCalls));
      console.log(
        `${variant.padEnd(21)} ${pts(ci.mean)} [${pts(ci.low)}, ${pts(ci.high)}]`.padEnd(59) +
          `${vsManual.mean >= 0 ? '+' : ''}${pts(vsManual.mean)} [${pts(vsManual.low)}, ${pts(vsManual.high)}] p=${vsManual.pValue.toPrecision(2)}`.padEnd(
            43,
          ) +
          `${vsGeneral.mean >= 0 ? '+' : ''}${pts(vsGeneral.mean)}`.padEnd(16) +
          `${calls.toFixed(1)}`,
      );
    }
    const gain = (v: Variant): number =>
      mean((outcomes.get(v) ?? []).map((o) => mean(o.test))) - mean(manual.map((o) => mean(o.test)));
    const perPoint = (v: Variant): string => {
      const g = gain(v) * 100;
      const calls = mean((outcomes.get(v) ?? []).map((o) => o.fineTuneOptimizerCalls));
      return g > 0
        ? `${(calls / g).toFixed(2)} fine-tune optimizer calls per point gained`
        : `no gain (${g.toFixed(1)} points)`;
    };
    console.log(
      `pre-trained agent: ${perPoint('generalist')}; seed agent: ${perPoint('no-self-improvement')}`,
    );
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}
