import type { JsonSchema } from '../util/json-schema.js';
import { WORLD_DEFAULTS as D } from './world-defaults.js';
import { SKILL_NAMES } from './world-file.js';

/** The largest split of a synthetic task (see the `splits` property). */
export const MAX_SPLIT_EXAMPLES = 100_000;

/** Ids of behaviours, tasks and worlds: lower-case words joined by hyphens. */
export const ID_PATTERN = '^[a-z0-9][a-z0-9-]*$';

const rate = (description: string, value: number): JsonSchema => ({
  type: 'number',
  minimum: 0,
  maximum: 1,
  description,
  default: value,
});

/**
 * The published JSON Schema of a world file (draft 2020-12). `parseWorld` validates against it, then
 * checks what a schema cannot say (references between fields, regexes compile, unique ids).
 */
export const WORLD_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/sepo/sepo/schemas/sim-world.json',
  title: 'sepo simulated world',
  description: 'A declarative world for the sim: provider. See docs/sim-world.md.',
  type: 'object',
  required: ['name', 'seed', 'behaviours', 'tasks'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: ID_PATTERN, description: 'World name; task ids are sim:<name>/<task>.' },
    description: { type: 'string' },
    seed: {
      type: 'integer',
      minimum: 0,
      description: 'Seeds examples, per-example parameters and sampling.',
    },
    latencyMs: {
      type: 'number',
      minimum: 0,
      default: D.latencyMs,
      description: 'Simulated latency per call.',
    },
    defaultTask: {
      type: 'string',
      pattern: ID_PATTERN,
      description: 'Task named by sim:<world>; default first.',
    },
    defaultSystemPrompt: { type: 'string', minLength: 1, default: D.defaultSystemPrompt },
    behaviours: { type: 'array', minItems: 1, items: { $ref: '#/$defs/behaviour' } },
    conflicts: { type: 'array', items: { $ref: '#/$defs/conflict' } },
    metaBehaviours: { type: 'array', items: { $ref: '#/$defs/metaBehaviour' } },
    promptAgent: { $ref: '#/$defs/promptAgent' },
    responses: {
      type: 'object',
      additionalProperties: false,
      properties: {
        symptomRate: rate(
          'Probability that a wrong answer carries a symptom sentence.',
          D.responses.symptomRate,
        ),
        misleadingRate: rate(
          'Probability that the symptom points to an unhelpful behaviour.',
          D.responses.misleadingRate,
        ),
      },
    },
    tasks: { type: 'array', minItems: 1, items: { $ref: '#/$defs/task' } },
  },
  $defs: {
    dist: {
      type: 'object',
      required: ['mean', 'spread'],
      additionalProperties: false,
      properties: {
        mean: { type: 'number', description: 'Task-level mean (logit).' },
        spread: { type: 'number', minimum: 0, description: 'Per-example standard deviation (logit).' },
      },
    },
    behaviour: {
      type: 'object',
      required: ['id', 'phrase', 'symptom'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: ID_PATTERN },
        phrase: { type: 'string', minLength: 1 },
        patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
        symptom: { type: 'string', minLength: 1, pattern: '^[^0-9]*$' },
      },
    },
    metaBehaviour: {
      type: 'object',
      required: ['id', 'phrase', 'symptom', 'effects'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: ID_PATTERN },
        phrase: { type: 'string', minLength: 1 },
        patterns: { type: 'array', items: { type: 'string', minLength: 1 } },
        symptom: { type: 'string', minLength: 1, pattern: '^[^0-9]*$' },
        effects: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            SKILL_NAMES.map((n) => [n, { type: 'number' } satisfies JsonSchema]),
          ),
        },
      },
    },
    conflict: {
      type: 'object',
      required: ['between', 'penalty'],
      additionalProperties: false,
      properties: {
        between: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', pattern: ID_PATTERN } },
        penalty: { type: 'number', minimum: 0 },
      },
    },
    promptAgent: {
      type: 'object',
      additionalProperties: false,
      properties: {
        keepRate: rate(
          'Probability of keeping each behaviour of the prompt being edited.',
          D.promptAgent.keepRate,
        ),
        diagnosisAccuracy: rate(
          'Probability that a diagnosed symptom adds the behaviour it points to (else a wrong one).',
          D.promptAgent.diagnosisAccuracy,
        ),
        explorationRate: rate('Probability of adding one random behaviour.', D.promptAgent.explorationRate),
        leakRate: rate('Probability of quoting a shown example with its answer.', D.promptAgent.leakRate),
        fillerSentences: {
          type: 'number',
          minimum: 0,
          default: D.promptAgent.fillerSentences,
          description: 'Expected number of neutral filler sentences written into a prompt.',
        },
        adviceRate: rate('Probability of applying a behaviour a critique names.', D.promptAgent.adviceRate),
        combineRate: rate('Probability of merging the two best shown candidates.', D.promptAgent.combineRate),
        generatorIncludeRate: rate(
          'Probability that a fresh prompt includes each behaviour relevant to the task.',
          D.promptAgent.generatorIncludeRate,
        ),
        maxDiagnoses: { type: 'integer', minimum: 0, default: D.promptAgent.maxDiagnoses },
        preamble: { type: 'string', default: D.promptAgent.preamble },
        agentPreamble: { type: 'string', default: D.promptAgent.agentPreamble },
        fillers: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    task: {
      type: 'object',
      required: ['id', 'source', 'baseLogit'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: ID_PATTERN },
        source: {
          type: 'object',
          required: ['kind'],
          additionalProperties: false,
          properties: {
            kind: { enum: ['synthetic', 'external'] },
            generator: {
              enum: [
                'arithmetic',
                'unit-conversion',
                'string-transform',
                'list-sort',
                'letter-count',
                'date-arithmetic',
              ],
              description: 'Required when kind is synthetic.',
            },
            taskId: { type: 'string', minLength: 1, description: 'Required when kind is external.' },
          },
        },
        description: { type: 'string', minLength: 1 },
        kind: { enum: ['math', 'code', 'mcq', 'grid', 'instruction', 'qa', 'other'] },
        domain: { type: 'string', minLength: 1 },
        splits: {
          type: 'object',
          required: ['train', 'val', 'test'],
          additionalProperties: false,
          // Examples are generated eagerly, in memory, distinct across the world: 100,000 per split
          // takes about a second; far more would stall loading (and no benchmark split is that large).
          description: 'Examples per split, at most 100000 each.',
          properties: {
            train: { type: 'integer', minimum: 0, maximum: MAX_SPLIT_EXAMPLES },
            val: { type: 'integer', minimum: 0, maximum: MAX_SPLIT_EXAMPLES },
            test: { type: 'integer', minimum: 0, maximum: MAX_SPLIT_EXAMPLES },
          },
        },
        pool: { type: 'boolean', default: D.task.pool },
        keywords: { type: 'array', items: { type: 'string', minLength: 1 } },
        defaultSystemPrompt: { type: 'string', minLength: 1 },
        baseLogit: { $ref: '#/$defs/dist' },
        behaviourEffects: { type: 'object', additionalProperties: { $ref: '#/$defs/dist' } },
        conflicts: { type: 'array', items: { $ref: '#/$defs/conflict' } },
        length: {
          type: 'object',
          required: ['freeTokens', 'perToken'],
          additionalProperties: false,
          properties: {
            freeTokens: { type: 'number', minimum: 0 },
            perToken: { type: 'number', minimum: 0 },
          },
        },
        format: {
          type: 'object',
          required: ['behaviour', 'unparsableRate'],
          additionalProperties: false,
          properties: {
            behaviour: { type: 'string', pattern: ID_PATTERN },
            unparsableRate: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
        memorisation: {
          type: 'object',
          required: ['boost', 'elsewhere'],
          additionalProperties: false,
          properties: { boost: { type: 'number', minimum: 0 }, elsewhere: { type: 'number', minimum: 0 } },
        },
        answerTemplate: { type: 'string', pattern: '\\{answer\\}' },
      },
    },
  },
};
