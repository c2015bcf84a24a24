// sepo/optimizers: the optimizers (SePO's two levels, the baselines) and their framework, as pure
// strategies over an Engine: for research on the methods themselves. The use cases (optimize, compare)
// are on the package root.

export { loadTemplates, type PromptTemplates } from '../templates/load-templates.js';
export {
  type GepaIteration,
  type GepaOptions,
  runGepa,
} from './baselines/gepa.js';
export { type MetaSpoOptions, type MetaSpoTask, runMetaSpo } from './baselines/metaspo.js';
export { type OproOptions, runOpro } from './baselines/opro.js';
export {
  dominatorPrograms,
  type ParetoFronts,
  paretoFronts,
  removeDominated,
  selectFromPareto,
} from './baselines/pareto.js';
export { type RandomSearchOptions, runRandomSearch } from './baselines/random-search.js';
export { runTextGrad, type TextGradOptions, type TextGradStep } from './baselines/textgrad.js';
export * from './framework/admission.js';
export { Archive } from './framework/archive.js';
export type { Candidate, SplitScore } from './framework/candidate.js';
export {
  buildFeedback,
  DEFAULT_FEEDBACK,
  type FeedbackOptions,
} from './framework/feedback-builder.js';
export type { MethodResult } from './framework/method-result.js';
export { MinibatchSampler } from './framework/minibatch-sampler.js';
export type { OptimizerContext } from './framework/optimizer-context.js';
export * from './framework/parent-selectors.js';
export * from './framework/stop-conditions.js';
export {
  type AgentLevelOptions,
  type AgentLevelResult,
  type PoolTask,
  runAgentLevelSearch,
} from './sepo/agent-level-search.js';
export { metadataRelevance, type Relevance, selectPool } from './sepo/pool-selection.js';
export { runSepo, type SepoOptions, type SepoResult } from './sepo/sepo-method.js';
export {
  type ProposalRecord,
  runTaskLevelSearch,
  type TaskLevelOptions,
  type TaskLevelResult,
} from './sepo/task-level-search.js';
