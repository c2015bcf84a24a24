import { loadInstructionTask } from '../instructions/instruction-task.js';
import { registerBuiltinTask } from '../task-registry.js';

const FILE = 'ifeval/input_data.jsonl';

registerBuiltinTask({
  info: {
    id: 'ifeval',
    description:
      'IFEval: 541 prompts with verifiable instructions (length, keywords, format, case, language...); ' +
      'reward 1 only if every instruction holds.',
    kind: 'instruction',
    domain: 'instruction-following',
  },
  files: [FILE],
  load: (context) => loadInstructionTask({ benchmark: 'ifeval', file: FILE, title: 'IFEval' }, context),
});
