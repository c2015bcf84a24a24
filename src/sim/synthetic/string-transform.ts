import type { Rng } from '../../util/rng.js';
import { metaText, type SyntheticGenerator, WORDS } from './generator.js';

interface Transform {
  readonly id: string;
  readonly ask: (text: string) => string;
  readonly doing: string;
  readonly apply: (text: string) => string;
}

const VOWELS = /[aeiou]/g;

const TRANSFORMS: readonly Transform[] = [
  {
    id: 'reverse',
    ask: (t) => `Reverse the order of the letters in "${t}".`,
    doing: 'reversing the letters',
    apply: (t) => [...t].reverse().join(''),
  },
  {
    id: 'upper',
    ask: (t) => `Write "${t}" in upper case.`,
    doing: 'writing it in upper case',
    apply: (t) => t.toUpperCase(),
  },
  {
    id: 'no-vowels',
    ask: (t) => `Remove every vowel (a, e, i, o, u) from "${t}".`,
    doing: 'removing the vowels',
    apply: (t) => t.replace(VOWELS, ''),
  },
  {
    id: 'sort-letters',
    ask: (t) => `Sort the letters of "${t}" alphabetically, dropping spaces.`,
    doing: 'sorting the letters alphabetically',
    apply: (t) => [...t.replace(/ /g, '')].sort().join(''),
  },
  {
    id: 'capitalize',
    ask: (t) => `Capitalize the first letter of each word in "${t}".`,
    doing: 'capitalizing each word',
    apply: (t) =>
      t
        .split(' ')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' '),
  },
];

const byId = new Map(TRANSFORMS.map((t) => [t.id, t]));

function slip(text: string, rng: Rng): string {
  if (text.length < 2) return `${text}${text}`;
  const i = rng.int(text.length - 1);
  return rng.next() < 0.5
    ? text.slice(0, i) + text.slice(i + 1)
    : text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
}

/** String transforms (reverse, case, vowel removal, letter sort) of one or two words. */
export const stringTransform: SyntheticGenerator = {
  name: 'string-transform',
  kind: 'instruction',
  domain: 'string-manipulation',
  description: 'Apply the requested transformation to a word or phrase and give the exact resulting text.',
  answerType: 'text',
  keywords: ['string', 'strings', 'text', 'letters', 'transform', 'transformation', 'word'],
  generate(rng) {
    const transform = rng.pick(TRANSFORMS);
    const text = rng.next() < 0.5 ? rng.pick(WORDS) : `${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
    return {
      input: transform.ask(text),
      answer: transform.apply(text),
      meta: { transform: transform.id, text },
    };
  },
  wrongAnswer(example, rng) {
    const text = metaText(example, 'text');
    for (let i = 0; i < 8; i++) {
      const candidate = rng.next() < 0.5 ? rng.pick(TRANSFORMS).apply(text) : slip(example.answer, rng);
      if (candidate !== example.answer) return candidate;
    }
    return `${example.answer}x`;
  },
  reasoning: (example, shown) =>
    `The input is "${metaText(example, 'text')}"; ${byId.get(metaText(example, 'transform'))?.doing ?? 'transforming it'} gives "${shown}".`,
  vagueReasoning:
    'I go through the text character by character, but I am not sure I applied the transformation correctly.',
};
