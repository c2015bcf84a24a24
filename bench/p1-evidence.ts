// `npm run bench -- p1-evidence`: p1 on the simulated world, through the functions the CLI uses.
// Part 1: the decomposition as K grows at fixed M on sim:hetero and sim:homo (signal, noise, ratio).
// Part 2: SePO on the p1-selected pair vs the full training set (and a random pair) at the same
// optimization rollout budget, several seeds: held-out test improvement over the seed prompt.
// Args: [--seeds S] [--n N] [--m M] [--k K_top] [--budget B] [--test-samples T] [--worlds hetero,homo]
// Prints plain lines; the figures are simulated, not a real model's.

import { Engine } from '../src/engine/engine.js';
import { resolveModel } from '../src/models/resolve-model.js';
import { rolloutBudget } from '../src/optimizers/framework/stop-conditions.js';
import { runSepo } from '../src/optimizers/sepo/sepo-method.js';
import { defaultMetaPrompt, generatorSystemPrompt } from '../src/p1/meta-prompt.js';
import { selectTrainingSet, type TrainingSelection } from '../src/p1/select-training-set.js';
import { fineTuneOptions, SEPO_OPTIONS } from '../src/run/sepo-options.js';
import { Options } from '../src/run/settings.js';
import '../src/sim/register.js';
import type { Example } from '../src/spec/example.js';
import { scoredOnly } from '../src/spec/rollout.js';
import type { Task } from '../src/spec/task.js';
import { meanInterval, pairedDifference } from '../src/stats/intervals.js';
import { loadTask } from '../src/tasks/load-task.js';
import { loadTemplates, requireTemplate } from '../src/templates/load-templates.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

function stringOption(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));
const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
const templates = loadTemplates();

function engineFor(world: string, seed: number, maxRollouts?: number): Engine {
  const model = resolveModel(`sim:${world}`, { env: {} });
  return new Engine({
    taskModel: model,
    concurrency: 64,
    sampling: { task: { seed }, optimizer: { seed } },
    ...(maxRollouts === undefined ? {} : { limits: { maxRollouts } }),
  });
}

/** Mean test accuracy of a prompt over `samples` responses per test example (exempt from the budget). */
async function testAccuracy(engine: Engine, task: Task, prompt: string, samples: number): Promise<number> {
  const requests = task.splits.test.flatMap((example) =>
    Array.from({ length: samples }, (_, sample) => ({
      candidateId: 'test',
      systemPrompt: prompt,
      example,
      sample,
    })),
  );
  // The simulated world has no provider failures; scoredOnly keeps the types honest.
  const rollouts = scoredOnly(await engine.evaluate(task, requests, { label: 'test', exempt: true }));
  return rollouts.reduce((a, r) => a + r.score, 0) / rollouts.length;
}

interface ArmOutcome {
  readonly improvement: number;
  readonly best: number;
  readonly seed: number;
  readonly rollouts: number;
  readonly generations: number;
}

/** SePO fine-tuning on `train` with the CLI's default knobs, budget-bound; then seed vs best on test. */
async function runArm(
  world: string,
  task: Task,
  train: readonly Example[],
  seed: number,
  budget: number,
  testSamples: number,
): Promise<ArmOutcome> {
  const engine = engineFor(world, seed, budget);
  const fineTune = { ...fineTuneOptions(new Options({}, SEPO_OPTIONS)), generations: 1000 };
  const perStep = 2 * Math.min(fineTune.minibatch, train.length);
  const result = await runSepo(
    {
      engine,
      task,
      train,
      val: task.splits.val,
      seed,
      templates,
      stopConditions: [rolloutBudget(perStep)],
    },
    { fineTune, seedAgentPrompt: requireTemplate(templates, 'sepo-agent-seed') },
  );
  const rollouts = engine.spend().task.rollouts;
  const seedAcc = await testAccuracy(engine, task, result.fineTune.seed.prompt, testSamples);
  const bestAcc =
    result.fineTune.best.id === result.fineTune.seed.id
      ? seedAcc
      : await testAccuracy(engine, task, result.fineTune.best.prompt, testSamples);
  return {
    improvement: bestAcc - seedAcc,
    best: bestAcc,
    seed: seedAcc,
    rollouts,
    generations: result.fineTune.generationsRun,
  };
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Does a training set's reward predict held-out reward? Over the diagnosis's N system prompts: the
 * correlation between each prompt's mean reward on the set (from the tensor) and its test accuracy.
 */
async function transferCheck(
  world: string,
  task: Task,
  selection: TrainingSelection,
  testSamples: number,
): Promise<void> {
  const d = selection.diagnosis;
  if (d === undefined) return;
  const engine = engineFor(world, 0);
  const test = await Promise.all(d.prompts.map((p) => testAccuracy(engine, task, p.prompt, testSamples)));
  const K = d.tensor.examples;
  const rewardOn = (ks: readonly number[]): number[] =>
    d.prompts.map((_, n) => ks.reduce((a, k) => a + (d.tensor.means[n * K + k] as number), 0) / ks.length);
  const all = Array.from({ length: K }, (_, k) => k);
  const pair = d.analysis.subsets.top[0]?.examples ?? [];
  console.log(
    `[${world}] transfer over the ${d.prompts.length} diagnosis prompts: corr(reward on full train, test) = ` +
      `${f3(pearson(rewardOn(all), test))}, corr(reward on p1 pair, test) = ${f3(pearson(rewardOn(pair), test))}`,
  );
}

function summarize(name: string, outcomes: readonly ArmOutcome[]): string {
  const imp = meanInterval(outcomes.map((o) => o.improvement));
  const best = meanInterval(outcomes.map((o) => o.best));
  const rollouts = outcomes.reduce((a, o) => a + o.rollouts, 0) / outcomes.length;
  const gens = outcomes.reduce((a, o) => a + o.generations, 0) / outcomes.length;
  return (
    `  ${name.padEnd(14)} test improvement ${pts(imp.mean)} points [95% CI ${pts(imp.low)}, ${pts(imp.high)}]` +
    `  best test ${(100 * best.mean).toFixed(1)}%  (mean ${rollouts.toFixed(0)} rollouts, ${gens.toFixed(1)} generations)`
  );
}

async function kCurve(world: string, n: number, m: number, k: number): Promise<TrainingSelection> {
  const task = loadTask(`sim:${world}`);
  const engine = engineFor(world, 0);
  const selection = await selectTrainingSet(engine, task, task.splits.train, {
    method: 'p1',
    size: k,
    seed: 0,
    samples: m,
    prompts: {
      kind: 'generate',
      count: n,
      metaPrompt: defaultMetaPrompt(task, templates),
      system: generatorSystemPrompt(templates),
    },
  });
  const a = selection.diagnosis?.analysis;
  if (a === undefined) throw new Error('no diagnosis');
  console.log(
    `\n[${world}] N=${a.shape.prompts} prompts x K=${a.shape.examples} train examples x M=${m}: ${selection.record.rolloutsUsed} rollouts`,
  );
  console.log(`[${world}] verdict: ${a.verdict.headline}`);
  console.log(`[${world}]   K      signal      noise       ratio`);
  for (const p of a.kCurve) {
    console.log(
      `[${world}]   ${String(p.size).padEnd(6)} ${f3(p.signal).padEnd(11)} ${f3(p.noise).padEnd(11)} ${f3(p.ratio)}`,
    );
  }
  const first = a.kCurve[0];
  const last = a.kCurve[a.kCurve.length - 1];
  if (first !== undefined && last !== undefined) {
    console.log(
      `[${world}] K ${first.size} -> ${last.size}: signal x${f3(last.signal / first.signal)}, noise x${f3(last.noise / first.noise)}, ` +
        `ratio x${f3(last.ratio / first.ratio)} (noise alone would give ratio x${f3(first.noise / last.noise)})`,
    );
  }
  console.log(
    `[${world}] p1 subset (K_top=${k}): ${selection.record.chosenIds.join(', ')}; Score ${f3(a.subsets.top[0]?.score ?? Number.NaN)}, ratio ${f3(a.subsets.top[0]?.ratio ?? Number.NaN)}`,
  );
  return selection;
}

export async function run(args: string[]): Promise<void> {
  const seeds = option(args, 'seeds', 10);
  const n = option(args, 'n', 16);
  const m = option(args, 'm', 32);
  const k = option(args, 'k', 2);
  const budget = option(args, 'budget', 400);
  const testSamples = option(args, 'test-samples', 4);
  const worlds = stringOption(args, 'worlds', 'hetero,homo').split(',');
  console.log('p1 evidence on the SIMULATED world (sim:), not a real language model.');
  console.log(
    `settings: N=${n} M=${m} K_top=${k}; SePO budget ${budget} task rollouts per run; ${seeds} seeds; test ${testSamples} samples/example`,
  );

  console.log('\nPart 1: the decomposition as K grows at fixed M (random subsets of K training examples)');
  const selections = new Map<string, TrainingSelection>();
  for (const world of worlds) selections.set(world, await kCurve(world, n, m, k));

  console.log(
    '\nPart 2: SePO (seed prompt agent, CLI defaults) on the p1 pair vs the full training set vs a random pair,\n' +
      `same optimization budget (${budget} task rollouts; the one-time p1 diagnosis above is extra), held-out test`,
  );
  for (const world of worlds) {
    const task = loadTask(`sim:${world}`);
    const selection = selections.get(world);
    if (selection === undefined) continue;
    const arms: Record<'full' | 'p1' | 'random', ArmOutcome[]> = { full: [], p1: [], random: [] };
    for (let s = 0; s < seeds; s++) {
      const random = await selectTrainingSet(engineFor(world, s), task, task.splits.train, {
        method: 'random',
        size: k,
        seed: s,
      });
      arms.full.push(await runArm(world, task, task.splits.train, s, budget, testSamples));
      arms.p1.push(await runArm(world, task, selection.examples, s, budget, testSamples));
      arms.random.push(await runArm(world, task, random.examples, s, budget, testSamples));
    }
    console.log(
      `\n[${world}] seed prompt test accuracy ${(100 * (arms.full[0]?.seed ?? Number.NaN)).toFixed(1)}% (seed 0)`,
    );
    console.log(summarize(`full (${task.splits.train.length})`, arms.full));
    console.log(summarize(`p1 (${k})`, arms.p1));
    console.log(summarize(`random (${k})`, arms.random));
    const diff = pairedDifference(
      arms.p1.map((o) => o.improvement),
      arms.full.map((o) => o.improvement),
    );
    console.log(
      `[${world}] p1 - full (paired over seeds): ${pts(diff.mean)} points [95% CI ${pts(diff.low)}, ${pts(diff.high)}], p=${diff.pValue.toPrecision(2)}`,
    );
    await transferCheck(world, task, selection, testSamples);
    const verdict = selection.diagnosis?.analysis.verdict.kind;
    if (verdict === 'heterogeneous') {
      const shown = diff.low > 0;
      console.log(
        `[${world}] diagnosis heterogeneous; expected p1 > full: ${shown ? 'shown' : 'NOT shown'} (95% CI over ${seeds} seeds)`,
      );
      if (!shown) {
        console.log(
          `[${world}] why: this world draws every example's behaviour effects independently (mean ~0, spread ~1 logit),\n` +
            `[${world}] so a prompt's gain on the p1 pair says little about held-out examples (see the correlations above);\n` +
            `[${world}] p1's gain in the paper needs the high-variance examples to reward behaviours that also help elsewhere,\n` +
            `[${world}] which sim:hetero does not encode. Part 1 (signal falling ~1/K) and the diagnosis are unaffected.`,
        );
      }
    } else {
      console.log(
        `[${world}] diagnosis ${verdict}; expected full at least as good as p1: ` +
          `${diff.mean <= 0 ? 'yes' : 'no'} (mean p1 - full ${pts(diff.mean)}; p1 significantly better: ${diff.low > 0 ? 'yes' : 'no'})`,
      );
    }
  }
}
