import type { Engine } from '../../engine/engine.js';
import { BudgetExhaustedError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import type { PromptTemplates } from '../../templates/load-templates.js';
import { requireTemplate } from '../../templates/load-templates.js';
import { renderTemplate } from '../../templates/render-template.js';
import { sha256 } from '../../util/hash.js';
import { rngFor } from '../../util/rng.js';
import type { AdmissionRule } from '../framework/admission.js';
import { Archive } from '../framework/archive.js';
import { askAgent } from '../framework/ask-agent.js';
import {
  type Candidate,
  childCandidate,
  meanOn,
  mergeSplitScore,
  type SplitScore,
  seedCandidate,
} from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import type { ParentSelector } from '../framework/parent-selectors.js';
import { type ProposalRecord, runTaskLevelSearch, type TaskLevelOptions } from './task-level-search.js';

/** A pool task with the examples the inner runs train on and the held-out ones that measure them. */
export interface PoolTask {
  readonly task: Task;
  readonly train: readonly Example[];
  readonly heldOut: readonly Example[];
}

export interface AgentLevelOptions {
  readonly generations: number;
  readonly children: number;
  /** Pool tasks sampled per generation; parent and children are all scored on the same ones. */
  readonly tasksPerEval: number;
  /** The short task-level run that measures a prompt-agent prompt. */
  readonly inner: Omit<TaskLevelOptions, 'agentPrompt' | 'idPrefix' | 'seedPrompt'>;
  readonly selector: ParentSelector;
  readonly admission: AdmissionRule;
  readonly seedAgentPrompt: string;
  /** Proposals shown to the agent when it edits its own prompt (default 8). */
  readonly historySize?: number;
}

export interface AgentLevelContext {
  readonly engine: Engine;
  readonly pool: readonly PoolTask[];
  readonly seed: number;
  readonly templates: PromptTemplates;
  readonly onCandidate?: (candidate: Candidate, level: 'task' | 'agent') => void;
}

/** One inner run of an agent prompt on a pool task: its fitness there, on held-out examples. */
export interface HeldOutRecord {
  readonly taskId: string;
  /** The agent generation (0-based) whose task sample this run scored. */
  readonly generation: number;
  /** Held-out accuracy of the task's seed prompt and of the inner run's best prompt. */
  readonly seedScore: number;
  readonly bestScore: number;
  /** Held-out examples behind both. */
  readonly n: number;
  readonly proposals: number;
  readonly admitted: number;
}

export interface AgentLevelResult {
  readonly archive: Archive;
  readonly seed: Candidate;
  readonly best: Candidate;
  readonly stopReason: string;
  /** Proposal evidence gathered per agent candidate id (outcomes on inner-run training minibatches). */
  readonly evidence: ReadonlyMap<string, readonly ProposalRecord[]>;
  /** Held-out improvement per inner run, per agent candidate id: the fitness its score averages. */
  readonly heldOut: ReadonlyMap<string, readonly HeldOutRecord[]>;
}

/**
 * SePO pre-training (docs/architecture.md, Stage 1): Algorithm 1 over prompt-agent prompts. A
 * prompt-agent prompt is scored by the mean improvement, over the generation's pool tasks, that a short
 * task-level run with it achieves over the task's seed prompt on held-out examples. Children are
 * written by the prompt agent running on the parent prompt itself, shown its held-out improvement per
 * task (its fitness) and its own past proposals with their minibatch outcomes, each labelled as what
 * it is.
 *
 * Members are scored on different pool-task samples (each generation draws its own), so their raw
 * means are not comparable; they are ranked (parent selection, best) by a lineage score: the seed's
 * mean improvement, plus along each edge the child's paired difference from its parent on the tasks
 * both were scored on (docs/sepo-decisions.md). Admission is paired on the generation's tasks.
 */
export async function runAgentLevelSearch(
  ctx: AgentLevelContext,
  options: AgentLevelOptions,
): Promise<AgentLevelResult> {
  const { engine } = ctx;
  const rng = rngFor(ctx.seed, 'sepo-agent');
  const archive = new Archive();
  const evidence = new Map<string, ProposalRecord[]>();
  const heldOutRecords = new Map<string, HeldOutRecord[]>();
  const heldOutEvaluators = new Map(ctx.pool.map((p) => [p.task.id, new CandidateEvaluator(engine, p.task)]));
  const seedScores = new Map<string, number>();
  const template = requireTemplate(ctx.templates, 'sepo-self-edit');
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'agent');

  /** Scores an agent prompt on one pool task for generation `g`: held-out improvement over the seed. */
  const scoreOnTask = async (agent: Candidate, pool: PoolTask, g: number): Promise<number> => {
    const inner = await runTaskLevelSearch(
      {
        engine,
        task: pool.task,
        train: pool.train,
        val: [],
        seed: ctx.seed * 1000 + g,
        templates: ctx.templates,
      },
      { ...options.inner, agentPrompt: agent.prompt, idPrefix: `${agent.id}.${pool.task.id}.g${g}.` },
    );
    const evaluator = heldOutEvaluators.get(pool.task.id) as CandidateEvaluator;
    const measure = async (c: Candidate): Promise<number> => {
      const rollouts = await evaluator.run(
        { ...c, id: `heldout-${sha256(c.prompt).slice(0, 12)}`, scores: {} },
        pool.heldOut,
        'heldout',
      );
      return rollouts.reduce((a, r) => a + r.score, 0) / Math.max(1, rollouts.length);
    };
    let seedScore = seedScores.get(pool.task.id);
    if (seedScore === undefined) {
      seedScore = await measure(inner.seed);
      seedScores.set(pool.task.id, seedScore);
    }
    const bestScore = inner.best === inner.seed ? seedScore : await measure(inner.best);
    const records = evidence.get(agent.id) ?? [];
    records.push(...inner.proposals);
    evidence.set(agent.id, records);
    const fitness = heldOutRecords.get(agent.id) ?? [];
    fitness.push({
      taskId: pool.task.id,
      generation: g,
      seedScore,
      bestScore,
      n: pool.heldOut.length,
      proposals: inner.proposals.length,
      admitted: inner.proposals.filter((p) => p.admitted).length,
    });
    heldOutRecords.set(agent.id, fitness);
    return bestScore - seedScore;
  };

  const scoreAgent = async (agent: Candidate, tasks: readonly PoolTask[], g: number): Promise<void> => {
    const results: Array<{ exampleId: string; score: number }> = [];
    for (const pool of tasks) {
      const key = `${pool.task.id}@g${g}`;
      if (agent.scores.improvement?.perExample[key] !== undefined) continue;
      results.push({ exampleId: key, score: await scoreOnTask(agent, pool, g) });
    }
    agent.scores.improvement = mergeSplitScore(agent.scores.improvement, results);
    notify(agent);
  };

  const seed = seedCandidate('a0', options.seedAgentPrompt);
  archive.add(seed);
  let stopReason = `finished ${options.generations} agent generations`;
  let nextId = 1;
  try {
    for (let g = 0; g < options.generations; g++) {
      const tasks = rng.fork(`tasks${g}`).shuffle(ctx.pool).slice(0, options.tasksPerEval);
      const keys = tasks.map((t) => `${t.task.id}@g${g}`);
      for (let k = 0; k < options.children; k++) {
        const parent = options.selector.select(archive.members(), LINEAGE, rng);
        await scoreAgent(parent, tasks, g);
        const parentScore = meanOn(parent.scores.improvement, keys) ?? 0;
        // The seed anchors every lineage score: its own mean improvement on the tasks first scored.
        if (parent.scores[LINEAGE] === undefined)
          parent.scores[LINEAGE] = lineageScore(parentScore, keys.length);
        const request = renderTemplate(template, {
          agent_prompt: parent.prompt,
          fitness: renderFitness(heldOutRecords.get(parent.id) ?? []),
          history: renderHistory(evidence.get(parent.id) ?? [], options.historySize ?? 8),
        });
        parent.childrenCount++;
        // The self-referential step: the agent, running on the parent prompt, rewrites that prompt.
        const extracted = await askAgent(
          engine,
          { system: parent.prompt, prompt: request, sample: g * options.children + k },
          'prompt',
        );
        if (!extracted.ok) continue;
        const child = childCandidate(`a${nextId++}`, extracted.content, parent, g + 1, extracted.rationale);
        engine.events.emit({
          type: 'candidate-proposed',
          candidateId: child.id,
          parentId: parent.id,
          generation: g + 1,
          prompt: child.prompt,
          level: 'agent',
        });
        await scoreAgent(child, tasks, g);
        const childScore = meanOn(child.scores.improvement, keys) ?? 0;
        const parentLineage = parent.scores[LINEAGE];
        child.scores[LINEAGE] = lineageScore(
          (parentLineage?.mean ?? parentScore) + childScore - parentScore,
          (parentLineage?.n ?? 0) + keys.length,
        );
        const spread = standardError(
          tasks.map((t) => parent.scores.improvement?.perExample[`${t.task.id}@g${g}`] ?? 0),
        );
        const admitted =
          options.admission.name === 'better-or-within-noise'
            ? childScore >= parentScore - spread
            : options.admission.admit({ childScore, parentScore, n: tasks.length });
        child.status = admitted ? 'admitted' : 'rejected';
        archive.add(child);
        notify(child);
        engine.events.emit({
          type: admitted ? 'candidate-admitted' : 'candidate-rejected',
          candidateId: child.id,
          score: childScore,
          parentScore,
          level: 'agent',
        });
      }
      engine.events.emit({
        type: 'generation-finished',
        generation: g + 1,
        best: archive.best(LINEAGE)?.scores[LINEAGE]?.mean ?? 0,
      });
    }
  } catch (error) {
    if (!(error instanceof BudgetExhaustedError)) throw error;
    stopReason = error.message;
  }
  return {
    archive,
    seed,
    best: archive.best(LINEAGE) ?? seed,
    stopReason,
    evidence,
    heldOut: heldOutRecords,
  };
}

/** The split name of the lineage score agent prompts are ranked by. */
const LINEAGE = 'lineage';

/**
 * A lineage score: an estimate of the seed-anchored mean improvement, built from paired differences
 * only. `n` counts the (task, generation) comparisons summed along the lineage; it has no per-example
 * entries because it is not a mean over examples.
 */
function lineageScore(mean: number, n: number): SplitScore {
  return { mean, n, perExample: {}, counts: {} };
}

/** The agent's fitness as the search measures it: held-out improvement of its best prompt per inner run. */
export function renderFitness(records: readonly HeldOutRecord[]): string {
  if (records.length === 0) return '(not measured yet)';
  const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
  const mean = records.reduce((a, r) => a + r.bestScore - r.seedScore, 0) / records.length;
  const lines = records.map((r) => {
    const gain = (r.bestScore - r.seedScore) * 100;
    return `<task id="${r.taskId}" round="${r.generation + 1}">held-out accuracy ${pct(r.seedScore)} (starting prompt) -> ${pct(r.bestScore)} (your best prompt), ${gain >= 0 ? '+' : ''}${gain.toFixed(0)} points on ${r.n} held-out examples; ${r.admitted} of ${r.proposals} proposals kept</task>`;
  });
  return [
    ...lines,
    `Mean held-out improvement: ${mean >= 0 ? '+' : ''}${(mean * 100).toFixed(1)} points.`,
  ].join('\n');
}

/** Improvements are not binary: the admission tolerance is the standard error of the parent's per-task scores. */
function standardError(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

/**
 * The agent's own track record, most informative first: regressions and gains before no-ops. Outcomes
 * are on the inner run's admission minibatch: training examples the agent was not shown, not held-out.
 */
export function renderHistory(records: readonly ProposalRecord[], size: number): string {
  if (records.length === 0) return '(no proposals yet)';
  const ranked = [...records].sort(
    (a, b) =>
      Math.abs((b.childScore ?? b.parentScore) - b.parentScore) -
      Math.abs((a.childScore ?? a.parentScore) - a.parentScore),
  );
  return ranked
    .slice(0, size)
    .map((r, i) => {
      const outcome =
        r.childScore === undefined
          ? `FAILED (${r.failure ?? 'no prompt'})`
          : `${r.childScore > r.parentScore ? 'IMPROVED' : r.childScore < r.parentScore ? 'REGRESSED' : 'UNCHANGED'} on the training minibatch ${(r.parentScore * 100).toFixed(0)}% -> ${(r.childScore * 100).toFixed(0)}% (${r.admitted ? 'kept' : 'discarded'})`;
      const flips = `better on [${r.improved.slice(0, 6).join(', ')}], worse on [${r.regressed.slice(0, 6).join(', ')}]`;
      return `<proposal n="${i + 1}" task="${r.taskId}">\nOutcome: ${outcome}; ${flips}\nYour rationale: ${r.rationale.slice(0, 500)}\n</proposal>`;
    })
    .join('\n');
}
