import type { Rng } from '../../util/rng.js';
import {
  ITEMS,
  metaText,
  NAMES,
  nearbyNumber,
  type SyntheticGenerator,
  type SyntheticItem,
} from './generator.js';

const between = (rng: Rng, lo: number, hi: number): number => lo + rng.int(hi - lo + 1);

/** Each template returns the question, the answer, the arithmetic as written, and a skipped-step result. */
const TEMPLATES: readonly ((rng: Rng) => SyntheticItem)[] = [
  (rng) => {
    const [name, item] = [rng.pick(NAMES), rng.pick(ITEMS)];
    const a = between(rng, 5, 40);
    const b = between(rng, 2, 9);
    const c = between(rng, 2, 12);
    const d = between(rng, 1, a + b * c - 1);
    const answer = a + b * c - d;
    return {
      input: `${name} has ${a} ${item}. ${name} buys ${b} packs with ${c} ${item} each and gives away ${d}. How many ${item} does ${name} have now?`,
      answer: String(answer),
      meta: { work: `${a} + ${b} × ${c} − ${d}`, skipped: a + b * c },
    };
  },
  (rng) => {
    const [name, item] = [rng.pick(NAMES), rng.pick(ITEMS)];
    const price = between(rng, 2, 15);
    const count = between(rng, 2, 9);
    const bill = [50, 100, 200].find((x) => x > price * count) ?? 500;
    return {
      input: `A shop sells ${item} at ${price} dollars each. ${name} buys ${count} of them and pays with a ${bill}-dollar bill. How many dollars of change does ${name} get?`,
      answer: String(bill - price * count),
      meta: { work: `${bill} − ${price} × ${count}`, skipped: price * count },
    };
  },
  (rng) => {
    const name = rng.pick(NAMES);
    const a = between(rng, 8, 60);
    const total = 3 * a + between(rng, 10, 200);
    return {
      input: `${name} reads ${a} pages of a ${total}-page book on Monday and twice as many pages on Tuesday. How many pages are left to read?`,
      answer: String(total - 3 * a),
      meta: { work: `${total} − (${a} + 2 × ${a})`, skipped: total - 2 * a },
    };
  },
  (rng) => {
    const rows = between(rng, 3, 25);
    const per = between(rng, 4, 20);
    const taken = between(rng, 1, rows * per - 1);
    return {
      input: `A hall has ${rows} rows of chairs with ${per} chairs in each row. ${taken} chairs are taken. How many chairs are free?`,
      answer: String(rows * per - taken),
      meta: { work: `${rows} × ${per} − ${taken}`, skipped: rows * per },
    };
  },
  (rng) => {
    const [name, item] = [rng.pick(NAMES), rng.pick(ITEMS)];
    const friends = between(rng, 2, 8);
    const each = between(rng, 3, 15);
    const extra = between(rng, 0, friends - 1);
    return {
      input: `${name} shares ${friends * each + extra} ${item} equally among ${friends} friends and keeps the ${extra} left over. How many ${item} does each friend get?`,
      answer: String(each),
      meta: {
        work: `(${friends * each + extra} − ${extra}) ÷ ${friends}`,
        skipped: (friends * each + extra) / friends,
      },
    };
  },
];

/** Multi-step arithmetic word problems with integer answers. */
export const arithmetic: SyntheticGenerator = {
  name: 'arithmetic',
  kind: 'math',
  domain: 'arithmetic-word-problems',
  description: 'Solve a short arithmetic word problem and give the final number.',
  answerType: 'number',
  keywords: ['arithmetic', 'math', 'word', 'problems', 'numbers', 'calculation'],
  generate: (rng) => rng.pick(TEMPLATES)(rng),
  wrongAnswer(example, rng) {
    const answer = Number(example.answer);
    const skipped = Number(metaText(example, 'skipped'));
    if (rng.next() < 0.3 && Number.isInteger(skipped) && skipped !== answer) return String(skipped);
    return nearbyNumber(answer, rng);
  },
  reasoning: (example, shown) =>
    `The quantities combine as ${metaText(example, 'work')}, which gives ${shown}.`,
  vagueReasoning:
    'I need to combine the quantities in the problem. I add what is gained and subtract what is given away, but I lose track of the totals along the way.',
};
