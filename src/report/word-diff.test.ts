import { describe, expect, it } from 'vitest';
import { type DiffPart, diffStats, MAX_DIFF_CELLS, wordDiff } from './word-diff.js';

const side = (parts: readonly DiffPart[], keep: 'add' | 'del'): string =>
  parts
    .filter((p) => p.op === 'same' || p.op === keep)
    .map((p) => p.text)
    .join('');
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

describe('wordDiff', () => {
  it('marks identical texts as one kept part', () => {
    expect(wordDiff('a b c', 'a b c')).toEqual([{ op: 'same', text: 'a b c' }]);
  });

  it('finds an inserted and a removed word', () => {
    expect(wordDiff('think step by step', 'think carefully step by step')).toEqual([
      { op: 'same', text: 'think ' },
      { op: 'add', text: 'carefully ' },
      { op: 'same', text: 'step by step' },
    ]);
    expect(wordDiff('a b c d', 'a c d')).toEqual([
      { op: 'same', text: 'a ' },
      { op: 'del', text: 'b ' },
      { op: 'same', text: 'c d' },
    ]);
  });

  it('keeps a longest common subsequence of words and merges runs', () => {
    const parts = wordDiff('the cat sat on the mat', 'a cat sat on a red mat');
    expect(parts.filter((p) => p.op === 'same').flatMap((p) => words(p.text))).toEqual([
      'cat',
      'sat',
      'on',
      'mat',
    ]);
    for (let i = 1; i < parts.length; i++) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
  });

  it('rebuilds both texts word for word, keeping the new text’s line breaks', () => {
    const before = 'Be brief.\nAnswer: <value>\n\nCheck units.';
    const after = 'Be precise.\nShow the work.\nAnswer: <value>';
    const parts = wordDiff(before, after);
    expect(words(side(parts, 'del'))).toEqual(words(before));
    expect(words(side(parts, 'add'))).toEqual(words(after));
    expect(side(parts, 'add')).toContain('\nShow the work.\n');
  });

  it('handles empty texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'new words')).toEqual([{ op: 'add', text: 'new words' }]);
    expect(wordDiff('old words', '')).toEqual([{ op: 'del', text: 'old words' }]);
  });

  it('replaces the middle whole when the table would be too large, keeping the common ends', () => {
    const n = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 10;
    const before = `start ${Array.from({ length: n }, (_, i) => `x${i}`).join(' ')} end`;
    const after = `start ${Array.from({ length: n }, (_, i) => `y${i}`).join(' ')} end`;
    const parts = wordDiff(before, after);
    expect(parts.map((p) => p.op)).toEqual(['same', 'del', 'add', 'same']);
    expect(words(side(parts, 'add'))).toEqual(words(after));
  });

  it('counts added and removed words', () => {
    expect(diffStats(wordDiff('a b c', 'a x y c'))).toEqual({ added: 2, removed: 1 });
  });
});

describe('wordDiff display', () => {
  it('never fuses a removed last word with its neighbours', () => {
    const joined = (a: string, b: string) =>
      wordDiff(a, b)
        .map((p) => p.text)
        .join('');
    expect(joined('keep gone', 'keep')).toBe('keep gone');
    expect(joined('x', 'y')).toBe('x y');
    const parts = wordDiff('x', 'y');
    expect(side(parts, 'add')).toBe('y');
  });
});
