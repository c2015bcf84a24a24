import type { Rng } from '../../util/rng.js';
import { metaText, type SyntheticGenerator } from './generator.js';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function wrongDate(answer: string, rng: Rng): string {
  const ms = Date.parse(`${answer}T00:00:00Z`);
  const shift = rng.pick([1, -1, 2, -2, 30, -30]);
  return iso(ms + shift * DAY_MS);
}

/** Adding or subtracting a number of days from a calendar date (month lengths, leap years). */
export const dateArithmetic: SyntheticGenerator = {
  name: 'date-arithmetic',
  kind: 'qa',
  domain: 'date-arithmetic',
  description: 'Compute the calendar date a number of days before or after a given date, as YYYY-MM-DD.',
  answerType: 'text',
  keywords: ['date', 'dates', 'calendar', 'days', 'day'],
  generate(rng) {
    const start = Date.UTC(2019, 0, 1) + rng.int(365 * 6) * DAY_MS;
    const days = 3 + rng.int(120);
    const after = rng.next() < 0.7;
    const end = start + (after ? days : -days) * DAY_MS;
    return {
      input: `What date is ${days} days ${after ? 'after' : 'before'} ${iso(start)}? Give it as YYYY-MM-DD.`,
      answer: iso(end),
      meta: { start: iso(start), days, direction: after ? 'forward' : 'backward' },
    };
  },
  wrongAnswer(example, rng) {
    for (let i = 0; i < 8; i++) {
      const candidate = wrongDate(example.answer, rng);
      if (candidate !== example.answer) return candidate;
    }
    return wrongDate(example.answer, rng);
  },
  reasoning: (example, shown) =>
    `Counting ${metaText(example, 'direction')} ${metaText(example, 'days')} days from ${metaText(example, 'start')} month by month lands on ${shown}.`,
  vagueReasoning:
    'I count the days month by month, keeping track of how long each month is, but I lose count near the end.',
};
