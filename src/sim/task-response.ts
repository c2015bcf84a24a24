import type { Rng } from '../util/rng.js';
import { FastRng } from './fast-rng.js';
import type { PromptFeatures } from './prompt-features.js';
import type { SimWorld } from './sim-world.js';
import { outcomeOdds } from './success-probability.js';
import { formatNumber } from './synthetic/generator.js';
import { mixAll } from './text-match.js';
import type { SimExample } from './world-task.js';

/** What a simulated task call produced, for tests and research; the model returns only `text`. */
export interface TaskOutcome {
  readonly text: string;
  readonly kind: 'correct' | 'wrong' | 'unparsable';
  /** Id of the behaviour whose symptom the response mentions, if any. */
  readonly symptom: string | undefined;
}

const NUMERIC = /^-?\d+(?:\.\d+)?$/;
const LETTER = /^[A-J]$/;
const GENERIC_VAGUE = 'I worked through the problem but did not settle on a final answer.';

/** A plausible wrong answer for a task without a generator (external tasks), by the answer's shape. */
function genericWrong(answer: string, rng: Rng): string {
  const trimmed = answer.trim();
  if (NUMERIC.test(trimmed)) {
    const n = Number(trimmed);
    const wrong = n + rng.pick([1, -1, 2, -2, 10]);
    return formatNumber(wrong);
  }
  if (LETTER.test(trimmed)) {
    const others = 'ABCD'.replace(trimmed, '');
    return others.charAt(rng.int(others.length)) || 'A';
  }
  if (trimmed.length > 1) return trimmed.slice(0, -1);
  return `${trimmed}?`;
}

/** A 32-bit identity for a sample: the call's seed (absent = sample 0). */
export function sampleKey(seed: number | undefined): number {
  if (seed === undefined || !Number.isFinite(seed)) return 0;
  return ((seed >>> 0) ^ Math.floor(seed / 4294967296)) >>> 0;
}

/**
 * The symptom of a wrong answer: usually a missing behaviour that would have helped this example
 * (chosen in proportion to its effect), at `misleadingRate` one that would not have.
 */
function pickSymptom(world: SimWorld, f: PromptFeatures, ex: SimExample, rng: Rng): number {
  const effects = world.paramsOf(ex).effects;
  const format = ex.task.formatIndex;
  let helpfulTotal = 0;
  let misleadingCount = 0;
  for (const b of world.behaviours) {
    if (f.present[b.index] === 1 || b.index === format) continue;
    const e = effects[b.index] ?? 0;
    if (e > 0) helpfulTotal += e;
    else misleadingCount++;
  }
  const misleading = rng.next() < world.responses.misleadingRate;
  if ((misleading || helpfulTotal === 0) && misleadingCount > 0) {
    let k = rng.int(misleadingCount);
    for (const b of world.behaviours) {
      if (f.present[b.index] === 1 || b.index === format || (effects[b.index] ?? 0) > 0) continue;
      if (k-- === 0) return b.index;
    }
  }
  if (helpfulTotal === 0) return -1;
  let r = rng.next() * helpfulTotal;
  let last = -1;
  for (const b of world.behaviours) {
    if (f.present[b.index] === 1 || b.index === format) continue;
    const e = effects[b.index] ?? 0;
    if (e <= 0) continue;
    last = b.index;
    r -= e;
    if (r < 0) return b.index;
  }
  return last;
}

/**
 * Simulates the task model answering `ex` under `systemPrompt`, sample identity `seed`. Deterministic
 * in (world seed, prompt, example, sample). Correct with probability `correct`; unparsable (no answer
 * line, no digit at all) with probability `unparsable`, independently; otherwise a plausible wrong
 * answer, usually with a symptom sentence just before the answer line.
 */
export function simulateTaskCall(
  world: SimWorld,
  systemPrompt: string,
  ex: SimExample,
  seed?: number,
): TaskOutcome {
  const f = world.featuresOf(systemPrompt);
  const odds = outcomeOdds(world, f, ex);
  const rng = new FastRng(mixAll(world.seed, f.hash, ex.key, sampleKey(seed)));
  const uCorrect = rng.next();
  const uFormat = rng.next();
  const task = ex.task;
  const gen = task.generator;
  if (uFormat < odds.unparsable) {
    const vague = gen?.vagueReasoning ?? GENERIC_VAGUE;
    const format = world.behaviours[task.formatIndex];
    const withSymptom = format !== undefined && rng.next() < world.responses.symptomRate;
    return {
      text: withSymptom ? `${vague} ${format.symptom}` : vague,
      kind: 'unparsable',
      symptom: withSymptom ? format.id : undefined,
    };
  }
  const answer = ex.example.answer;
  if (uCorrect < odds.correct) {
    const work =
      gen === undefined ? 'I work through the problem step by step.' : gen.reasoning(ex.example, answer);
    return { text: `${work}\n${task.renderAnswer(answer)}`, kind: 'correct', symptom: undefined };
  }
  const wrong = gen === undefined ? genericWrong(answer, rng) : gen.wrongAnswer(ex.example, rng);
  const work =
    gen === undefined ? 'I work through the problem step by step.' : gen.reasoning(ex.example, wrong);
  const symptomIndex = rng.next() < world.responses.symptomRate ? pickSymptom(world, f, ex, rng) : -1;
  const symptom = world.behaviours[symptomIndex];
  const text =
    symptom === undefined
      ? `${work}\n${task.renderAnswer(wrong)}`
      : `${work} ${symptom.symptom}\n${task.renderAnswer(wrong)}`;
  return { text, kind: 'wrong', symptom: symptom?.id };
}
