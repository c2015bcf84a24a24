import type { ScoredRollout } from '../../spec/rollout.js';
import { requireTemplate } from '../../templates/load-templates.js';
import { renderTemplate } from '../../templates/render-template.js';
import { rngFor } from '../../util/rng.js';
import type { AdmissionRule } from '../framework/admission.js';
import { Archive } from '../framework/archive.js';
import { askAgent } from '../framework/ask-agent.js';
import { type Candidate, childCandidate, meanOn, seedCandidate } from '../framework/candidate.js';
import { CandidateEvaluator } from '../framework/evaluator.js';
import { buildFeedback, DEFAULT_FEEDBACK, type FeedbackOptions } from '../framework/feedback-builder.js';
import { MinibatchSampler, partitionTraining } from '../framework/minibatch-sampler.js';
import type { OptimizerContext } from '../framework/optimizer-context.js';
import type { ParentSelector } from '../framework/parent-selectors.js';
import { budgetStop, firstStop, type StopCategory } from '../framework/stop-conditions.js';

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
  /**
   * Held-back training examples every archive member is scored on when there is no validation split
   * (default: twice the minibatch size; at most a third of the training set is held back). Ignored
   * when there is a validation split: it is the selection set.
   */
  readonly selectionSize?: number;
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
  /**
   * Parent and child on the generation's admission batch: training examples the prompt agent was not
   * shown, scored for both (the paired comparison admission decided on). A failed proposal has only
   * the parent's score (0 when the parent was not yet run on that batch).
   */
  readonly parentScore: number;
  readonly childScore: number | undefined;
  readonly admitted: boolean;
  /** Example ids (of the admission batch) the child got right and the parent wrong, and the reverse. */
  readonly improved: readonly string[];
  readonly regressed: readonly string[];
  readonly failure?: string;
}

export interface TaskLevelResult {
  readonly archive: Archive;
  readonly seed: Candidate;
  readonly best: Candidate;
  /**
   * The split the best candidate was chosen by: the selection split, or "train" when the budget ran
   * out before the seed was scored on it (the seed is then returned).
   */
  readonly chosenBy: 'val' | 'selection' | 'train';
  /**
   * The split every member is ranked by, in parent selection, the archive view and the choice of the
   * best: "val" (the validation examples) or "selection" (held-back training examples). All members
   * are scored on the same examples of it, so their scores are comparable.
   */
  readonly selectionSplit: 'val' | 'selection';
  readonly proposals: readonly ProposalRecord[];
  readonly stopReason: string;
  readonly stopCategory: StopCategory;
  readonly generationsRun: number;
}

/**
 * SePO Algorithm 1 at the task level (docs/architecture.md): an archive seeded with the Manual-CoT
 * prompt; for G generations, K children each: select a parent, run it on the generation's feedback
 * minibatch, show the prompt agent balanced feedback and a compact archive, then run parent and child
 * on the generation's admission minibatch and admit the child by the admission rule on the examples
 * scored for both. The training set is split once (`partitionTraining`): the agent is shown feedback
 * examples only, so admission never rewards copying a shown answer. Members are ranked (parent selection,
 * archive view, best) by one selection split every member is scored on in full when it joins: the
 * validation examples, or held-back training examples when there are none (docs/sepo-decisions.md).
 * A budget stop ends the search cleanly with what was found so far.
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
  const val = options.valLimit === undefined ? ctx.val : ctx.val.slice(0, options.valLimit);
  const selectionSplit = val.length > 0 ? 'val' : 'selection';
  const parts = partitionTraining(
    ctx.train,
    val.length > 0 ? 0 : (options.selectionSize ?? 2 * options.minibatch),
    ctx.seed,
  );
  const selection = val.length > 0 ? val : parts.selection;
  const feedbackBatches = new MinibatchSampler(parts.feedback, options.minibatch, ctx.seed);
  const admissionBatches = new MinibatchSampler(parts.admission, options.minibatch, ctx.seed + 1);
  /** Scores a member on the whole selection split: what makes members comparable. */
  const scoreForSelection = async (c: Candidate, label: string): Promise<void> => {
    if (selection.length > 0) await evaluator.run(c, selection, selectionSplit, label);
  };
  const selectionScore = (c: Candidate | undefined): number => c?.scores[selectionSplit]?.mean ?? 0;
  const proposals: ProposalRecord[] = [];
  const template = requireTemplate(ctx.templates, 'sepo-propose');
  const notify = (c: Candidate): void => ctx.onCandidate?.(c, 'task');

  const seed = seedCandidate(`${prefix}0`, options.seedPrompt ?? task.defaultSystemPrompt);
  archive.add(seed);
  notify(seed);
  let stopReason = `finished ${options.generations} generations`;
  let stopCategory: StopCategory = 'schedule';
  let generation = 0;
  let nextId = 1;
  let bestTrain = Number.NEGATIVE_INFINITY;
  let stale = 0;
  try {
    await scoreForSelection(seed, `seed ${selectionSplit}`);
    notify(seed);
    for (generation = 0; generation < options.generations; generation++) {
      const stop = firstStop(ctx.stopConditions ?? [], {
        generation,
        spend: engine.spend(),
        remainingRollouts: engine.remainingRollouts(),
        bestScore: bestTrain,
        stale,
      });
      if (stop !== undefined) {
        ({ reason: stopReason, category: stopCategory } = stop);
        break;
      }
      const batch = feedbackBatches.forGeneration(generation);
      const admissionBatch = admissionBatches.forGeneration(generation);
      const admissionIds = admissionBatch.map((e) => e.id);
      for (let k = 0; k < options.children; k++) {
        const parent = options.selector.select(archive.members(), selectionSplit, rng);
        const parentRollouts = await evaluator.run(parent, batch, 'train', `gen ${generation + 1} parent`);
        notify(parent);
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
          archive: renderArchive(archive.top(selectionSplit, options.archiveView ?? 4), selectionSplit),
        });
        parent.childrenCount++;
        const answer = await askAgent(
          engine,
          { system: options.agentPrompt, prompt: request, sample: generation * options.children + k },
          'prompt',
        );
        if (!answer.ok) {
          const parentScore = meanOn(parent.scores.train, admissionIds) ?? 0;
          proposals.push(failedProposal(task.id, generation, parent, parentScore, answer.failure));
          continue;
        }
        const extracted = answer;
        const child = childCandidate(
          `${prefix}${nextId++}`,
          extracted.content,
          parent,
          generation + 1,
          extracted.rationale,
        );
        engine.events.emit({
          type: 'candidate-proposed',
          candidateId: child.id,
          parentId: parent.id,
          generation: child.generation,
          prompt: child.prompt,
          level: 'task',
        });
        // Admission is on examples the agent was not shown (the admission batch), paired on those scored
        // for both: a failed call (no score) leaves its example out of both sides rather than counting
        // as a wrong answer for one of them.
        const parentAdmission = await evaluator.run(
          parent,
          admissionBatch,
          'train',
          `gen ${generation + 1} parent admission`,
        );
        const childRollouts = await evaluator.run(
          child,
          admissionBatch,
          'train',
          `gen ${generation + 1} child`,
        );
        const common = admissionIds.filter(
          (id) =>
            child.scores.train?.perExample[id] !== undefined &&
            parent.scores.train?.perExample[id] !== undefined,
        );
        const childScore = meanOn(child.scores.train, common) ?? 0;
        const parentScore = meanOn(parent.scores.train, common) ?? 0;
        const admitted =
          common.length > 0 && options.admission.admit({ childScore, parentScore, n: common.length });
        child.status = admitted ? 'admitted' : 'rejected';
        archive.add(child);
        if (admitted) await scoreForSelection(child, `gen ${generation + 1} ${selectionSplit}`);
        notify(child);
        engine.events.emit({
          type: admitted ? 'candidate-admitted' : 'candidate-rejected',
          candidateId: child.id,
          score: childScore,
          parentScore,
          level: 'task',
        });
        const flips = compareOn(parentAdmission, childRollouts);
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
      const currentBest = selectionScore(archive.best(selectionSplit));
      if (currentBest > bestTrain + 1e-12) {
        bestTrain = currentBest;
        stale = 0;
      } else stale++;
      engine.events.emit({ type: 'generation-finished', generation: generation + 1, best: currentBest });
    }
  } catch (error) {
    ({ reason: stopReason, category: stopCategory } = budgetStop(error));
  }
  const ranked = seed.scores[selectionSplit] !== undefined;
  const chosenBy = ranked ? selectionSplit : 'train';
  const best = (ranked ? archive.best(selectionSplit) : undefined) ?? seed;
  engine.events.emit({ type: 'stopped', reason: stopReason });
  return {
    archive,
    seed,
    best,
    chosenBy,
    selectionSplit,
    proposals,
    stopReason,
    stopCategory,
    generationsRun: generation,
  };
}

function byId<T extends { readonly id: string }>(items: readonly T[], id: string): T {
  const found = items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`example ${id} not in the minibatch`);
  return found;
}

/** The compact archive view: best members with their score on the selection split (the same examples for all). */
export function renderArchive(members: readonly Candidate[], split: string): string {
  return members
    .map((c) => `<candidate score="${(c.scores[split]?.mean ?? 0).toFixed(2)}">\n${c.prompt}\n</candidate>`)
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
  parent: readonly ScoredRollout[],
  child: readonly ScoredRollout[],
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
