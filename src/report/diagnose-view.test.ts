import { describe, expect, it } from 'vitest';
import { analyzeRewards } from '../p1/analyze-rewards.js';
import { simulateRewardTensor } from '../stats/simulate-reward-tensor.js';
import { buildDiagnoseView, isP1Analysis, legacyDiagnoseView } from './diagnose-view.js';

/** A current analysis is read through its type; the field-by-field reader of older ones agrees with it. */
describe('buildDiagnoseView', () => {
  const { tensor } = simulateRewardTensor({
    prompts: 8,
    examples: 6,
    samples: 8,
    promptEffect: 0.8,
    seed: 3,
  });
  const stored = JSON.parse(JSON.stringify(analyzeRewards(tensor, { resamples: 200, seed: 1 }))) as unknown;

  it('reads a stored current analysis by its type, with the same view as the legacy reader', () => {
    expect(isP1Analysis(stored)).toBe(true);
    const typed = buildDiagnoseView(stored, 'diagnose');
    expect(typed).toEqual(legacyDiagnoseView(stored, 'diagnose', []));
    expect(typed?.decomposition.map((d) => d.name)).toEqual(['total', 'noise', 'signal', 'ratio']);
    expect(typed?.prompts).toHaveLength(8);
  });

  it('sends an analysis missing a field to the legacy reader, which shows what is there', () => {
    const partial = { ...(stored as Record<string, unknown>), kCurve: undefined };
    expect(isP1Analysis(partial)).toBe(false);
    expect(buildDiagnoseView(partial, 'diagnose')?.kCurve).toEqual([]);
    expect(buildDiagnoseView('not an analysis', 'diagnose')).toBeUndefined();
  });
});
