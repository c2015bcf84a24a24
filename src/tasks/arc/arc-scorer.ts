import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { type Grid, gridShape, gridToText, isGrid } from './arc-grid.js';
import { parseLastGrid } from './parse-grid.js';

function expectedGrid(example: Example): Grid {
  const value: unknown = JSON.parse(example.answer);
  if (!isGrid(value)) throw new Error(`example ${example.id}: the answer is not a grid of digits 0-9`);
  return value;
}

/**
 * Exact match of the last grid in the response (see parseLastGrid: digit rows or JSON, fenced or
 * not) against the reference grid (JSON in `answer`). One response, score 0 or 1; pass@k over
 * several samples is computed by `passAtK`. The feedback gives the size or the first wrong cell, and
 * the expected grid.
 */
export const arcScorer: Scorer = {
  name: 'arc-exact-grid',
  score(example: Example, response: string): ScoreResult {
    const expected = expectedGrid(example);
    const got = parseLastGrid(response);
    const reference = `Expected output (${gridShape(expected)}):\n${gridToText(expected)}`;
    if (got === undefined) {
      return {
        score: 0,
        feedback: `No output grid found in the response; end with the grid as rows of digits. ${reference}`,
        failure: 'unparsable: no grid found',
      };
    }
    const extracted = gridToText(got);
    if (got.length !== expected.length || got[0]?.length !== expected[0]?.length) {
      return {
        score: 0,
        extracted,
        feedback: `Wrong output size: got ${gridShape(got)}, expected ${gridShape(expected)}. ${reference}`,
      };
    }
    const wrong: Array<[number, number]> = [];
    expected.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (got[r]?.[c] !== cell) wrong.push([r, c]);
      });
    });
    if (wrong.length === 0) {
      return { score: 1, extracted, feedback: `Correct: the ${gridShape(expected)} output grid matches.` };
    }
    const [r, c] = wrong[0] ?? [0, 0];
    const cells = expected.length * (expected[0]?.length ?? 0);
    return {
      score: 0,
      extracted,
      feedback:
        `${wrong.length} of ${cells} cells are wrong; the first at row ${r + 1}, column ${c + 1}: ` +
        `got ${got[r]?.[c]}, expected ${expected[r]?.[c]}. ${reference}`,
    };
  },
};
