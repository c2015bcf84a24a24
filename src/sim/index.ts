// The simulated world: an AI SDK LanguageModelV3 driven by a declarative world file (docs/sim-world.md).
// Importing this module registers the "sim" model provider.

export type { JsonSchema, SchemaViolation } from '../util/json-schema.js';
export { validateJsonSchema } from '../util/json-schema.js';
export type { AgentRequest, OutputFormat, ShownCandidate } from './agent-request.js';
export { parseAgentRequest } from './agent-request.js';
export { type AgentSkill, agentSkill } from './agent-skill.js';
export { attachTask } from './attach-task.js';
export { BUILTIN_WORLDS, loadWorld, worldFromText } from './load-world.js';
export { parseWorld, parseWorldText, WorldFileError } from './parse-world.js';
export { type AgentOutcome, simulateAgentCall } from './prompt-agent.js';
export type { PromptFeatures } from './prompt-features.js';
export { registerSimProvider, simProviderFactory } from './register.js';
export { SimLanguageModel, type SimModelOptions } from './sim-language-model.js';
export { parseSimModelString, SIM_OPTIONS, type SimModelSpec } from './sim-model-string.js';
export { NO_ANSWER_FEEDBACK, simScorer } from './sim-scorer.js';
export {
  listSimTasks,
  loadSimTask,
  simExternalPoolTaskIds,
  simPoolTaskIds,
  simTask,
  simTaskWorldRef,
} from './sim-task.js';
export { type AgentSettings, SimWorld } from './sim-world.js';
export { type SimCall, type SimCallResult, simulateCall, simulateText } from './simulate-call.js';
export {
  detectBehaviours,
  detectMetaBehaviours,
  type OutcomeOdds,
  outcomeOdds,
  successLogit,
  successProbability,
} from './success-probability.js';
export { answersMatch, extractAnswer } from './synthetic/answers.js';
export type { AnswerType, SyntheticGenerator } from './synthetic/generator.js';
export { GENERATORS } from './synthetic/generators.js';
export { simulateTaskCall, type TaskOutcome } from './task-response.js';
export { WORLD_DEFAULTS } from './world-defaults.js';
export type * from './world-file.js';
export { SKILL_NAMES } from './world-file.js';
export { ID_PATTERN, WORLD_SCHEMA } from './world-schema.js';
export type { ExampleParams, SimExample } from './world-task.js';
export { WorldTask } from './world-task.js';
