import { describe, expect, it } from 'vitest';
import { wordTokenize, wordTokensWithoutPunctuation } from './word-tokenize.js';

describe('wordTokenize (nltk.word_tokenize)', () => {
  it('splits contractions, punctuation and quotes like the Treebank tokenizer', () => {
    expect(wordTokenize('I don\'t think they\'re "ready" (yet), said Mr. Smith.')).toEqual([
      'I',
      'do',
      "n't",
      'think',
      'they',
      "'re",
      '``',
      'ready',
      "''",
      '(',
      'yet',
      ')',
      ',',
      'said',
      'Mr.',
      'Smith',
      '.',
    ]);
  });

  it('keeps hyphenated words, decimals and inner periods whole', () => {
    expect(wordTokenize('A well-known 3.5 km walk in the U.S.A. today.')).toEqual([
      'A',
      'well-known',
      '3.5',
      'km',
      'walk',
      'in',
      'the',
      'U.S.A.',
      'today',
      '.',
    ]);
  });

  it('splits cannot and gonna', () => {
    expect(wordTokenize('I cannot, gonna try')).toEqual(['I', 'can', 'not', ',', 'gon', 'na', 'try']);
  });

  it('drops punctuation-only tokens for word positions', () => {
    expect(wordTokensWithoutPunctuation('Hi, there! "Yes."')).toEqual(['Hi', 'there', 'Yes']);
  });
});
