// The package root of sepo: the use cases (optimize, compare, evaluate) that take AI SDK model objects
// or model strings and tasks built in memory or by id; the engine; the types they use; the errors.
// Everything else is on subpaths: sepo/stats, sepo/tasks, sepo/sim, sepo/report, sepo/store,
// sepo/optimizers, sepo/p1, sepo/models.
import './sim/register.js';

export type { BudgetLimits } from './engine/budget-ledger.js';
export { type CallFailures, DEFAULT_ALLOWED_FAILURE_SHARE } from './engine/call-failures.js';
export { CircuitBreaker, type CircuitBreakerSettings } from './engine/circuit-breaker.js';
export { type Clock, createManualClock, systemClock } from './engine/clock.js';
export { type Completion, type CompletionRequest, Engine, type EngineOptions } from './engine/engine.js';
export { EventBus } from './engine/event-bus.js';
export { type CompletionStore, MemoryCompletionStore, type RolloutSink } from './engine/ports.js';
export * from './errors.js';
export type { ModelHandle } from './models/model-handle.js';
export { type ModelHandleOptions, type ModelInput, modelHandle } from './models/to-model-handle.js';
export {
  type CompareOptions,
  compare,
  type EvaluateOptions,
  evaluate,
  type OptimizeOptions,
  optimize,
  type RunOptions,
} from './run/api.js';
export type { CompareResult, CompareRow, CompareRun } from './run/compare-table.js';
export type { VersusReference } from './run/compare-vs-reference.js';
export type { EvalResult } from './run/evaluate.js';
export type { OptimizeResult, TestComparison } from './run/optimize.js';
export type * from './spec/events.js';
export type * from './spec/example.js';
export type * from './spec/rollout.js';
export type * from './spec/sampling.js';
export type * from './spec/score.js';
export type * from './spec/task.js';
export type * from './spec/usage.js';
export {
  type TaskExampleInput,
  type TaskInput,
  type TaskScorerInput,
  task,
} from './tasks/in-memory-task.js';
export { loadTask, loadTaskAsync } from './tasks/load-task.js';
export type { ScoreFunction, ScoreValue } from './tasks/scorers/function-scorer.js';
export { defineTask, type TaskDefinition } from './tasks/user-module.js';
