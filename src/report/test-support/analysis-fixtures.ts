import type { ScoredRollout } from '../../spec/rollout.js';
import type { CandidateRecord } from '../../store/records.js';
import type { ReportInput } from '../build-report-model.js';
import {
  BEST_PROMPT,
  candidate,
  INJECTION,
  rollout,
  runRecord,
  SEED_PROMPT,
  SPEND,
  TEST_IDS,
} from './report-fixtures.js';

/** A P1Analysis as `sepo diagnose` stores it (NaN stored as null). */
export function diagnoseAnalysis(): unknown {
  const curve = (sizes: number[], noise0: number) =>
    sizes.map((size) => ({
      size,
      draws: 10,
      total: 0.01,
      noise: noise0 / size,
      signal: 0.005,
      ratio: (0.005 * size) / noise0,
      signalSd: 0.001,
    }));
  return {
    shape: {
      prompts: 4,
      examples: 8,
      minSamples: 4,
      maxSamples: 4,
      meanSamples: 4,
      binary: true,
      complete: true,
    },
    exampleIds: ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'],
    settings: {
      subsetSize: 2,
      topSubsets: 2,
      noiseEstimator: 'unbiased',
      targetRatio: 2,
      minRatio: 1,
      resamples: 100,
      level: 0.95,
      seed: 0,
    },
    decomposition: {
      total: 0.0123,
      noise: 0.0042,
      signal: 0.0081,
      ratio: 1.93,
      meanReward: 0.55,
      promptRewards: [0.4, 0.5, 0.6, null],
    },
    intervals: {
      level: 0.95,
      resamples: 100,
      total: { low: 0.008, high: 0.017 },
      noise: { low: 0.003, high: 0.005 },
      signal: { low: 0.002, high: 0.014 },
      ratio: { low: 0.5, high: 4.1 },
    },
    kCurve: curve([1, 2, 4, 8], 0.03),
    mCurve: curve([1, 2, 4], 0.02),
    learnability: { verdict: 'heterogeneous', explanation: 'The signal falls as K grows.' },
    verdict: {
      kind: 'heterogeneous',
      recommendation: 'filter',
      headline: 'heterogeneous: filter recommended — train on e2, e5 (K_top = 2)',
      explanation: 'The best subset of 2 is e2, e5.',
      subsetIds: ['e2', 'e5'],
      samplesNeeded: 9,
      targetRatio: 2,
    },
    subsets: {
      method: 'exhaustive',
      size: 2,
      evaluated: 28,
      candidates: 28,
      top: [
        {
          ids: ['e2', 'e5'],
          examples: [2, 5],
          score: 0.031,
          total: 0.04,
          noise: 0.009,
          ratio: 3.4,
          scoreInterval: { low: 0.004, high: 0.07 },
          samplesNeeded: 5,
        },
        {
          ids: ['e1', 'e7'],
          examples: [1, 7],
          score: 0.028,
          total: 0.035,
          noise: 0.007,
          ratio: 4,
          scoreInterval: { low: 0.001, high: 0.06 },
          samplesNeeded: null,
        },
      ],
    },
    samplesForTarget: { targetRatio: 2, currentSamples: 4, allExamples: 9, topSubset: 5 },
  };
}

export function diagnoseInput(): ReportInput {
  const analysis = diagnoseAnalysis();
  const prompts = ['You are precise.', INJECTION, 'Answer briefly.', 'Show your work.'];
  return {
    run: runRecord('diagnose', {
      result: {
        runId: 'r',
        task: 'sim:demo',
        model: 'sim:demo',
        generatorModel: 'sim:demo',
        simulated: true,
        split: 'train',
        source: 'generator',
        prompts: prompts.map((prompt, i) => ({ id: `g${i}`, prompt, meanReward: [0.4, 0.5, 0.6, null][i] })),
        rollouts: 128,
        failedRollouts: 0,
        generatorCalls: 4,
        analysis,
        spend: SPEND,
      },
      spend: SPEND,
    }),
    candidates: prompts.map((prompt, i) => ({
      id: `g${i}`,
      parentId: undefined,
      generation: 0,
      level: 'task' as const,
      prompt,
      status: 'proposed' as const,
      scores: { train: { mean: 0.5, n: 32 } },
    })),
    events: [],
    rollouts: [],
    artifacts: { analysis, rewards: { rewards: [[[1]]] } },
  };
}

const METHODS = ['sepo', 'gepa', 'manual'];
const SEEDS = [0, 1];

/**
 * A compare run as `sepo compare` stores it: candidates prefixed `<method>.s<seed>.`, and rollouts with
 * raw ids during optimization (the ids repeat across runs, which a real store would drop as duplicates)
 * or, with `prefixedRollouts`, with the candidates' prefixed ids.
 */
export function compareInput(options: { readonly prefixedRollouts?: boolean } = {}): ReportInput {
  const candidates: CandidateRecord[] = [];
  const rollouts: ScoredRollout[] = [];
  const runs: unknown[] = [];
  for (const method of METHODS) {
    for (const seed of SEEDS) {
      const prefix = `${method}.s${seed}.`;
      const base = method === 'manual' ? 0.5 : method === 'sepo' ? 0.6 : 0.55;
      candidates.push(
        candidate(`${prefix}c0`, undefined, 0, 'seed', SEED_PROMPT, { val: { mean: 0.5, n: 5 } }),
      );
      if (method !== 'manual') {
        candidates.push(
          candidate(`${prefix}c1`, `${prefix}c0`, 1, 'admitted', BEST_PROMPT, {
            train: { mean: base + 0.1, n: 4 },
            val: { mean: base + 0.05 * seed, n: 5 },
          }),
        );
        const raw = options.prefixedRollouts === true ? prefix : '';
        for (const id of ['v0', 'v1', 'v2']) rollouts.push(rollout(`${raw}c0`, id, 1));
        for (const id of ['a0', 'a1', 'a2', 'a3']) rollouts.push(rollout(`${raw}c1`, id, 1));
      }
      const bestId = `${prefix}${method === 'manual' ? 'c0' : 'c1'}`;
      for (const id of TEST_IDS) rollouts.push(rollout(bestId, id, 1));
      runs.push({
        method,
        seed,
        bestId,
        bestPrompt: BEST_PROMPT,
        chosenBy: 'val',
        stopReason: 'budget',
        candidates: 2,
        spend: SPEND,
        wallMs: 1500,
        withinBudget: true,
        testScores: [1, 1, 0, 1, 0, 1],
        testAccuracy: base,
      });
    }
  }
  const rows = METHODS.map((method, i) => ({
    method,
    test: { mean: 0.5 + 0.05 * (2 - i), low: 0.3, high: 0.8, perSeed: [0.5, 0.6], over: 'seeds' },
    vsManual: method === 'manual' ? undefined : { mean: 0.05, low: -0.02, high: 0.12, p: 0.2, n: 12 },
    rollouts: 7,
    maxRollouts: 7,
    optimizerCalls: method === 'manual' ? 0 : 3,
    tokens: 1000 * (i + 1),
    usd: 0.01 * (3 - i),
    wallSeconds: 1.5,
    promptChars: 80,
    budgetRespected: true,
  }));
  return {
    run: runRecord('compare', {
      result: {
        runId: 'r',
        task: 'sim:demo',
        model: 'sim:demo',
        optimizerModel: 'sim:demo',
        simulated: true,
        budget: 10,
        seeds: SEEDS,
        methods: METHODS,
        testIds: TEST_IDS,
        rows,
        runs,
        wallMs: 9000,
      },
      spend: SPEND,
    }),
    candidates,
    events: [],
    rollouts,
    artifacts: {},
  };
}
