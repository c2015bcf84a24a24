import { type CompetitionTaskSpec, loadCompetitionTask } from '../math/competition-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const AIME_DESCRIPTION =
  'American Invitational Mathematics Examination problems (I and II): hard competition math whose answers are integers from 0 to 999.';

const AIME_2024: CompetitionTaskSpec = {
  info: {
    id: 'aime2024',
    description: `${AIME_DESCRIPTION} Year 2024.`,
    kind: 'math',
    domain: 'competition-math',
  },
  file: 'aime_2024/aime_2024_matharena.jsonl',
  family: 'aime',
  fallbackId: (i) => `2024-${i <= 15 ? 'I' : 'II'}-${((i - 1) % 15) + 1}`,
};

const AIME_2025: CompetitionTaskSpec = {
  info: {
    id: 'aime2025',
    description: `${AIME_DESCRIPTION} Year 2025.`,
    kind: 'math',
    domain: 'competition-math',
  },
  file: 'aime_2025/aime_2025.jsonl',
  family: 'aime',
  fallbackId: (i) => `2025-${i <= 15 ? 'I' : 'II'}-${((i - 1) % 15) + 1}`,
};

for (const spec of [AIME_2024, AIME_2025]) {
  registerBuiltinTask({ info: spec.info, files: [spec.file], load: (ctx) => loadCompetitionTask(spec, ctx) });
}
