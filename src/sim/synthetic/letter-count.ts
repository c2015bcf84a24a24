import { metaText, nearbyNumber, type SyntheticGenerator, WORDS } from './generator.js';

/** Counting the occurrences of a letter in a word or phrase (the "strawberry" task). */
export const letterCount: SyntheticGenerator = {
  name: 'letter-count',
  kind: 'qa',
  domain: 'counting',
  description: 'Count how many times a letter occurs in a word or phrase and give the count.',
  answerType: 'number',
  keywords: ['count', 'counting', 'letter', 'letters', 'occurrences', 'how many'],
  generate(rng) {
    const words = 1 + rng.int(3);
    const text = Array.from({ length: words }, () => rng.pick(WORDS)).join(' ');
    const letters = [...new Set(text.replace(/ /g, ''))];
    const letter = rng.pick(letters);
    let count = 0;
    for (const ch of text) if (ch === letter) count++;
    return {
      input: `How many times does the letter "${letter}" appear in "${text}"?`,
      answer: String(count),
      meta: { letter, text },
    };
  },
  wrongAnswer: (example, rng) => {
    const answer = Number(example.answer);
    return nearbyNumber(answer, rng, answer > 1 ? [1, -1, 1, -1, 2] : [1, 2]);
  },
  reasoning: (example, shown) =>
    `Going through "${metaText(example, 'text')}" letter by letter, "${metaText(example, 'letter')}" appears ${shown} times.`,
  vagueReasoning: 'I scan the text letter by letter and keep a tally, but I am not confident in my tally.',
};
