import type { OptionDef } from './options.js';

/** Options every command that runs models shares: models, engine, budget, store, output. */
export const ENGINE_OPTIONS: readonly OptionDef[] = [
  {
    name: 'model',
    kind: 'string',
    description: 'task model, e.g. sim:demo, openai:gpt-4.1-mini, ollama:qwen3:4b',
  },
  { name: 'optimizer-model', kind: 'string', description: 'prompt-agent model (default: the task model)' },
  { name: 'concurrency', kind: 'int', min: 1, description: 'model calls in flight at once (default 16)' },
  {
    name: 'rpm',
    kind: 'number',
    min: 0,
    description: 'requests per minute per provider (default unlimited)',
  },
  { name: 'tpm', kind: 'number', min: 0, description: 'tokens per minute per provider (default unlimited)' },
  { name: 'timeout', kind: 'number', min: 0, description: 'per-call timeout in seconds (default 120)' },
  {
    name: 'retries',
    kind: 'int',
    min: 0,
    description: 'retries per call on 429/5xx/network errors (default 4)',
  },
  { name: 'stream', kind: 'boolean', description: 'use streaming responses' },
  { name: 'temperature', kind: 'number', min: 0, description: 'task-model temperature' },
  { name: 'top-p', kind: 'number', min: 0, description: 'task-model top_p' },
  { name: 'max-tokens', kind: 'int', min: 1, description: 'task-model max output tokens' },
  { name: 'optimizer-temperature', kind: 'number', min: 0, description: 'prompt-agent temperature' },
  { name: 'seed', kind: 'int', min: 0, description: 'random seed (default 0)' },
  { name: 'budget', kind: 'int', min: 1, description: 'task-model rollouts this run may use' },
  { name: 'max-cost', kind: 'number', min: 0, description: 'USD limit across both models' },
  { name: 'cache', kind: 'string', description: 'call-cache database (default: per-user cache)' },
  { name: 'no-cache', kind: 'boolean', description: 'bypass the shared call cache' },
  { name: 'store', kind: 'string', description: 'run directory (default ./.sepo)' },
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
  { name: 'task', kind: 'string', description: 'task id: sim:<world>[/<task>], jsonl:<path>' },
  { name: 'input-field', kind: 'string', description: 'JSONL field holding the input (default "input")' },
  {
    name: 'answer-field',
    kind: 'string',
    description: 'JSONL field holding the reference (default "answer")',
  },
];
