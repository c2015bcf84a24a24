import { LIMITS } from './bounds.js';
import type { OptionDef } from './settings.js';

/** Options every command that runs models shares: models, engine, budget, store, output. */
export const ENGINE_OPTIONS: readonly OptionDef[] = [
  {
    name: 'model',
    kind: 'string',
    description: 'task model, e.g. sim:demo, openai:gpt-4.1-mini, ollama:qwen3:4b',
  },
  { name: 'optimizer-model', kind: 'string', description: 'prompt-agent model (default: the task model)' },
  {
    name: 'concurrency',
    kind: 'int',
    default: 16,
    min: 1,
    max: LIMITS.concurrency,
    description: 'model calls in flight at once',
  },
  {
    name: 'rpm',
    kind: 'number',
    // At least one request a minute: a smaller rate never lets a run finish (and 0 would wait forever).
    min: 1,
    max: 1_000_000,
    description: 'requests per minute per provider (default unlimited)',
  },
  {
    name: 'tpm',
    kind: 'number',
    min: 1,
    max: 1_000_000_000,
    description: 'tokens per minute per provider (default unlimited)',
  },
  {
    name: 'timeout',
    kind: 'number',
    default: 120,
    // Below a second no real call completes: every call would fail as a timeout.
    min: 1,
    max: LIMITS.timeoutSeconds,
    description: 'per-call timeout in seconds',
  },
  {
    name: 'retries',
    kind: 'int',
    default: 4,
    min: 0,
    max: LIMITS.retries,
    description: 'retries per call on 429/5xx/network errors',
  },
  { name: 'stream', kind: 'boolean', description: 'use streaming responses' },
  {
    name: 'allow-failures',
    kind: 'number',
    default: 0.02,
    min: 0,
    max: 1,
    description:
      "share of a split's rollouts whose model call may fail (after retries) before the run exits 3; failed calls are never scored",
  },
  {
    name: 'breaker-consecutive',
    kind: 'int',
    default: 20,
    min: 1,
    max: 1_000_000,
    description: 'stop the run (exit 75, resumable) after this many failed calls to a model in a row',
  },
  {
    name: 'breaker-window',
    kind: 'int',
    default: 50,
    min: 1,
    max: 100_000,
    description: 'also stop when more than half of the last n calls to a model failed',
  },
  { name: 'temperature', kind: 'number', min: 0, max: 2, description: 'task-model temperature' },
  { name: 'top-p', kind: 'number', min: 0, max: 1, description: 'task-model top_p' },
  {
    name: 'max-tokens',
    kind: 'int',
    min: 1,
    max: LIMITS.maxTokens,
    description: 'task-model max output tokens',
  },
  { name: 'optimizer-temperature', kind: 'number', min: 0, max: 2, description: 'prompt-agent temperature' },
  { name: 'optimizer-top-p', kind: 'number', min: 0, max: 1, description: 'prompt-agent top_p' },
  {
    name: 'optimizer-max-tokens',
    kind: 'int',
    min: 1,
    max: LIMITS.maxTokens,
    description: 'prompt-agent max output tokens',
  },
  { name: 'seed', kind: 'int', default: 0, min: 0, max: LIMITS.seed, description: 'random seed' },
  {
    name: 'budget',
    kind: 'int',
    min: 1,
    max: LIMITS.budget,
    description: 'task-model rollouts this run may use',
  },
  {
    name: 'max-cost',
    kind: 'number',
    min: 0,
    max: LIMITS.maxCostUsd,
    description: 'USD limit across both models',
  },
  { name: 'cache', kind: 'string', description: 'call-cache database (default: per-user cache)' },
  {
    name: 'no-cache',
    kind: 'boolean',
    description: 'bypass the shared call cache and the cache of pre-trained prompt agents',
  },
  { name: 'store', kind: 'string', default: '.sepo', description: 'run directory' },
  {
    name: 'resume',
    kind: 'string',
    description: 'resume a run by id (reuses its completed calls)',
    configurable: false,
  },
  {
    name: 'config',
    kind: 'string',
    description: 'config file (default sepo.config.{json,yaml} in cwd)',
    configurable: false,
  },
  { name: 'json', kind: 'boolean', description: 'print the result as JSON on stdout' },
  { name: 'quiet', kind: 'boolean', description: 'no progress output' },
];

export const TASK_OPTIONS: readonly OptionDef[] = [
  {
    name: 'task',
    kind: 'string',
    description:
      'task: a built-in id (gsm8k, math500, aime2025, ...; see `sepo tasks`), sim:<world>[/<task>], jsonl:|json:|csv:<path>, or ./my-task.ts',
  },
  {
    name: 'task-timeout',
    kind: 'number',
    min: 0.1,
    max: 3600,
    description: 'seconds a task module (./my-task.ts) may take to import and load (default 60)',
  },
  { name: 'input-field', kind: 'string', description: 'JSONL field holding the input (default "input")' },
  {
    name: 'answer-field',
    kind: 'string',
    description: 'JSONL field holding the reference (default "answer")',
  },
  {
    name: 'data-dir',
    kind: 'string',
    description:
      'built-in dataset files (layout of shared/datasets); default $SEPO_DATA_DIR, else downloaded once to the cache',
  },
  {
    name: 'scorer',
    kind: 'string',
    description:
      'scorer of a file task: exact, normalized, regex, numeric, contains, math, choice, json-schema, llm-judge (default exact)',
  },
  { name: 'rubric', kind: 'string', description: 'llm-judge scorer: the rubric, text or @file' },
  {
    name: 'judge-model',
    kind: 'string',
    description: 'llm-judge scorer: the judge model (default: the optimizer model, through the run engine)',
  },
  { name: 'pattern', kind: 'string', description: 'regex scorer: a pattern whose group 1 is the answer' },
  { name: 'schema', kind: 'string', description: 'json-schema scorer: the schema, JSON or @file' },
  {
    name: 'answer-tolerance',
    kind: 'number',
    min: 0,
    max: 1,
    description: 'numeric scorer: relative tolerance (default 1e-6)',
  },
  {
    name: 'train',
    kind: 'int',
    min: 0,
    max: LIMITS.examples,
    description: 'train split size (seeded; AIME/HMMT default 10/5/15)',
  },
  {
    name: 'val',
    kind: 'int',
    min: 0,
    max: LIMITS.examples,
    description: 'val split size (gsm8k: carved from train, default 200)',
  },
  {
    name: 'test',
    kind: 'int',
    min: 0,
    max: LIMITS.examples,
    description: 'test split size (default: the rest, or the dataset test set)',
  },
];
