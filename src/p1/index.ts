// p1 orchestration (docs/p1.md): sampling system prompts, building reward tensors through the engine, the
// analysis and verdict, the training-set selector and the reward service. No file system or network.
export {
  type AnalyzeRewardsOptions,
  analyzeRewards,
  type P1Analysis,
  type P1Settings,
  type SubsetReport,
  samplesForRatio,
} from './analyze-rewards.js';
export {
  type CollectedRewards,
  type CollectRewardsOptions,
  collectRewards,
  rolloutsNeeded,
} from './collect-rewards.js';
export {
  defaultMetaPrompt,
  GENERATED_PROMPT_TAG,
  generatorSystemPrompt,
  metaPromptTemplateName,
  withOutputConvention,
} from './meta-prompt.js';
export { parseCandidatesText } from './parse-candidates.js';
export { renderAnalysis } from './render-analysis.js';
export { type ParsedRewardFile, parseRewardFile, type RewardFile, rewardFileOf } from './reward-file.js';
export {
  DEFAULT_MAX_PROMPTS,
  parseRewardRequest,
  type RewardDetail,
  type RewardRequest,
  RewardRequestError,
  type RewardResponse,
  RewardService,
} from './reward-service.js';
export {
  type Diagnosis,
  type PromptSource,
  type RunDiagnosisOptions,
  runDiagnosis,
} from './run-diagnosis.js';
export {
  extractGeneratedPrompt,
  givenSystemPrompts,
  type SampledSystemPrompts,
  type SampleSystemPromptsOptions,
  type SystemPromptSample,
  sampleSystemPrompts,
} from './sample-system-prompts.js';
export {
  SELECTION_METHODS,
  type SelectionMethod,
  type SelectionRecord,
  type SelectTrainingSetOptions,
  selectTrainingSet,
  type TrainingSelection,
} from './select-training-set.js';
export { describeVerdict, type P1Recommendation, type P1Verdict } from './verdict.js';
