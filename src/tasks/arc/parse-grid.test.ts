import { describe, expect, it } from 'vitest';
import { findGrids, parseLastGrid } from './parse-grid.js';

describe('parseLastGrid', () => {
  it('reads spaced, compact, comma and table digit rows', () => {
    expect(parseLastGrid('0 1 2\n3 4 5')).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(parseLastGrid('012\n345')).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(parseLastGrid('0, 1\n2, 3')).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(parseLastGrid('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('reads JSON grids on one line or many, without re-reading their rows', () => {
    expect(parseLastGrid('So the output is [[0, 1], [2, 3]].')).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(findGrids('[\n  [0, 1],\n  [2, 3]\n]')).toHaveLength(1);
    expect(findGrids('[[1,2],[3,4]]')[0]?.grid).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('takes the last grid, in or out of code fences, and ignores prose', () => {
    const response =
      'The input was\n```\n1 1\n1 1\n```\nI think the rule is a swap.\n```\n2 0\n0 2\n```\nDone, 2 colours.';
    expect(parseLastGrid(response)).toEqual([
      [2, 0],
      [0, 2],
    ]);
    expect(parseLastGrid('First [[1]] then\n3 3\n3 3\nThis is the 2x2 answer.')).toEqual([
      [3, 3],
      [3, 3],
    ]);
    expect(parseLastGrid('No grid here, only 3x3 talk.')).toBeUndefined();
  });

  it('skips rule lines inside a block and splits on a change of width', () => {
    expect(parseLastGrid('1 2 | 3 4\n----+----\n3 4 | 1 2')).toEqual([
      [1, 2, 3, 4],
      [3, 4, 1, 2],
    ]);
    expect(parseLastGrid('1 2 3\n4 5 6\n7 8')).toEqual([[7, 8]]);
  });

  it('reads blanks when asked and rejects cells above the maximum', () => {
    expect(parseLastGrid('5 . 1\n_ 2 3', { blanks: '._' })).toEqual([
      [5, 0, 1],
      [0, 2, 3],
    ]);
    expect(parseLastGrid('5 . 1')).toBeUndefined();
    expect(parseLastGrid('[[10, 2], [3, 4]]')).toBeUndefined();
  });
});
