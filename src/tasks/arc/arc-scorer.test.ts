import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Example } from '../../spec/example.js';
import { arcExamples, readArcDir } from './arc-data.js';
import { type Grid, type GridFormat, gridToText } from './arc-grid.js';
import { arcScorer } from './arc-scorer.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const training = readArcDir(`${DATA_DIR}arc_agi_1/data/training`, 'training');
const FORMATS: readonly GridFormat[] = ['spaced', 'compact', 'json', 'json-rows'];
const WRAPPERS: ReadonlyArray<(grid: string, input: Grid) => string> = [
  (grid) => grid,
  (grid) => `\`\`\`\n${grid}\n\`\`\``,
  (grid) => `\`\`\`json\n${grid}\n\`\`\``,
  (grid, input) =>
    `The test input is\n${gridToText(input)}\nApplying the rule to every cell gives:\n\n**Output:**\n${grid}\n\nThat is my final answer.`,
];

describe('arcScorer', () => {
  it('scores 1 for every training reference output in every accepted text format', () => {
    expect(training).toHaveLength(400);
    const failures: string[] = [];
    let checked = 0;
    for (const task of training) {
      const examples = arcExamples(task);
      task.test.forEach((pair, i) => {
        const example = examples[i] as Example;
        for (const format of FORMATS) {
          WRAPPERS.forEach((wrap, w) => {
            const verdict = arcScorer.score(example, wrap(gridToText(pair.output, format), pair.input));
            checked++;
            if ('then' in verdict || verdict.score !== 1)
              failures.push(`${example.id} ${format} wrapper ${w}`);
          });
        }
      });
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(400 * FORMATS.length * WRAPPERS.length - 1);
  });

  it('names the first wrong cell, or the wrong size, and shows the expected grid', () => {
    const example: Example = {
      id: 'x',
      input: '',
      answer: JSON.stringify([
        [1, 2],
        [3, 4],
      ]),
    };
    const wrongCell = arcScorer.score(example, '1 2\n3 5');
    expect(wrongCell).toMatchObject({ score: 0, extracted: '1 2\n3 5' });
    expect((wrongCell as { feedback: string }).feedback).toContain(
      '1 of 4 cells are wrong; the first at row 2, column 2: got 5, expected 4',
    );
    const wrongSize = arcScorer.score(example, '[[1, 2, 3]]') as { feedback: string };
    expect(wrongSize.feedback).toContain('got 1x3, expected 2x2');
    expect(wrongSize.feedback).toContain('Expected output (2x2):\n1 2\n3 4');
    expect(arcScorer.score(example, 'I give up.')).toMatchObject({
      score: 0,
      failure: 'unparsable: no grid found',
    });
  });
});
