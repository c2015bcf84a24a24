import { ConfigError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import { type ScoredRollout, scoredOnly } from '../../spec/rollout.js';
import type { Task } from '../../spec/task.js';
import { renderTemplate } from '../../templates/render-template.js';
import { type Rng, rngFor } from '../../util/rng.js';
import { type Candidate, childCandidate, mergeSplitScore, seedCandidate } from '../framework/candidate.js';
import type { MetaSpoLogEntry, MetaSpoPlan } from '../framework/method-details.js';
import type { MethodResult } from '../framework/method-result.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import type { StopOutcome } from '../framework/stop-conditions.js';
import {
  askAgent,
  baselineTemplate,
  budgetStopReason,
  emitProposed,
  emitVerdict,
  exampleById,
  settleAll,
  stopBefore,
  withInstruction,
} from './baseline-support.js';

export type { MetaSpoPlan } from '../framework/method-details.js';

/** A meta-training task and the training examples MetaSPO may draw from. */
export interface MetaSpoTask {
  readonly task: Task;
  readonly train: readonly Example[];
}

export interface MetaSpoOptions {
  /** Outer iterations (3). */
  readonly iterations: number;
  /** System-prompt candidates per outer iteration (9). */
  readonly systemCandidates: number;
  /** User-prompt candidates per task per inner loop (3). */
  readonly userCandidates: number;
  /** User prompts kept per task (beam 3). */
  readonly beam: number;
  /**
   * Training examples per task every node is scored on (MetaSPO: 50). Default: as many as let the whole
   * schedule fit the remaining rollout budget (at most 50), or 50 without a budget.
   */
  readonly examplesPerTask?: number;
  /** The flag that sets the rollouts this run may use, named when the budget is refused (default --budget). */
  readonly budgetFlag?: string;
  /** Wrong examples per task in the system-prompt analysis (2) and in the user-prompt analysis (3). */
  readonly wrongPerTask?: number;
  readonly wrongPerUser?: number;
  readonly seedPrompt?: string;
  /** Prefix of candidate ids (default "m"). */
  readonly idPrefix?: string;
}

interface Node {
  readonly id: string;
  readonly system: string;
  readonly instruction: string;
  readonly task: number;
  score: number;
  wrong: readonly { readonly example: Example; readonly rollout: ScoredRollout; readonly message: string }[];
  rollouts: readonly ScoredRollout[];
}

interface Templates {
  readonly systemAnalysis: readonly [string, string];
  readonly systemWriter: readonly [string, string];
  readonly userAnalysis: readonly [string, string];
  readonly userWriter: readonly [string, string];
}

/** MetaSPO's examples per task per evaluation (its reference setting). */
export const METASPO_REFERENCE_EXAMPLES = 50;

/** Fewest examples per task a budget-sized MetaSPO decides on; a smaller budget is refused. */
export const METASPO_MIN_EXAMPLES = 10;

/**
 * MetaSPO's schedule for a rollout budget. Every node (a system prompt with one task's user prompt)
 * is scored on the same examples of its task: the seed, `userCandidates` user prompts per task per
 * iteration, and every system candidate with each prompt of the task's beam. Examples per task are the
 * given number, else the most (up to the reference's 50, and each task's training set) that let the
 * whole schedule fit the budget.
 */
export function planMetaSpo(input: {
  readonly budget: number;
  readonly trainSizes: readonly number[];
  readonly iterations: number;
  readonly systemCandidates: number;
  readonly userCandidates: number;
  readonly beam: number;
  readonly examplesPerTask?: number;
}): MetaSpoPlan {
  let nodesPerTask = 1;
  let beamSize = 1;
  for (let i = 0; i < input.iterations; i++) {
    beamSize = Math.min(input.beam, beamSize + input.userCandidates);
    nodesPerTask += input.userCandidates + input.systemCandidates * beamSize;
  }
  const cost = (perTask: number): number =>
    nodesPerTask * input.trainSizes.reduce((sum, n) => sum + Math.min(perTask, n), 0);
  const largest = Math.max(1, ...input.trainSizes);
  const cap = Math.min(METASPO_REFERENCE_EXAMPLES, largest);
  let perTask = input.examplesPerTask ?? cap;
  if (input.examplesPerTask === undefined && Number.isFinite(input.budget))
    while (perTask > 0 && cost(perTask) > input.budget) perTask--;
  perTask = Math.max(1, perTask);
  return {
    nodesPerTask,
    examplesPerTask: perTask,
    minimum: cost(Math.min(METASPO_MIN_EXAMPLES, largest)),
    rollouts: cost(perTask),
    sizedByBudget: input.examplesPerTask === undefined && perTask < cap,
  };
}

/**
 * The refusal of a budget that leaves MetaSPO fewer than `METASPO_MIN_EXAMPLES` examples per task per
 * decision (or the task's whole training set when smaller), naming the flag that set the budget and the
 * minimum budget for these tasks and this schedule; undefined when the budget is enough or examples
 * per task are fixed.
 */
export function metaSpoBudgetRefusal(
  tasks: readonly MetaSpoTask[],
  budget: number,
  options: MetaSpoOptions,
): ConfigError | undefined {
  if (options.examplesPerTask !== undefined || !Number.isFinite(budget)) return undefined;
  const plan = planMetaSpo({
    budget,
    trainSizes: tasks.map((t) => t.train.length),
    iterations: options.iterations,
    systemCandidates: options.systemCandidates,
    userCandidates: options.userCandidates,
    beam: options.beam,
  });
  const floor = Math.min(METASPO_MIN_EXAMPLES, Math.max(1, ...tasks.map((t) => t.train.length)));
  if (plan.examplesPerTask >= floor && plan.rollouts <= budget) return undefined;
  const flag = options.budgetFlag ?? '--budget';
  const left = plan.rollouts <= budget ? plan.examplesPerTask : 0;
  return new ConfigError(
    flag,
    `${budget} task rollouts leave MetaSPO ${left} example(s) per task per decision; it needs at least ${plan.minimum} for its schedule on ${tasks.length} task(s) (${tasks.map((t) => t.task.id).join(', ')}): ${floor} examples per task for each of its ${plan.nodesPerTask} evaluations per task (${options.iterations} iterations of ${options.userCandidates} user prompts and ${options.systemCandidates} system prompts × beam ${options.beam}, plus the seed). Raise ${flag} to ${plan.minimum}, or shorten the schedule (--metaspo-iterations, --system-candidates, --user-candidates, --beam)`,
  );
}

/**
 * MetaSPO (Choi et al. 2025), bilevel system-prompt optimization. Every task of the meta-training
 * pool has a beam of user prompts (here: an instruction placed before each question, starting from
 * the task description). Each iteration: the inner loop writes new user prompts for each task from
 * the wrong responses of its best one (analysis, then rewrite) and keeps the best `beam`; the outer
 * loop writes `systemCandidates` system prompts from wrong responses pooled across tasks (analysis,
 * then rewrite), scores each with every task's beam, and keeps one only if the mean score across tasks
 * improves. Its optimizer prompts are fixed hand-written text. With a pool, the result is applied to an
 * unseen target (MetaSPO's unseen-generalization setting); with none, the target's own training set is
 * the single meta-training task. The result is the final system prompt.
 */
export async function runMetaSpo(
  ctx: OptimizerContext,
  pool: readonly MetaSpoTask[],
  options: MetaSpoOptions,
): Promise<MethodResult> {
  const { engine } = ctx;
  const prefix = options.idPrefix ?? 'm';
  const tasks = pool.length > 0 ? pool : [{ task: ctx.task, train: ctx.train }];
  const rng = rngFor(ctx.seed, `${prefix}:metaspo`);
  const remaining = engine.remainingRollouts();
  const plan = planMetaSpo({
    budget: remaining,
    trainSizes: tasks.map((t) => t.train.length),
    iterations: options.iterations,
    systemCandidates: options.systemCandidates,
    userCandidates: options.userCandidates,
    beam: options.beam,
    ...(options.examplesPerTask === undefined ? {} : { examplesPerTask: options.examplesPerTask }),
  });
  const refusal = metaSpoBudgetRefusal(tasks, remaining, options);
  if (refusal !== undefined) throw refusal;
  const perTask = plan.examplesPerTask;
  const subsets = tasks.map((t) =>
    rngFor(ctx.seed, `${prefix}:metaspo:${t.task.id}`).shuffle(t.train).slice(0, perTask),
  );
  const pair = (name: string): readonly [string, string] => [
    baselineTemplate(ctx.templates, `${name}-system`),
    baselineTemplate(ctx.templates, name),
  ];
  const templates: Templates = {
    systemAnalysis: pair('metaspo-system-analysis'),
    systemWriter: pair('metaspo-system-writer'),
    userAnalysis: pair('metaspo-user-analysis'),
    userWriter: pair('metaspo-user-writer'),
  };
  let calls = 0;
  let nodeCount = 0;
  const ask = (t: readonly [string, string], values: Record<string, string>, tag: string, sample: number) =>
    askAgent(engine, { system: t[0], prompt: renderTemplate(t[1], values), sample }, tag);
  const evaluate = async (system: string, instruction: string, task: number): Promise<Node> => {
    const node: Node = {
      id: `${prefix}n${nodeCount++}`,
      system,
      instruction,
      task,
      score: 0,
      wrong: [],
      rollouts: [],
    };
    const source = (tasks[task] as MetaSpoTask).task;
    const wrapped = withInstruction(source, instruction);
    const examples = subsets[task] as readonly Example[];
    // Failed calls are not answers: the node is scored on the examples that were scored.
    const rollouts = scoredOnly(
      await engine.evaluate(
        wrapped,
        examples.map((example) => ({ candidateId: node.id, systemPrompt: system, example, sample: 0 })),
        { label: `metaspo ${source.id}` },
      ),
    );
    node.rollouts = rollouts;
    node.score = rollouts.reduce((s, r) => s + r.score, 0) / Math.max(1, rollouts.length);
    node.wrong = rollouts
      .filter((r) => r.score < 1)
      .map((rollout) => {
        const example = exampleById(examples, rollout.exampleId);
        return { example, rollout, message: wrapped.toUserMessage(example) };
      });
    return node;
  };
  const score = (beams: readonly (readonly Node[])[]): number => {
    const all = beams.flat();
    return all.reduce((s, n) => s + n.score, 0) / Math.max(1, all.length);
  };
  const scoreCandidate = (c: Candidate, beams: readonly (readonly Node[])[], meta: number): void => {
    const results = beams.flat().flatMap((n) =>
      n.rollouts.map((r) => ({
        exampleId: `${(tasks[n.task] as MetaSpoTask).task.id}#${r.exampleId}`,
        score: r.score,
      })),
    );
    c.scores.train = { ...mergeSplitScore(undefined, results), mean: meta };
  };
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? ctx.task.defaultSystemPrompt);
  const archive: Candidate[] = [seed];
  const log: MetaSpoLogEntry[] = [];
  notify(seed);
  let current = seed;
  let beams: Node[][] = [];
  let meta = 0;
  let stop: StopOutcome = {
    category: plan.sizedByBudget ? 'budget' : 'schedule',
    reason: `finished ${options.iterations} iterations on ${perTask} example(s) per task${plan.sizedByBudget ? ' (sized to the budget)' : ''}`,
  };
  try {
    beams = (await settleAll(tasks.map((t, i) => evaluate(seed.prompt, t.task.description, i)))).map((n) => [
      n,
    ]);
    meta = score(beams);
    scoreCandidate(seed, beams, meta);
    notify(seed);
    for (let iteration = 0; iteration < options.iterations; iteration++) {
      const early = stopBefore(
        ctx,
        iteration,
        meta,
        subsets.reduce((n, s) => n + s.length, 0),
      );
      if (early !== undefined) {
        stop = early;
        break;
      }
      // Inner loop: new user prompts for each task from its best node's wrong responses.
      for (let t = 0; t < beams.length; t++) {
        const best = (beams[t] as Node[])[0] as Node;
        const proposals = await settleAll(
          Array.from({ length: options.userCandidates }, () => writeUserPrompt(best)),
        );
        for (const instruction of proposals) {
          if (instruction !== undefined)
            (beams[t] as Node[]).push(await evaluate(best.system, instruction, t));
        }
        beams[t] = [...(beams[t] as Node[])].sort((a, b) => b.score - a.score).slice(0, options.beam);
      }
      meta = score(beams);
      log.push({
        iteration: iteration + 1,
        loop: 'inner',
        meta,
        beams: beams.map((b) => b.map((n) => n.score)),
      });
      // Outer loop: system prompts from failures pooled across tasks, all from the same state.
      const proposals = await settleAll(
        Array.from({ length: options.systemCandidates }, () => writeSystemPrompt(current, beams)),
      );
      const base = beams;
      for (const proposal of proposals) {
        if (proposal === undefined) continue;
        const child = childCandidate(
          `${prefix}${archive.length}`,
          proposal.prompt,
          current,
          iteration + 1,
          proposal.analysis,
        );
        current.childrenCount++;
        archive.push(child);
        emitProposed(engine, child);
        const next: Node[][] = [];
        for (const b of base)
          next.push(await settleAll(b.map((n) => evaluate(child.prompt, n.instruction, n.task))));
        const childMeta = score(next);
        scoreCandidate(child, next, childMeta);
        const accepted = childMeta > meta;
        child.status = accepted ? 'admitted' : 'rejected';
        notify(child);
        emitVerdict(engine, child, accepted, childMeta, meta);
        if (accepted) {
          beams = next.map((b) => [...b].sort((x, y) => y.score - x.score));
          current = child;
          meta = childMeta;
        }
      }
      log.push({ iteration: iteration + 1, loop: 'outer', meta, system: current.id });
      engine.events.emit({ type: 'generation-finished', generation: iteration + 1, best: meta });
    }
  } catch (error) {
    stop = budgetStopReason(error);
  }
  engine.events.emit({ type: 'stopped', reason: stop.reason });
  return {
    seed,
    best: current,
    archive,
    chosenBy: 'train',
    stopReason: stop.reason,
    stopCategory: stop.category,
    details: {
      method: 'metaspo',
      plan,
      setting: pool.length > 0 ? 'unseen-generalization' : 'single-task',
      metaTasks: tasks.map((t) => t.task.id),
      examplesPerTask: perTask,
      userPrompts: beams.map((b, t) => ({
        task: (tasks[t] as MetaSpoTask).task.id,
        beam: b.map((n) => ({ instruction: n.instruction, score: n.score })),
      })),
      log,
    },
  };

  // Sample numbers and random draws are taken before the first await, so they do not depend on the
  // order in which concurrent calls finish.
  async function writeUserPrompt(node: Node): Promise<string | undefined> {
    const sample = calls;
    calls += 2;
    const examples = renderWrong(sampleWrong(node, options.wrongPerUser ?? 3, rng));
    const values = { system_prompt: node.system, instruction: node.instruction, examples };
    const analysis = await ask(templates.userAnalysis, values, 'critique', sample);
    const written = await ask(
      templates.userWriter,
      { ...values, analysis: analysis.ok ? analysis.content : 'N/A' },
      'improved_instruction_prompt',
      sample + 1,
    );
    return written.ok ? written.content : undefined;
  }

  async function writeSystemPrompt(
    system: Candidate,
    state: readonly (readonly Node[])[],
  ): Promise<{ prompt: string; analysis: string } | undefined> {
    const sample = calls;
    calls += 2;
    const wrongByTask = state.map((b) =>
      renderWrong(sampleWrong(b[0] as Node, options.wrongPerTask ?? 2, rng)),
    );
    const examples = rng
      .shuffle(wrongByTask)
      .filter((s) => s !== '')
      .join('\n');
    const analysis = await ask(
      templates.systemAnalysis,
      { system_prompt: system.prompt, examples: examples === '' ? '(none)' : examples },
      'critique',
      sample,
    );
    const analysisText = analysis.ok ? analysis.content : 'N/A';
    const written = await ask(
      templates.systemWriter,
      { system_prompt: system.prompt, analysis: analysisText },
      'improved_system_prompt',
      sample + 1,
    );
    return written.ok ? { prompt: written.content, analysis: analysisText } : undefined;
  }
}

function sampleWrong(node: Node, count: number, rng: Rng): Node['wrong'] {
  return node.wrong.length <= count ? node.wrong : rng.shuffle(node.wrong).slice(0, count);
}

/** MetaSPO's example template (the system prompt is shown once, above the examples). */
function renderWrong(items: Node['wrong']): string {
  const tail = (text: string): string => (text.length <= 800 ? text : `[...]${text.slice(-800)}`);
  return items
    .map(({ example, rollout, message }) =>
      [
        '<Example>',
        'User prompt:',
        tail(message),
        '',
        'Response:',
        tail(rollout.response),
        '',
        'Prediction:',
        rollout.extracted ?? '(no answer found)',
        '',
        'The correct label is :',
        example.answer,
        '</Example>',
      ].join('\n'),
    )
    .join('\n');
}
