import { readFileSync } from 'node:fs';
import { Engine } from '../engine/engine.js';
import { ConfigError, DataError } from '../errors.js';
import { resolveModel } from '../models/resolve-model.js';
import { attachTask, loadWorld } from '../sim/index.js';
import type { JsonSchema } from '../sim/json-schema.js';
import type { Example, SplitName } from '../spec/example.js';
import type { Task } from '../spec/task.js';
import { type LoadTaskOptions, loadTask, loadTaskAsync } from '../tasks/load-task.js';
import { JUDGE_SYSTEM_PROMPT, type JudgeFn } from '../tasks/scorers/llm-judge-scorer.js';
import type { Options } from './settings.js';

/** Reads `--prompt`: literal text, or `@path` for a file. */
export function readPromptOption(value: string, option = '--prompt'): string {
  if (!value.startsWith('@')) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new DataError(path, `file not found (from ${option} ${value})`);
  }
}

/** Everything `--task` loading reads from the flags (files behind @ are read here, not in scorers). */
export function taskLoadOptions(options: Options, judge?: JudgeFn): LoadTaskOptions {
  const inputField = options.string('input-field');
  const answerField = options.string('answer-field');
  const dataDir = options.string('data-dir');
  const scorer = options.string('scorer');
  const rubric = options.string('rubric');
  const pattern = options.string('pattern');
  const schema = options.string('schema');
  const tolerance = options.number('answer-tolerance');
  const moduleTimeout = options.number('task-timeout');
  const taskOptions: Record<string, number> = {};
  for (const name of ['train', 'val', 'test'] as const) {
    const n = options.number(name);
    if (n !== undefined) taskOptions[name] = n;
  }
  return {
    ...(inputField === undefined ? {} : { inputField }),
    ...(answerField === undefined ? {} : { answerField }),
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(scorer === undefined ? {} : { scorer }),
    scorerOptions: {
      ...(rubric === undefined ? {} : { rubric: readPromptOption(rubric, '--rubric') }),
      ...(pattern === undefined ? {} : { pattern }),
      ...(schema === undefined ? {} : { schema: readSchemaOption(schema) }),
      ...(tolerance === undefined ? {} : { tolerance }),
      ...(judge === undefined ? {} : { judge }),
    },
    taskOptions,
    seed: options.numberOrDefault('seed'),
    ...(moduleTimeout === undefined ? {} : { moduleTimeoutMs: moduleTimeout * 1000 }),
  };
}

function readSchemaOption(value: string): JsonSchema {
  const text = value.startsWith('@') ? readPromptOption(value, '--schema') : value;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonSchema;
  } catch {
    // reported below
  }
  throw new ConfigError('--schema', 'expected a JSON schema object (inline JSON or @file)');
}

/** Synchronous task loading (no downloads, no task modules); prefer `prepareTaskFromOptions`. */
export function loadTaskFromOptions(options: Options, judge?: JudgeFn): Task {
  return loadTask(options.requireString('task'), taskLoadOptions(options, judge));
}

/**
 * The judge of an llm-judge scorer, through an engine: `--judge-model` gets an engine of its own;
 * otherwise the given engine's optimizer model judges (cached, retried, counted on its ledger).
 */
export function judgeForOptions(options: Options, engine: Engine | undefined): JudgeFn | undefined {
  const judgeModel = options.string('judge-model');
  let judgeEngine = engine;
  if (judgeModel !== undefined && judgeModel !== engine?.optimizerModel.id) {
    const model = resolveModel(judgeModel, { env: process.env });
    judgeEngine = new Engine({
      taskModel: model,
      optimizerModel: model,
      ...(options.number('concurrency') === undefined ? {} : { concurrency: options.number('concurrency') }),
    });
  }
  if (judgeEngine === undefined) return undefined;
  const target = judgeEngine;
  return async (prompt) => (await target.complete({ system: JUDGE_SYSTEM_PROMPT, prompt })).text;
}

/**
 * Loads `--task` for a command: downloads a missing built-in dataset first (progress on stderr
 * unless --quiet/--json), imports a task module, and wires an llm-judge scorer to the engine.
 */
export async function prepareTaskFromOptions(options: Options, engine?: Engine): Promise<Task> {
  const quiet = options.boolean('quiet') === true || options.boolean('json') === true;
  const task = await loadTaskAsync(options.requireString('task'), {
    ...taskLoadOptions(options, judgeForOptions(options, engine)),
    ...(quiet
      ? {}
      : { write: (text: string) => process.stderr.write(text), tty: process.stderr.isTTY === true }),
  });
  // A simulated task model simulates a real dataset only once the task is attached to its world
  // (the world declares it as an external task; otherwise this names the ones it declares).
  const model = engine?.taskModel;
  if (model?.provider === 'sim' && !task.id.startsWith('sim:'))
    attachTask(loadWorld(model.modelId.split('?')[0] ?? ''), task);
  return task;
}

export function splitExamples(task: Task, split: SplitName | 'all'): readonly Example[] {
  if (split === 'all') return [...task.splits.train, ...task.splits.val, ...task.splits.test];
  return task.splits[split];
}
