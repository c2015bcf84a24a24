// p1 subset search benchmark: times exhaustive scoring of all C(64, 4) subsets of a random
// N = 16 x K = 64 x M = 32 reward tensor (goal: under 1 s), and measures how often greedy and beam
// search find the exhaustive best on smaller random instances. Prints plain lines.
// Args: [--seed S] [--instances I] [--repeats R]

import { searchAgreement } from '../src/stats/search-agreement.js';
import { simulateRewardTensor } from '../src/stats/simulate-reward-tensor.js';
import {
  beamSubset,
  binomialCoefficient,
  DEFAULT_BEAM_WIDTH,
  exhaustiveTopSubsets,
} from '../src/stats/subset-search.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

export async function run(args: string[]): Promise<void> {
  const seed = option(args, 'seed', 1);
  const instances = option(args, 'instances', 200);
  const repeats = option(args, 'repeats', 5);

  const N = 16;
  const K = 64;
  const M = 32;
  const size = 4;
  const { tensor } = simulateRewardTensor({ prompts: N, examples: K, samples: M, seed });
  const subsets = binomialCoefficient(K, size);
  console.log(`exhaustive: N=${N} K=${K} M=${M} K_top=${size}: ${subsets} subsets`);
  exhaustiveTopSubsets(tensor, size, 2); // warm-up (JIT)
  const times: number[] = [];
  let best = '';
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const result = exhaustiveTopSubsets(tensor, size, 2);
    times.push(performance.now() - t0);
    best = result.subsets.map((s) => `[${s.examples.join(',')}] ${s.score.toExponential(4)}`).join('; ');
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(
    `exhaustive: median ${median.toFixed(1)} ms over ${repeats} runs (min ${times[0]?.toFixed(1)} ms)`,
  );
  console.log(`exhaustive: ${((subsets / median) * 1000).toExponential(3)} subsets/s`);
  console.log(
    `exhaustive: time / 1 s goal = ${(median / 1000).toFixed(3)} (${median < 1000 ? 'under' : 'OVER'} goal)`,
  );
  console.log(`exhaustive: top 2 = ${best}`);

  // The general path (missing cells, unequal M): per-prompt counts and a division per prompt.
  const sparse = simulateRewardTensor({
    prompts: N,
    examples: K,
    samples: (n, k) => ((n * 7 + k * 13) % 29 === 0 ? 0 : M - ((n + k) % 8)),
    seed,
  }).tensor;
  const t1 = performance.now();
  exhaustiveTopSubsets(sparse, size, 2);
  const sparseMs = performance.now() - t1;
  console.log(
    `exhaustive with missing cells and unequal M: ${sparseMs.toFixed(1)} ms, time / 1 s goal = ${(sparseMs / 1000).toFixed(3)}`,
  );

  // Beyond exhaustive reach: K_top = 16 of 64 (C(64, 16) ~ 4.9e14) by beam search.
  const t2 = performance.now();
  const beam = beamSubset(tensor, 16, { width: DEFAULT_BEAM_WIDTH });
  console.log(
    `beam: K_top=16 of K=64, width ${DEFAULT_BEAM_WIDTH}: ${(performance.now() - t2).toFixed(1)} ms, ` +
      `${beam.evaluated} subsets scored, best score ${beam.subsets[0]?.score.toExponential(4)}`,
  );

  const settings = [
    { N: 16, K: 16, M: 32, size: 4, promptEffect: 0.5, interaction: 0.5 },
    { N: 16, K: 20, M: 16, size: 5, promptEffect: 0.2, interaction: 1.5 },
    { N: 8, K: 24, M: 8, size: 3, promptEffect: 0, interaction: 1 },
  ];
  for (const s of settings) {
    const tensors = Array.from(
      { length: instances },
      (_, i) =>
        simulateRewardTensor({
          prompts: s.N,
          examples: s.K,
          samples: s.M,
          seed: seed * 100_003 + i,
          promptEffect: s.promptEffect,
          interaction: s.interaction,
        }).tensor,
    );
    const label = `N=${s.N} K=${s.K} M=${s.M} K_top=${s.size} promptEffect=${s.promptEffect} interaction=${s.interaction}`;
    for (const width of [4, 8, DEFAULT_BEAM_WIDTH]) {
      const t0 = performance.now();
      const a = searchAgreement(tensors, s.size, { beamWidth: width });
      const ms = performance.now() - t0;
      console.log(
        `agreement: ${label} instances=${a.instances} beam width=${width}: ` +
          `greedy ${(100 * a.greedyAgreement).toFixed(1)}% (mean regret ${a.greedyMeanRegret.toExponential(2)}), ` +
          `beam ${(100 * a.beamAgreement).toFixed(1)}% (mean regret ${a.beamMeanRegret.toExponential(2)}) [${ms.toFixed(0)} ms]`,
      );
    }
  }
}
