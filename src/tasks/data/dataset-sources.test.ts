import { describe, expect, it } from 'vitest';
import { DATASET_SOURCES, datasetSource, hubFileUrl, rowsUrl } from './dataset-sources.js';

describe('dataset sources', () => {
  it('builds hub file and rows API URLs', () => {
    const math = datasetSource('math500/test.jsonl');
    if (math?.kind !== 'hub-file') throw new Error('expected a hub file');
    expect(hubFileUrl('https://hub.example/', math)).toBe(
      `https://hub.example/datasets/HuggingFaceH4/MATH-500/resolve/${math.revision}/test.jsonl`,
    );
    expect(
      rowsUrl('https://rows.example', { dataset: 'openai/gsm8k', config: 'main', split: 'test' }, 200, 100),
    ).toBe('https://rows.example/rows?dataset=openai%2Fgsm8k&config=main&split=test&offset=200&length=100');
  });

  it('maps MathArena rows to the layout ids, numbered 1..30 or 1..15 twice', () => {
    const aime = DATASET_SOURCES['aime_2025/aime_2025.jsonl'];
    if (aime?.kind !== 'hub-rows') throw new Error('expected rows');
    expect(aime.toRecord({ problem_idx: 16, problem: 'p', answer: 468 }, 15)).toEqual({
      problem_idx: 1,
      problem: 'p',
      answer: '468',
      id: '2025-II-1',
      source: 'AIME 2025 II',
    });
    expect(aime.toRecord({ problem_idx: 3, problem: 'p', answer: '16' }, 2)).toMatchObject({
      id: '2025-I-3',
    });
    expect(aime.toRecord({ problem_idx: 3, problem: 'p', answer: '82' }, 17)).toMatchObject({
      id: '2025-II-3',
    });
    const hmmt = DATASET_SOURCES['hmmt_feb_2025/hmmt_feb_2025.jsonl'];
    if (hmmt?.kind !== 'hub-rows') throw new Error('expected rows');
    expect(hmmt.toRecord({ problem_idx: 7, problem: 'p', answer: '\\frac12' }, 6)).toMatchObject({
      id: 'hmmt-feb-2025-7',
    });
  });
});
