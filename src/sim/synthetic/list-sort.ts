import type { Rng } from '../../util/rng.js';
import { metaText, type SyntheticGenerator } from './generator.js';

const parse = (list: string): number[] => list.split(', ').map(Number);
const show = (xs: readonly number[]): string => xs.join(', ');

function perturb(sorted: readonly number[], rng: Rng): number[] {
  const out = sorted.slice();
  const r = rng.next();
  if (r < 0.5 && out.length > 1) {
    const i = rng.int(out.length - 1);
    const a = out[i] as number;
    out[i] = out[i + 1] as number;
    out[i + 1] = a;
  } else if (r < 0.75) {
    out.splice(rng.int(out.length), 1);
  } else {
    out.reverse();
  }
  return out;
}

/** Sorting short lists of distinct integers, ascending or descending. */
export const listSort: SyntheticGenerator = {
  name: 'list-sort',
  kind: 'other',
  domain: 'list-manipulation',
  description: 'Sort a list of numbers in the requested order and give it as a comma-separated list.',
  answerType: 'list',
  keywords: ['list', 'lists', 'sort', 'sorting', 'order', 'ordering'],
  generate(rng) {
    const n = 4 + rng.int(5);
    const set = new Set<number>();
    while (set.size < n) set.add(1 + rng.int(99));
    const values = [...set];
    const descending = rng.next() < 0.3;
    const sorted = values.slice().sort((a, b) => (descending ? b - a : a - b));
    const order = descending ? 'descending' : 'ascending';
    return {
      input: `Sort these numbers in ${order} order: ${show(values)}. Give them as a comma-separated list.`,
      answer: show(sorted),
      meta: { order },
    };
  },
  wrongAnswer(example, rng) {
    const sorted = parse(example.answer);
    for (let i = 0; i < 8; i++) {
      const candidate = show(perturb(sorted, rng));
      if (candidate !== example.answer) return candidate;
    }
    return show([...sorted, 0]);
  },
  reasoning: (example, shown) => `Putting the numbers in ${metaText(example, 'order')} order gives ${shown}.`,
  vagueReasoning:
    'I compare the numbers pairwise and move the larger ones along, but I lose my place partway through.',
};
