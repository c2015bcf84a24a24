import type { Engine } from '../../engine/engine.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import type { PromptTemplates } from '../../templates/load-templates.js';
import type { Candidate } from './candidate.js';
import type { StopCondition } from './stop-conditions.js';

/** Everything an optimizer works with. No I/O: models through the engine, text templates injected. */
export interface OptimizerContext {
  readonly engine: Engine;
  readonly task: Task;
  /** The training examples (possibly a p1-selected subset). */
  readonly train: readonly Example[];
  /** Validation examples for choosing the final candidate; empty when the task has none. */
  readonly val: readonly Example[];
  readonly seed: number;
  readonly templates: PromptTemplates;
  readonly stopConditions?: readonly StopCondition[];
  /** Called whenever a candidate is proposed, evaluated or changes status (the store persists it). */
  readonly onCandidate?: (candidate: Candidate, level: 'task' | 'agent') => void;
}
