// sepo/tasks: built-in tasks, loaders, scorers and their parts (math, code sandbox, ARC, sudoku,
// instruction following, multiple choice), and `task()` for a task built in memory.
export { type Grid, type GridFormat, gridToText, isGrid } from './arc/arc-grid.js';
export { arcScorer } from './arc/arc-scorer.js';
export { findGrids, type GridParseOptions, parseLastGrid } from './arc/parse-grid.js';
export {
  groupRolloutsByExample,
  type PassAtKResult,
  type PassAtKTask,
  passAtK,
  passAtKEstimate,
  type SampledScore,
  taskPassAtK,
} from './arc/pass-at-k.js';
export { extractProgram } from './code/extract-program.js';
export { createMbppScorer } from './code/mbpp-scorer.js';
export {
  PythonSandbox,
  type PythonSandboxOptions,
  type SandboxResult,
  sharedPythonSandbox,
  type TestOutcome,
} from './code/python-sandbox.js';
export { probeSandboxEnvironment } from './code/sandbox-environment.js';
export {
  DEFAULT_SANDBOX_LIMITS,
  type SandboxEnvironment,
  type SandboxJob,
  type SandboxLimits,
} from './code/sandbox-invocation.js';
export {
  DATASET_SOURCES,
  type DatasetSource,
  registerDatasetSource,
} from './data/dataset-sources.js';
export {
  type EnsureDatasetOptions,
  type EnsuredDataset,
  ensureDatasetFiles,
} from './data/ensure-dataset-files.js';
export { readExampleFile } from './data/read-examples.js';
export {
  type TaskExampleInput,
  type TaskInput,
  type TaskScorerInput,
  task,
} from './in-memory-task.js';
export {
  type Constraint,
  type ConstraintOutcome,
  checkInstructions,
  type FollowMode,
  looseVariants,
} from './instructions/check-instructions.js';
export { detectLanguage } from './instructions/detect-language.js';
export {
  IFBENCH_VERIFIERS,
  IFEVAL_VERIFIERS,
  type InstructionBenchmark,
  UNSUPPORTED_IFBENCH,
} from './instructions/instruction-registry.js';
export { createInstructionScorer } from './instructions/instruction-scorer.js';
export {
  INSTRUCTION_FOLLOWING_PROMPT,
  type InstructionCoverage,
  type InstructionTask,
  readInstructionExamples,
} from './instructions/instruction-task.js';
export type { CheckResult, InstructionVerifier, Kwargs } from './instructions/verifier.js';
export { loadJsonlTask, readJsonlExamples } from './jsonl-task.js';
export {
  defaultDataDir,
  knownTaskIds,
  type LoadTaskAsyncOptions,
  type LoadTaskOptions,
  loadTask,
  loadTaskAsync,
} from './load-task.js';
export { type ExtractedAnswer, extractMathAnswer } from './math/extract-math-answer.js';
export { type MathVerdict, mathEquivalent } from './math/math-equivalence.js';
export { MATH_PROMPTS } from './math/math-prompts.js';
export { scoreMathResponse } from './math/score-math-response.js';
export { choiceScorer } from './mcq/choice-scorer.js';
export { extractChoiceLetter } from './mcq/extract-choice-letter.js';
export { type CsvRow, type CsvTable, parseCsv } from './mcq/parse-csv.js';
export { readGpqaExamples } from './mcq/read-gpqa.js';
export { formatChoices, shuffleChoices } from './mcq/shuffle-choices.js';
export { exactScorer } from './scorers/exact-scorer.js';
export { extractFinalAnswer } from './scorers/final-answer.js';
export { functionScorer, type ScoreFunction, type ScoreValue } from './scorers/function-scorer.js';
export {
  createLlmJudgeScorer,
  JUDGE_SYSTEM_PROMPT,
  type JudgeFn,
  type LlmJudgeOptions,
} from './scorers/llm-judge-scorer.js';
export { mathScorer } from './scorers/math-scorer.js';
export {
  createScorer,
  registerScorer,
  type ScorerFactory,
  type ScorerOptions,
  scorerNames,
} from './scorers/scorer-registry.js';
export { findViolation, type SudokuViolation } from './sudoku/sudoku-check.js';
export { generateSudoku, type SudokuDifficulty, type SudokuPuzzle } from './sudoku/sudoku-generator.js';
export { sudokuScorer } from './sudoku/sudoku-scorer.js';
export { type SudokuShape, sudokuShape } from './sudoku/sudoku-shape.js';
export { countSolutions, solveSudoku } from './sudoku/sudoku-solver.js';
export {
  defineTask,
  loadUserTask,
  type TaskData,
  type TaskDefinition,
  type UserTaskContext,
} from './user-module.js';
