import { describe, expect, it } from 'vitest';
import { splitSentences } from './punkt-sentences.js';
import { countWords } from './python-text.js';

describe('splitSentences (Punkt-compatible)', () => {
  it('splits on . ? ! followed by whitespace', () => {
    expect(splitSentences('Hello world. How are you? Fine!')).toEqual([
      'Hello world.',
      'How are you?',
      'Fine!',
    ]);
  });

  it('does not split on newlines alone, nor inside numbers', () => {
    expect(splitSentences('No punctuation here\nstill the same one')).toEqual([
      'No punctuation here\nstill the same one',
    ]);
    expect(splitSentences('Pi is 3.14 today. Yes.')).toEqual(['Pi is 3.14 today.', 'Yes.']);
  });

  it('keeps known abbreviations and initials inside a sentence', () => {
    expect(splitSentences('This is Mr. Smith speaking. Hi.')).toEqual(['This is Mr. Smith speaking.', 'Hi.']);
    expect(splitSentences('Ask J. Smith, e.g. by mail. Then go.')).toEqual([
      'Ask J. Smith, e.g. by mail.',
      'Then go.',
    ]);
  });

  it('splits after an abbreviation when a common sentence starter follows', () => {
    expect(splitSentences('I live in the U.S. It is big.')).toEqual(['I live in the U.S.', 'It is big.']);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(splitSentences('He asked "why?" Then he left.')).toEqual(['He asked "why?"', 'Then he left.']);
    expect(splitSentences('(It ended.) Next one.')).toEqual(['(It ended.)', 'Next one.']);
  });

  it('treats ellipses like Punkt: a break only before a capitalised common word', () => {
    expect(splitSentences('Wait... and see. Well... The end.')).toEqual([
      'Wait... and see.',
      'Well...',
      'The end.',
    ]);
  });

  it('splits numbered-list markers as NLTK does', () => {
    expect(splitSentences('1. Apples are red. 2. Bananas are yellow.')).toEqual([
      '1.',
      'Apples are red.',
      '2.',
      'Bananas are yellow.',
    ]);
  });

  it('returns nothing for blank text and keeps leading whitespace of the first sentence', () => {
    expect(splitSentences('   ')).toEqual([]);
    expect(splitSentences('  Lead. Next.  ')).toEqual(['  Lead.', 'Next.']);
  });

  it("agrees with the sentence and word counts of IFEval's own utility tests", () => {
    const counts: ReadonlyArray<readonly [string, number]> = [
      ['xx,x. xx,x! xx/x. x{x}x? x.', 5],
      ['xx,x! xxxx. x(x)x?', 3],
      ['xxxx. xx,x! xx|x. x&x x?', 4],
      ['xx-x]xx,x! x{x}xx,x.', 2],
    ];
    for (const [text, n] of counts) expect(splitSentences(text), text).toHaveLength(n);
    expect(splitSentences('The U.S.A has many Ph.D. students. They often have a .com website.')).toHaveLength(
      2,
    );
    expect(countWords('word1, word2, word3, word4.')).toBe(4);
    expect(countWords('Hyphenated-word has two word counts.')).toBe(6);
  });
});
