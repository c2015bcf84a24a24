import type { Example } from '../../spec/example.js';
import type { TaskKind } from '../../spec/task.js';
import type { Rng } from '../../util/rng.js';
import type { GeneratorName } from '../world-file.js';

/** How a reference answer is compared with an extracted one. */
export type AnswerType = 'number' | 'text' | 'list';

export interface SyntheticItem {
  readonly input: string;
  readonly answer: string;
  /** Data the reasoning text needs (JSON-serialisable); stored as the example's meta. */
  readonly meta: Readonly<Record<string, string | number>>;
}

/**
 * A kind of synthetic task with known answers, so the sim works without any data. Generation is a
 * pure function of the rng; the texts are what a plausible model would write.
 */
export interface SyntheticGenerator {
  readonly name: GeneratorName;
  readonly kind: TaskKind;
  readonly domain: string;
  readonly description: string;
  readonly answerType: AnswerType;
  /** Words that name this kind of task in a request ("generate a prompt for unit conversion"). */
  readonly keywords: readonly string[];
  generate(rng: Rng): SyntheticItem;
  /** A plausible wrong answer (off-by-something, a wrong transform); never equal to the reference. */
  wrongAnswer(example: Example, rng: Rng): string;
  /** One or two sentences of work that end in `shown` (which may be the wrong answer). */
  reasoning(example: Example, shown: string): string;
  /** Work that reaches no answer and contains no digit: the unparsable response. */
  readonly vagueReasoning: string;
}

/** `meta[key]` as a string ('' when absent): generators only read meta they wrote themselves. */
export function metaText(example: Example, key: string): string {
  const v = example.meta?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** A number as a model would print it: integers plainly, others with at most 3 decimals. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toFixed(3)));
}

/** A wrong number near `answer`: one of the offsets, never the answer itself. */
export function nearbyNumber(
  answer: number,
  rng: Rng,
  offsets: readonly number[] = [1, -1, 2, -2, 10, -10],
): string {
  for (let i = 0; i < 8; i++) {
    const candidate = answer + rng.pick(offsets);
    if (candidate !== answer) return formatNumber(candidate);
  }
  return formatNumber(answer + 1);
}

export const NAMES = [
  'Mia',
  'Tom',
  'Ana',
  'Ravi',
  'Lena',
  'Omar',
  'Yuki',
  'Sam',
  'Zoe',
  'Ben',
  'Priya',
  'Leo',
];
export const ITEMS = ['apples', 'marbles', 'stickers', 'pencils', 'cards', 'stamps', 'shells', 'books'];
export const WORDS = [
  'planet',
  'garden',
  'window',
  'silver',
  'market',
  'rocket',
  'forest',
  'bridge',
  'candle',
  'pocket',
  'shadow',
  'orange',
  'little',
  'yellow',
  'wonder',
  'button',
  'castle',
  'dragon',
  'frozen',
  'guitar',
  'jacket',
  'lemon',
  'magnet',
  'needle',
  'pepper',
  'puzzle',
  'rabbit',
  'saddle',
  'tunnel',
  'velvet',
  'strawberry',
  'banana',
  'mississippi',
  'committee',
  'balloon',
  'bookkeeper',
  'coffee',
  'address',
];
