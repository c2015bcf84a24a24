import { type CompetitionTaskSpec, loadCompetitionTask } from '../math/competition-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const HMMT_2025: CompetitionTaskSpec = {
  info: {
    id: 'hmmt2025',
    description:
      'HMMT February 2025 competition problems: hard olympiad-style math whose answers are exact expressions (integers, fractions, radicals, pi).',
    kind: 'math',
    domain: 'competition-math',
  },
  file: 'hmmt_feb_2025/hmmt_feb_2025.jsonl',
  family: 'hmmt',
  fallbackId: (i) => `hmmt-feb-2025-${i}`,
};

registerBuiltinTask({
  info: HMMT_2025.info,
  files: [HMMT_2025.file],
  load: (ctx) => loadCompetitionTask(HMMT_2025, ctx),
});
