import { rngFor } from '../util/rng.js';
import { metaSymptoms, writeRationale } from './agent-rationale.js';
import { type AgentRequest, parseAgentRequest } from './agent-request.js';
import { type AgentSkill, agentSkill } from './agent-skill.js';
import type { CompiledBehaviour } from './compiled-behaviour.js';
import { identifyTask } from './identify-task.js';
import { type EditPlan, proposeEdit } from './propose-edit.js';
import { quoteExample, renderPrompt } from './render-prompt.js';
import type { SimWorld } from './sim-world.js';
import { detectMetaBehaviours } from './success-probability.js';
import { sampleKey } from './task-response.js';
import { fnv1a, mixAll } from './text-match.js';
import type { SimExample } from './world-task.js';

/** What a simulated prompt-writing call produced; the model returns only `text`. */
export interface AgentOutcome {
  readonly text: string;
  /** The new prompt (undefined for a critique). */
  readonly prompt: string | undefined;
  /** The critique text (critique requests only). */
  readonly critique: string | undefined;
  readonly rationale: string;
  readonly level: 'task' | 'agent';
  readonly mode: 'edit' | 'history' | 'generate' | 'critique';
  /** Ids of the behaviours (or meta-behaviours) the new prompt or the critique is written from. */
  readonly behaviours: readonly string[];
}

const META_GENERATE =
  /\b(?:for|of) (?:a|an|the) (?:prompt[- ](?:agent|optimi[sz]er|engineer)|meta[- ]prompt)/i;
const MERGE_WORDS = /\b(?:merge|combine|crossover)\b/i;
const MAX_LEAKS = 2;

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Atoms whose symptom sentence appears in the evidence, most frequent first, with the total count. */
function readSymptoms(
  atoms: readonly CompiledBehaviour[],
  evidence: string,
): { order: number[]; total: number } {
  const counts = atoms.map((a) => countOccurrences(evidence, a.symptomLower));
  const order = atoms
    .map((a) => a.index)
    .filter((i) => (counts[i] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a - b);
  return { order, total: counts.reduce((s, c) => s + c, 0) };
}

function presentIn(world: SimWorld, level: 'task' | 'agent', text: string): number[] {
  if (level === 'task') return world.featuresOf(text).active.slice();
  return world.metaBehaviours.filter((m) => m.matcher.test(text)).map((m) => m.index);
}

function levelOf(world: SimWorld, req: AgentRequest, target: string | undefined): 'task' | 'agent' {
  if (target === undefined) return META_GENERATE.test(req.text) ? 'agent' : 'task';
  if (req.saysOwnPrompt || (req.system.trim() !== '' && target.trim() === req.system.trim())) return 'agent';
  const metas = detectMetaBehaviours(world, target).length;
  return metas >= 1 && metas >= world.featuresOf(target).active.length ? 'agent' : 'task';
}

/**
 * Simulates a prompt agent answering a prompt-writing request (edit, history, generate or critique),
 * with the skill its own system prompt gives it. Deterministic in (world seed, user text, sample); the
 * agent's system prompt changes its rates, not its random streams, so two agents given the same
 * request differ only where their skills differ.
 */
export function simulateAgentCall(
  world: SimWorld,
  system: string,
  userText: string,
  seed?: number,
): AgentOutcome {
  const req = parseAgentRequest(system, userText);
  const skill = agentSkill(world, system);
  const base = mixAll(world.seed, fnv1a(userText), sampleKey(seed));
  const stream = (label: string) => rngFor(base, label);
  const target = req.currentPrompt ?? req.candidates[0]?.prompt;
  const level = levelOf(world, req, target);
  const atoms: readonly CompiledBehaviour[] = level === 'task' ? world.behaviours : world.metaBehaviours;
  const critique = req.output.kind === 'critique';
  const symptoms = readSymptoms(atoms, req.evidence);
  const advice = critique
    ? []
    : atoms.filter((a) => req.evidence.includes(a.phraseLower)).map((a) => a.index);

  let plan: EditPlan;
  let mode: AgentOutcome['mode'];
  if (target !== undefined) {
    const second = req.currentPrompt === undefined ? req.candidates[1]?.prompt : undefined;
    const merging =
      second !== undefined &&
      (MERGE_WORDS.test(req.evidence) || stream('combine').next() < world.agent.combineRate);
    plan = {
      start: presentIn(world, level, target),
      merge: merging && second !== undefined ? presentIn(world, level, second) : [],
      symptoms: symptoms.order,
      advice,
    };
    mode = critique ? 'critique' : req.currentPrompt !== undefined ? 'edit' : 'history';
  } else {
    plan = {
      start: freshSelection(world, level, userText, stream('generate').next),
      merge: [],
      symptoms: symptoms.order,
      advice,
    };
    mode = critique ? 'critique' : 'generate';
  }
  const rates = {
    ...skill,
    keepRate: critique || mode === 'generate' ? 1 : skill.keepRate,
    maxDiagnoses: world.agent.maxDiagnoses,
  };
  const edit = proposeEdit(atoms.length, plan, rates, {
    keep: stream('keep'),
    merge: stream('merge'),
    diagnose: stream('diagnose'),
    advice: stream('advice'),
    explore: stream('explore'),
  });

  if (critique) {
    const suggested = [...edit.diagnosed, ...edit.misdiagnosed, ...edit.explored];
    const body =
      suggested.length === 0
        ? 'The prompt already covers what the responses show; keep its instructions as they are.'
        : [
            'The prompt misses instructions the failed responses need. Add these instructions:',
            ...suggested.map((i) => `- "${atoms[i]?.phrase ?? ''}"`),
          ].join('\n');
    const actions = { edit, fillers: 0, leaks: 0 };
    const rationale = writeRationale(
      atoms,
      symptoms.order,
      symptoms.total,
      actions,
      metaSymptoms(world.metaBehaviours, skill, actions),
    );
    const tag = req.output.kind === 'critique' ? req.output.tag : 'feedback';
    return {
      text: `<${tag}>\n${body}\n</${tag}>\n\n${rationale}`,
      prompt: undefined,
      critique: body,
      rationale,
      level,
      mode,
      behaviours: suggested.map((i) => atoms[i]?.id ?? ''),
    };
  }

  const fillers = pickFillers(world, skill, stream('fill'));
  const quotes = level === 'task' ? pickLeaks(world, req, target, skill, stream('leak')) : [];
  const prompt = renderPrompt({
    preamble: level === 'task' ? world.agent.preamble : world.agent.agentPreamble,
    phrases: edit.chosen.map((i) => atoms[i]?.phrase ?? ''),
    fillers,
    quotes,
  });
  const actions = { edit, fillers: fillers.length, leaks: quotes.length };
  const rationale = writeRationale(
    atoms,
    symptoms.order,
    symptoms.total,
    actions,
    metaSymptoms(world.metaBehaviours, skill, actions),
  );
  const out = req.output;
  const text =
    out.kind === 'tag'
      ? `${rationale}\n\n<${out.tag}>\n${prompt}\n</${out.tag}>`
      : out.kind === 'fence'
        ? `${rationale}\n\n\`\`\`\n${prompt}\n\`\`\``
        : out.kind === 'dspy-field'
          ? `[[ ## ${out.field} ## ]]\n${prompt}\n\n[[ ## completed ## ]]`
          : prompt;
  return {
    text,
    prompt,
    critique: undefined,
    rationale,
    level,
    mode,
    behaviours: edit.chosen.map((i) => atoms[i]?.id ?? ''),
  };
}

/**
 * A fresh prompt's atoms: each behaviour the named task lists, at generatorIncludeRate, plus the task's
 * answer format (a generator knows the task wants a final answer). Agent level: each meta-behaviour.
 */
function freshSelection(
  world: SimWorld,
  level: 'task' | 'agent',
  text: string,
  next: () => number,
): number[] {
  const rate = world.agent.generatorIncludeRate;
  if (level === 'agent') return world.metaBehaviours.filter(() => next() < rate).map((m) => m.index);
  const task = identifyTask(world, text);
  const out: number[] = [];
  for (const b of world.behaviours) {
    const u = next();
    if (b.index === task.formatIndex || (task.listed[b.index] === 1 && u < rate)) out.push(b.index);
  }
  return out;
}

/** floor(f) fillers, one more with probability frac(f); drawn from the world's neutral sentences. */
function pickFillers(world: SimWorld, skill: AgentSkill, rng: ReturnType<typeof rngFor>): string[] {
  const f = skill.fillerSentences;
  const u = rng.next();
  const count = Math.min(world.agent.fillers.length, Math.floor(f) + (u < f - Math.floor(f) ? 1 : 0));
  return rng.shuffle(world.agent.fillers).slice(0, count);
}

/**
 * Quotes for the memorisation trap: quotes the edited prompt already had survive at keepRate; new
 * ones come from examples shown in the request with their answer, each at leakRate (at most two).
 */
function pickLeaks(
  world: SimWorld,
  req: AgentRequest,
  target: string | undefined,
  skill: AgentSkill,
  rng: ReturnType<typeof rngFor>,
): string[] {
  const out: SimExample[] = [];
  if (target !== undefined) {
    for (const ex of world.featuresOf(target).leaked) if (rng.next() < skill.keepRate) out.push(ex);
  }
  const shown = world.index
    .quotedWithAnswer(req.evidence)
    .filter((ex) => !out.includes(ex))
    .sort((a, b) => a.key - b.key);
  for (let i = 0; i < MAX_LEAKS; i++) {
    const u = rng.next();
    const w = rng.next();
    if (shown.length === 0 || u >= skill.leakRate) continue;
    const [ex] = shown.splice(Math.floor(w * shown.length), 1);
    if (ex !== undefined) out.push(ex);
  }
  return out.map((ex) => quoteExample(ex.example));
}
