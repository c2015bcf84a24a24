import { formatNumber, metaText, type SyntheticGenerator } from './generator.js';

/** [from (plural), to (plural), factor]. */
const UNITS: readonly (readonly [string, string, number])[] = [
  ['kilometres', 'metres', 1000],
  ['metres', 'centimetres', 100],
  ['kilograms', 'grams', 1000],
  ['hours', 'minutes', 60],
  ['minutes', 'seconds', 60],
  ['litres', 'millilitres', 1000],
  ['feet', 'inches', 12],
  ['yards', 'feet', 3],
  ['days', 'hours', 24],
  ['weeks', 'days', 7],
  ['centimetres', 'millimetres', 10],
  ['tonnes', 'kilograms', 1000],
];

/** Unit conversions by a known factor; values may have one decimal. */
export const unitConversion: SyntheticGenerator = {
  name: 'unit-conversion',
  kind: 'math',
  domain: 'unit-conversion',
  description: 'Convert a quantity from one unit to another and give the number in the target unit.',
  answerType: 'number',
  keywords: ['unit', 'units', 'conversion', 'convert', 'measurement', 'metric'],
  generate(rng) {
    const [from, to, factor] = rng.pick(UNITS);
    const tenths = 10 + rng.int(490);
    const value = rng.next() < 0.5 ? Math.round(tenths / 10) : tenths / 10;
    const answer = Math.round(value * 10 * factor) / 10;
    return {
      input: `Convert ${formatNumber(value)} ${from} to ${to}.`,
      answer: formatNumber(answer),
      meta: { value, factor, from, to },
    };
  },
  wrongAnswer(example, rng) {
    const value = Number(metaText(example, 'value'));
    const factor = Number(metaText(example, 'factor'));
    const answer = Number(example.answer);
    const options = [value * factor * 10, (value * factor) / 10, value / factor, value + factor, answer + 1];
    for (let i = 0; i < 8; i++) {
      const candidate = formatNumber(rng.pick(options));
      if (candidate !== example.answer) return candidate;
    }
    return formatNumber(answer + 1);
  },
  reasoning: (example, shown) =>
    `One of the ${metaText(example, 'from')} is ${metaText(example, 'factor')} ${metaText(example, 'to')}, so ${metaText(example, 'value')} ${metaText(example, 'from')} make ${shown} ${metaText(example, 'to')}.`,
  vagueReasoning:
    'I need the conversion factor between the two units and then scale the quantity by it, but I am unsure which way the factor goes.',
};
