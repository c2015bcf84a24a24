import { loadInstructionTask } from '../instructions/instruction-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const FILE = 'ifbench/IFBench_test.jsonl';

registerBuiltinTask({
  info: {
    id: 'ifbench',
    description:
      'IFBench: 300 prompts with new, out-of-distribution verifiable constraints (counting, ratios, word ' +
      'games, custom formats); reward 1 only if every constraint holds.',
    kind: 'instruction',
    domain: 'instruction-following',
  },
  files: [FILE],
  load: (context) => loadInstructionTask({ benchmark: 'ifbench', file: FILE, title: 'IFBench' }, context),
});
