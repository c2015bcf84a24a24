import { gpqaDataFile, loadGpqaTask } from '../mcq/gpqa-task.js';
import { registerBuiltinTask } from '../task-registry.js';

registerBuiltinTask({
  info: {
    id: 'gpqa',
    description:
      'GPQA (user-supplied file, never bundled): graduate-level science multiple choice with four shuffled ' +
      'options; answer with the letter.',
    kind: 'mcq',
    domain: 'graduate-science',
  },
  files: [gpqaDataFile('diamond')],
  load: loadGpqaTask,
});
