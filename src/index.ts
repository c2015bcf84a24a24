// The public library API of sepo. Layers: spec (types), stats, models, sim, tasks, engine, optimizers, store.
export * from './errors.js';
export { callModel, ModelCallError } from './models/call-model.js';
export type { ModelHandle, ProviderFactory, ResolveContext } from './models/model-handle.js';
export { costOf, createPriceTable, type Price, type PriceTable } from './models/pricing.js';
export { knownProviders, registerProvider } from './models/provider-registry.js';
export { resolveModel } from './models/resolve-model.js';
export type * from './spec/events.js';
export type * from './spec/example.js';
export type * from './spec/rollout.js';
export type * from './spec/sampling.js';
export type * from './spec/score.js';
export type * from './spec/task.js';
export type * from './spec/usage.js';

import './sim/register.js';

export type { BudgetLimits } from './engine/budget-ledger.js';
export { type Clock, createManualClock, systemClock } from './engine/clock.js';
export { type Completion, type CompletionRequest, Engine, type EngineOptions } from './engine/engine.js';
export { EventBus } from './engine/event-bus.js';
export {
  type CompletionStore,
  MemoryCompletionStore,
  type RolloutSink,
  type StoredCompletion,
} from './engine/ports.js';
export {
  type GepaIteration,
  type GepaOptions,
  runGepa,
} from './optimizers/baselines/gepa.js';
export { type MetaSpoOptions, type MetaSpoTask, runMetaSpo } from './optimizers/baselines/metaspo.js';
export { type OproOptions, runOpro } from './optimizers/baselines/opro.js';
export {
  dominatorPrograms,
  type ParetoFronts,
  paretoFronts,
  removeDominated,
  selectFromPareto,
} from './optimizers/baselines/pareto.js';
export { type RandomSearchOptions, runRandomSearch } from './optimizers/baselines/random-search.js';
export { runTextGrad, type TextGradOptions, type TextGradStep } from './optimizers/baselines/textgrad.js';
export * from './optimizers/framework/admission.js';
export { Archive } from './optimizers/framework/archive.js';
export type { Candidate, SplitScore } from './optimizers/framework/candidate.js';
export {
  buildFeedback,
  DEFAULT_FEEDBACK,
  type FeedbackOptions,
} from './optimizers/framework/feedback-builder.js';
export type { MethodResult } from './optimizers/framework/method-result.js';
export { MinibatchSampler } from './optimizers/framework/minibatch-sampler.js';
export type { OptimizerContext } from './optimizers/framework/optimizer-context.js';
export * from './optimizers/framework/parent-selectors.js';
export * from './optimizers/framework/stop-conditions.js';
export {
  type AgentLevelOptions,
  type AgentLevelResult,
  type PoolTask,
  runAgentLevelSearch,
} from './optimizers/sepo/agent-level-search.js';
export { metadataRelevance, type Relevance, selectPool } from './optimizers/sepo/pool-selection.js';
export { runSepo, type SepoOptions, type SepoResult } from './optimizers/sepo/sepo-method.js';
export {
  type ProposalRecord,
  runTaskLevelSearch,
  type TaskLevelOptions,
  type TaskLevelResult,
} from './optimizers/sepo/task-level-search.js';
export * from './p1/index.js';
export {
  buildReportModel,
  type DiffPart,
  defaultReportPath,
  type ReportFormat,
  type ReportInput,
  type ReportModel,
  readReportModel,
  renderHtml,
  renderMarkdown,
  renderReport,
  wordDiff,
  writeReport,
} from './report/index.js';
export * from './stats/index.js';
export { CallCache, defaultCachePath, exportRun, RunStore } from './store/index.js';
export { loadJsonlTask, readJsonlExamples } from './tasks/jsonl-task.js';
export { knownTaskIds, loadTask } from './tasks/load-task.js';
export { exactScorer } from './tasks/scorers/exact-scorer.js';
export { extractFinalAnswer } from './tasks/scorers/final-answer.js';
export { loadTemplates, type PromptTemplates } from './templates/load-templates.js';
