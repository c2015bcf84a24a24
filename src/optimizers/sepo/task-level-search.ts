import { BudgetExhaustedError } from '../../errors.js';
import type { Rollout } from '../../spec/rollout.js';
import { requireTemplate } from '../../templates/load-templates.js';
import { renderTemplate } from '../../templates/render-template.js';
import { rngFor } from '../../util/rng.js';
import type { AdmissionRule } from '../framework/admission.js';
import { Archive } from '../framework/archive.js';
import { askAgent } from '../framework/ask-agent.js';
import { type Candidate, meanOn } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import { buildFeedback, DEFAULT_FEEDBACK, type FeedbackOptions } from '../framework/feedback-builder.js';
import { MinibatchSampler } from '../framework/minibatch-sampler.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import type { ParentSelector } from '../framework/parent-selectors.js';
import { firstStopReason } from '../framework/stop-conditions.js';

export interface TaskLevelOptions {
  readonly generations: number;
  readonly children: number;
  readonly minibatch: number;
  readonly selector: ParentSelector;
  readonly admission: AdmissionRule;
  /** The prompt agent's own system prompt (frozen during a task-level run). */
  readonly agentPrompt: string;
  /** The task prompt the archive starts from (default: the task's Manual-CoT prompt). */
  readonly seedPrompt?: string;
  readonly feedback?: FeedbackOptions;
  /** How many of the best archive members the prompt agent is shown (default 4). */
  readonly archiveView?: number;
  /** Validation examples used at most (default all). */
  readonly valLimit?: number;
  /** Prefix of candidate ids, to keep ids unique when several runs share a store run (default "t"). */
  readonly idPrefix?: string;
}

/** What the prompt agent did in one proposal, and how it turned out: the evidence for self-evolution. */
export interface ProposalRecord {
  readonly taskId: string;
  readonly generation: number;
  readonly parentId: string;
  readonly childId: string | undefined;
  readonly rationale: string;
  readonly parentScore: number;
  readonly childScore: number | undefined;
  readonly admitted: boolean;
  /** Example ids the child got right and the parent wrong, and the reverse. */
  readonly improved: readonly string[];
  readonly regressed: readonly string[];
  readonly failure?: string;
}

export interface TaskLevelResult {
  readonly archive: Archive;
  readonly seed: Candidate;
  readonly best: Candidate;
  /** The split the best candidate was chosen by. */
  readonly chosenBy: 'val' | 'train';
  readonly proposals: readonly ProposalRecord[];
  readonly stopReason: string;
  readonly generationsRun: number;
}

/**
 * SePO Algorithm 1 at the task level (sepo.md): an archive seeded with the Manual-CoT prompt; for G
 * generations, K children each: select a parent, run it on the generation's minibatch, show the prompt
 * agent balanced feedback and a compact archive, evaluate the child on the same minibatch (paired),
 * admit it by the admission rule. Returns the best member by validation score (training score when
 * there is no validation split). A budget stop ends the search cleanly with what was found so far.
 */
export async function runTaskLevelSearch(
  ctx: OptimizerContext,
  options: TaskLevelOptions,
): Promise<TaskLevelResult> {
  const { engine, task } = ctx;
  const prefix = options.idPrefix ?? 't';
  const rng = rngFor(ctx.seed, `${prefix}:sepo-task`);
  const archive = new Archive();
  const evaluator = new CandidateEvaluator(engine, task);
  const sampler = new MinibatchSampler(ctx.train, options.minibatch, ctx.seed);
  const val = options.valLimit === undefined ? ctx.val : ctx.val.slice(0, options.valLimit);
  const proposals: ProposalRecord[] = [];
  const template = requireTemplate(ctx.templates, 'sepo-propose');
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed: Candidate = {
    id: `${prefix}0`,
    prompt: options.seedPrompt ?? task.defaultSystemPrompt,
    parentId: undefined,
    generation: 0,
    status: 'seed',
    childrenCount: 0,
    scores: {},
  };
  archive.add(seed);
  notify(seed);
  let stopReason = `finished ${options.generations} generations`;
  let generation = 0;
  let nextId = 1;
  let bestTrain = Number.NEGATIVE_INFINITY;
  let stale = 0;
  try {
    if (val.length > 0) await evaluator.run(seed, val, 'val');
    notify(seed);
    for (generation = 0; generation < options.generations; generation++) {
      const reason = firstStopReason(ctx.stopConditions ?? [], {
        generation,
        spend: engine.spend(),
        remainingRollouts: engine.remainingRollouts(),
        bestScore: bestTrain,
        stale,
      });
      if (reason !== undefined) {
        stopReason = reason;
        break;
      }
      const batch = sampler.forGeneration(generation);
      const batchIds = batch.map((e) => e.id);
      for (let k = 0; k < options.children; k++) {
        const parent = options.selector.select(archive.members(), 'train', rng);
        const parentRollouts = await evaluator.run(parent, batch, 'train', `gen ${generation + 1} parent`);
        notify(parent);
        const parentScore = meanOn(parent.scores.train, batchIds) ?? 0;
        const feedback = buildFeedback(
          parentRollouts.map((rollout) => ({
            rollout,
            example: byId(batch, rollout.exampleId),
            userMessage: task.toUserMessage(byId(batch, rollout.exampleId)),
          })),
          rng.fork(`fb${generation}.${k}`),
          options.feedback ?? DEFAULT_FEEDBACK,
        );
        const request = renderTemplate(template, {
          task_description: task.description,
          parent_prompt: parent.prompt,
          feedback,
          archive: renderArchive(archive.top('train', options.archiveView ?? 4)),
        });
        parent.childrenCount++;
        const answer = await askAgent(
          engine,
          { system: options.agentPrompt, prompt: request, sample: generation * options.children + k },
          'prompt',
        );
        if (!answer.ok) {
          proposals.push(failedProposal(task.id, generation, parent, parentScore, answer.failure));
          continue;
        }
        const extracted = answer;
        const child: Candidate = {
          id: `${prefix}${nextId++}`,
          prompt: extracted.content,
          parentId: parent.id,
          generation: generation + 1,
          status: 'rejected',
          childrenCount: 0,
          scores: {},
          rationale: extracted.rationale,
        };
        engine.events.emit({
          type: 'candidate-proposed',
          candidateId: child.id,
          parentId: parent.id,
          generation: child.generation,
          prompt: child.prompt,
          level: 'task',
        });
        const childRollouts = await evaluator.run(child, batch, 'train', `gen ${generation + 1} child`);
        const childScore = meanOn(child.scores.train, batchIds) ?? 0;
        const admitted = options.admission.admit({ childScore, parentScore, n: batch.length });
        child.status = admitted ? 'admitted' : 'rejected';
        archive.add(child);
        if (admitted && val.length > 0) await evaluator.run(child, val, 'val', `gen ${generation + 1} val`);
        notify(child);
        engine.events.emit({
          type: admitted ? 'candidate-admitted' : 'candidate-rejected',
          candidateId: child.id,
          score: childScore,
          parentScore,
          level: 'task',
        });
        const flips = compareOn(parentRollouts, childRollouts);
        proposals.push({
          taskId: task.id,
          generation: generation + 1,
          parentId: parent.id,
          childId: child.id,
          rationale: extracted.rationale,
          parentScore,
          childScore,
          admitted,
          improved: flips.improved,
          regressed: flips.regressed,
        });
      }
      const currentBest = archive.best('train')?.scores.train?.mean ?? 0;
      if (currentBest > bestTrain + 1e-12) {
        bestTrain = currentBest;
        stale = 0;
      } else stale++;
      engine.events.emit({ type: 'generation-finished', generation: generation + 1, best: currentBest });
    }
  } catch (error) {
    if (!(error instanceof BudgetExhaustedError)) throw error;
    stopReason = error.message;
  }
  const chosenBy = val.length > 0 && seed.scores.val !== undefined ? 'val' : 'train';
  const best = archive.best(chosenBy) ?? seed;
  engine.events.emit({ type: 'stopped', reason: stopReason });
  return { archive, seed, best, chosenBy, proposals, stopReason, generationsRun: generation };
}

function byId<T extends { readonly id: string }>(items: readonly T[], id: string): T {
  const found = items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`example ${id} not in the minibatch`);
  return found;
}

/** The compact archive view: best members with their training accuracy. */
export function renderArchive(members: readonly Candidate[]): string {
  return members
    .map((c) => `<candidate score="${(c.scores.train?.mean ?? 0).toFixed(2)}">\n${c.prompt}\n</candidate>`)
    .join('\n');
}

function failedProposal(
  taskId: string,
  generation: number,
  parent: Candidate,
  parentScore: number,
  failure: string,
  rationale = '',
): ProposalRecord {
  return {
    taskId,
    generation: generation + 1,
    parentId: parent.id,
    childId: undefined,
    rationale,
    parentScore,
    childScore: undefined,
    admitted: false,
    improved: [],
    regressed: [],
    failure,
  };
}

function compareOn(
  parent: readonly Rollout[],
  child: readonly Rollout[],
): { improved: string[]; regressed: string[] } {
  const parentBy = new Map(parent.map((r) => [`${r.exampleId}#${r.sample}`, r.score]));
  const improved: string[] = [];
  const regressed: string[] = [];
  for (const r of child) {
    const p = parentBy.get(`${r.exampleId}#${r.sample}`);
    if (p === undefined) continue;
    if (r.score > p) improved.push(r.exampleId);
    else if (r.score < p) regressed.push(r.exampleId);
  }
  return { improved, regressed };
}
