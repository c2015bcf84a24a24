import { describe, expect, it } from 'vitest';
import { createRewardTensor } from '../stats/reward-tensor.js';
import { parseRewardFile, rewardFileOf } from './reward-file.js';

describe('reward files', () => {
  it('round-trips a tensor with its example ids and prompts', () => {
    const tensor = createRewardTensor(
      [
        [[1, 0], [1]],
        [
          [0, 0],
          [1, 1],
        ],
      ],
      { exampleIds: ['a', 'b'] },
    );
    const file = rewardFileOf(tensor, ['p0', 'p1'], { task: 'sim:hetero', model: 'sim:hetero' });
    const parsed = parseRewardFile(JSON.stringify(file), 'r.json');
    expect(parsed.tensor.exampleIds).toEqual(['a', 'b']);
    expect(Array.from(parsed.tensor.means)).toEqual(Array.from(tensor.means));
    expect(parsed.prompts).toEqual(['p0', 'p1']);
    expect(parsed.task).toBe('sim:hetero');
  });

  it('accepts the minimal form', () => {
    const parsed = parseRewardFile('{"rewards": [[[0, 1]], [[1, 1]]]}', 'r.json');
    expect(parsed.tensor.prompts).toBe(2);
    expect(parsed.tensor.exampleIds).toEqual(['0']);
    expect(parsed.prompts).toBeUndefined();
  });

  it('names the file and the bad index', () => {
    expect(() => parseRewardFile('{"rewards": [[[0, 1]], [[1, 1.5]]]}', 'bad.json')).toThrow(
      'bad.json: rewards[1][0][1]: 1.5 is not a reward in [0, 1]',
    );
    expect(() => parseRewardFile('{"rewards": [[[0, 1]], [[1], [0]]]}', 'bad.json')).toThrow(
      /^bad\.json: rewards\[1\]: has 2 examples, expected 1/,
    );
    expect(() => parseRewardFile('{"rewards": [[[0]], [[1]]], "prompts": ["x"]}', 'bad.json')).toThrow(
      'bad.json: field "prompts": has 1 prompts for 2 rows of rewards',
    );
    expect(() => parseRewardFile('{"reward": []}', 'bad.json')).toThrow(
      /^bad\.json: field "rewards": missing/,
    );
    expect(() => parseRewardFile('not json', 'bad.json')).toThrow(/^bad\.json: not valid JSON/);
  });
});
