// `npm run bench -- sepo-admission [seeds] [targets]`: what SePO's task-level archive admits and chooses,
// on the SIMULATED world, with the seed prompt agent (no "no-copy" habit: it quotes shown examples with
// their answers in about half of its children — the world's memorisation trap).
// - admission: every admitted child's expected test accuracy (the world's exact success probability,
//   averaged over the test split), the share that quote a training example, and the gain over its parent;
// - choice: in runs without a validation split (as SePO's inner pre-training runs), the expected test
//   accuracy of the member chosen as best, against the best member in hindsight (regret); in every run,
//   the rank correlation between the score parent selection ranks members by and their expected test
//   accuracy.
// Everything printed here is a result on a simulation, not on a language model.
import { Engine } from '../src/engine/engine.js';
import { resolveModel } from '../src/models/resolve-model.js';
import '../src/sim/register.js';
import { betterOrWithinNoise } from '../src/optimizers/framework/admission.js';
import type { Candidate } from '../src/optimizers/framework/candidate.js';
import { scoreChildSelector } from '../src/optimizers/framework/parent-selectors.js';
import { runTaskLevelSearch, type TaskLevelResult } from '../src/optimizers/sepo/task-level-search.js';
import { loadWorld, type SimWorld, successProbability } from '../src/sim/index.js';
import type { Task } from '../src/spec/task.js';
import { meanInterval } from '../src/stats/intervals.js';
import { loadTask } from '../src/tasks/load-task.js';
import { loadTemplates, requireTemplate } from '../src/templates/load-templates.js';

const templates = loadTemplates();
const leakyAgent = requireTemplate(templates, 'sepo-agent-seed');

interface Setting {
  readonly name: string;
  readonly withVal: boolean;
  readonly generations: number;
  readonly minibatch: number;
}
const SETTINGS: readonly Setting[] = [
  { name: 'fine-tune (val split, G=5 K=2 m=16)', withVal: true, generations: 5, minibatch: 16 },
  { name: 'no val split (as inner runs, G=5 K=2 m=8)', withVal: false, generations: 5, minibatch: 8 },
];

function testAccuracy(world: SimWorld, local: string, task: Task, prompt: string): number {
  const ps = task.splits.test.map((e) => successProbability(world, local, prompt, e.id));
  return ps.reduce((a, b) => a + b, 0) / Math.max(1, ps.length);
}

/** The split parent selection ranks members by (the training mean when the search names none). */
function selectionSplit(result: TaskLevelResult): string {
  return (result as { readonly selectionSplit?: string }).selectionSplit ?? 'train';
}

function spearman(xs: readonly number[], ys: readonly number[]): number | undefined {
  if (xs.length < 3) return undefined;
  const rank = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
    const r = new Array<number>(v.length).fill(0);
    for (let k = 0; k < order.length; ) {
      let j = k;
      while (j + 1 < order.length && order[j + 1]?.x === order[k]?.x) j++;
      for (let t = k; t <= j; t++) r[order[t]?.i ?? 0] = (k + j) / 2;
      k = j + 1;
    }
    return r;
  };
  const a = rank(xs);
  const b = rank(ys);
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += ((a[i] ?? 0) - ma) * ((b[i] ?? 0) - mb);
    da += ((a[i] ?? 0) - ma) ** 2;
    db += ((b[i] ?? 0) - mb) ** 2;
  }
  return da === 0 || db === 0 ? undefined : num / Math.sqrt(da * db);
}

const pts = (x: number): string => (x * 100).toFixed(1);
const ci = (xs: readonly number[]): string => {
  if (xs.length === 0) return 'n/a';
  const c = meanInterval(xs);
  return `${pts(c.mean)} [${pts(c.low)}, ${pts(c.high)}]`;
};

export async function run(args: string[]): Promise<void> {
  const seeds = Number(args[0] ?? '20');
  const targets = (args[1] ?? 'sim:pool/arith,sim:pool/units,sim:pool/dates,sim:demo/arith').split(',');
  // Held-back selection examples in runs without a validation split (default: the search's default).
  const selectionSize = args[2] === undefined ? undefined : Number(args[2]);
  console.log(
    `SePO admission and choice on the SIMULATED world, ${seeds} seeds, targets ${targets.join(', ')}, seed prompt agent (leaks shown examples); results on a simulation, not a language model`,
  );
  for (const setting of SETTINGS) {
    const admittedAcc: number[] = [];
    const admittedGain: number[] = [];
    let admitted = 0;
    let admittedLeaky = 0;
    let admittedNewLeak = 0;
    let newLeakChildren = 0;
    let otherChildren = 0;
    let otherAdmitted = 0;
    let rejected = 0;
    let rejectedLeaky = 0;
    const chosenAcc: number[] = [];
    const regret: number[] = [];
    const rho: number[] = [];
    let rollouts = 0;
    for (const id of targets) {
      const task = loadTask(id);
      const [worldName = '', local = ''] = id.slice(4).split('/');
      const world = loadWorld(worldName);
      for (let seed = 1; seed <= seeds; seed++) {
        const engine = new Engine({
          taskModel: resolveModel(`sim:${worldName}`),
          useSharedCache: false,
          sampling: { task: { seed }, optimizer: { seed } },
        });
        const result = await runTaskLevelSearch(
          {
            engine,
            task,
            train: task.splits.train,
            val: setting.withVal ? task.splits.val : [],
            seed,
            templates,
          },
          {
            generations: setting.generations,
            children: 2,
            minibatch: setting.minibatch,
            selector: scoreChildSelector(),
            admission: betterOrWithinNoise(),
            agentPrompt: leakyAgent,
            valLimit: 100,
            ...(selectionSize === undefined ? {} : { selectionSize }),
          },
        );
        rollouts += engine.spend().task.rollouts;
        const acc = new Map<string, number>();
        const accOf = (c: Candidate): number => {
          const known = acc.get(c.id);
          if (known !== undefined) return known;
          const a = testAccuracy(world, local, task, c.prompt);
          acc.set(c.id, a);
          return a;
        };
        for (const c of result.archive.all()) {
          if (c.status === 'seed') continue;
          const leaky = world.featuresOf(c.prompt).leaked.size > 0;
          const parentLeaks = world.featuresOf(result.archive.get(c.parentId ?? '')?.prompt ?? '').leaked;
          const newLeak = [...world.featuresOf(c.prompt).leaked].some((e) => !parentLeaks.has(e));
          if (newLeak) newLeakChildren++;
          else {
            otherChildren++;
            if (c.status === 'admitted') otherAdmitted++;
          }
          if (c.status === 'admitted') {
            admitted++;
            if (leaky) admittedLeaky++;
            admittedAcc.push(accOf(c));
            const parent = result.archive.get(c.parentId ?? '');
            if (parent !== undefined) admittedGain.push(accOf(c) - accOf(parent));
            if (newLeak) admittedNewLeak++;
          } else {
            rejected++;
            if (leaky) rejectedLeaky++;
          }
        }
        const members = result.archive.members();
        const best = Math.max(...members.map(accOf));
        chosenAcc.push(accOf(result.best));
        regret.push(best - accOf(result.best));
        const split = selectionSplit(result);
        const ranked = members.filter((c) => c.scores[split] !== undefined);
        const r = spearman(
          ranked.map((c) => c.scores[split]?.mean ?? 0),
          ranked.map(accOf),
        );
        if (r !== undefined) rho.push(r);
      }
    }
    console.log(`\n${setting.name}`);
    console.log(
      `  admitted children: ${admitted} (${pts(admittedLeaky / Math.max(1, admitted))}% quote a training example, ${pts(admittedNewLeak / Math.max(1, admitted))}% add a quote their parent lacks); rejected: ${rejected} (${pts(rejectedLeaky / Math.max(1, rejected))}% quote)`,
    );
    console.log(
      `  admission rate: children that add a quote ${pts(admittedNewLeak / Math.max(1, newLeakChildren))}% (${admittedNewLeak}/${newLeakChildren}), other children ${pts(otherAdmitted / Math.max(1, otherChildren))}% (${otherAdmitted}/${otherChildren})`,
    );
    console.log(`  admitted children's expected test accuracy: ${ci(admittedAcc)}`);
    console.log(`  admitted child minus its parent, expected test accuracy: ${ci(admittedGain)} points`);
    console.log(`  chosen best, expected test accuracy: ${ci(chosenAcc)}`);
    console.log(`  regret (best member in hindsight minus chosen): ${ci(regret)} points`);
    console.log(
      `  rank correlation of the parent-selection score with expected test accuracy over members (per run): ${ci(rho)} (x100)`,
    );
    console.log(`  task rollouts per run: ${(rollouts / (seeds * targets.length)).toFixed(0)}`);
  }
}
