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
export { type Grid, type GridFormat, gridToText, isGrid } from './tasks/arc/arc-grid.js';
export { arcScorer } from './tasks/arc/arc-scorer.js';
export { findGrids, type GridParseOptions, parseLastGrid } from './tasks/arc/parse-grid.js';
export {
  groupRolloutsByExample,
  type PassAtKResult,
  type PassAtKTask,
  passAtK,
  passAtKEstimate,
  type SampledScore,
  taskPassAtK,
} from './tasks/arc/pass-at-k.js';
export { extractProgram } from './tasks/code/extract-program.js';
export { createMbppScorer } from './tasks/code/mbpp-scorer.js';
export {
  PythonSandbox,
  type PythonSandboxOptions,
  type SandboxResult,
  sharedPythonSandbox,
  type TestOutcome,
} from './tasks/code/python-sandbox.js';
export { probeSandboxEnvironment } from './tasks/code/sandbox-environment.js';
export {
  DEFAULT_SANDBOX_LIMITS,
  type SandboxEnvironment,
  type SandboxJob,
  type SandboxLimits,
} from './tasks/code/sandbox-invocation.js';
export {
  DATASET_SOURCES,
  type DatasetSource,
  registerDatasetSource,
} from './tasks/data/dataset-sources.js';
export {
  type EnsureDatasetOptions,
  type EnsuredDataset,
  ensureDatasetFiles,
} from './tasks/data/ensure-dataset-files.js';
export { readExampleFile } from './tasks/data/read-examples.js';
export {
  type Constraint,
  type ConstraintOutcome,
  checkInstructions,
  type FollowMode,
  looseVariants,
} from './tasks/instructions/check-instructions.js';
export { detectLanguage } from './tasks/instructions/detect-language.js';
export {
  IFBENCH_VERIFIERS,
  IFEVAL_VERIFIERS,
  type InstructionBenchmark,
  UNSUPPORTED_IFBENCH,
} from './tasks/instructions/instruction-registry.js';
export { createInstructionScorer } from './tasks/instructions/instruction-scorer.js';
export {
  INSTRUCTION_FOLLOWING_PROMPT,
  type InstructionCoverage,
  type InstructionTask,
  readInstructionExamples,
} from './tasks/instructions/instruction-task.js';
export type { CheckResult, InstructionVerifier, Kwargs } from './tasks/instructions/verifier.js';
export { loadJsonlTask, readJsonlExamples } from './tasks/jsonl-task.js';
export {
  defaultDataDir,
  knownTaskIds,
  type LoadTaskAsyncOptions,
  type LoadTaskOptions,
  loadTask,
  loadTaskAsync,
} from './tasks/load-task.js';
export { type ExtractedAnswer, extractMathAnswer } from './tasks/math/extract-math-answer.js';
export { type MathVerdict, mathEquivalent } from './tasks/math/math-equivalence.js';
export { MATH_PROMPTS } from './tasks/math/math-prompts.js';
export { choiceScorer } from './tasks/mcq/choice-scorer.js';
export { extractChoiceLetter } from './tasks/mcq/extract-choice-letter.js';
export { type CsvRow, type CsvTable, parseCsv } from './tasks/mcq/parse-csv.js';
export { readGpqaExamples } from './tasks/mcq/read-gpqa.js';
export { formatChoices, shuffleChoices } from './tasks/mcq/shuffle-choices.js';
export { exactScorer } from './tasks/scorers/exact-scorer.js';
export { extractFinalAnswer } from './tasks/scorers/final-answer.js';
export {
  createLlmJudgeScorer,
  JUDGE_SYSTEM_PROMPT,
  type JudgeFn,
  type LlmJudgeOptions,
} from './tasks/scorers/llm-judge-scorer.js';
export { mathScorer } from './tasks/scorers/math-scorer.js';
export {
  createScorer,
  registerScorer,
  type ScorerFactory,
  type ScorerOptions,
  scorerNames,
} from './tasks/scorers/scorer-registry.js';
export { findViolation, type SudokuViolation } from './tasks/sudoku/sudoku-check.js';
export { generateSudoku, type SudokuDifficulty, type SudokuPuzzle } from './tasks/sudoku/sudoku-generator.js';
export { sudokuScorer } from './tasks/sudoku/sudoku-scorer.js';
export { type SudokuShape, sudokuShape } from './tasks/sudoku/sudoku-shape.js';
export { countSolutions, solveSudoku } from './tasks/sudoku/sudoku-solver.js';
export {
  defineTask,
  loadUserTask,
  type TaskData,
  type TaskDefinition,
  type UserTaskContext,
} from './tasks/user-module.js';
export { loadTemplates, type PromptTemplates } from './templates/load-templates.js';
