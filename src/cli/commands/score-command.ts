import { Engine } from '../../engine/engine.js';
import { ConfigError } from '../../errors.js';
import { resolveModel } from '../../models/resolve-model.js';
import { TASK_OPTIONS } from '../../run/common-options.js';
import { readPromptOption, taskLoadOptions } from '../../run/prepare-task.js';
import type { ScoreResult } from '../../spec/score.js';
import type { Task } from '../../spec/task.js';
import { loadTaskAsync } from '../../tasks/load-task.js';
import { type MathScoreExplanation, scoreMathResponse } from '../../tasks/math/score-math-response.js';
import { JUDGE_SYSTEM_PROMPT, type JudgeFn } from '../../tasks/scorers/llm-judge-scorer.js';
import { type OptionDef, Options, type ParsedOptions } from '../options.js';

export const SCORE_OPTIONS: readonly OptionDef[] = [
  ...TASK_OPTIONS,
  { name: 'example', kind: 'string', description: 'example id (see the task file; e.g. 2025-I-3, test-17)' },
  { name: 'response', kind: 'string', description: 'the response to score: text, or @file' },
  {
    name: 'model',
    kind: 'string',
    description: 'llm-judge scorer: the judge model when --judge-model is not set',
  },
  { name: 'seed', kind: 'int', default: 0, min: 0, description: 'random seed of seeded splits' },
  { name: 'json', kind: 'boolean', description: 'print the result as JSON on stdout' },
  {
    name: 'explain',
    kind: 'boolean',
    description:
      'math scorer: show where the answer was read (boxed, answer-line, math-span, bare-number) and the normalised forms compared',
  },
  { name: 'quiet', kind: 'boolean', description: 'no download progress' },
];

export interface ScoreCommandResult extends ScoreResult {
  readonly task: string;
  readonly example: string;
  readonly reference: string;
  /** With `--explain` on a task scored by the math scorer: what was read and compared. */
  readonly explain?: MathScoreExplanation;
}

/** A judge through an engine for `--judge-model` (else `--model`), created on first use only. */
function lazyJudge(options: Options): JudgeFn | undefined {
  const spec = options.string('judge-model') ?? options.string('model');
  if (spec === undefined) return undefined;
  let engine: Engine | undefined;
  return async (prompt) => {
    if (engine === undefined) {
      const model = resolveModel(spec, { env: process.env });
      engine = new Engine({ taskModel: model, optimizerModel: model, concurrency: 1 });
    }
    return (await engine.complete({ system: JUDGE_SYSTEM_PROMPT, prompt })).text;
  };
}

function findExample(task: Task, id: string) {
  const all = [...task.splits.train, ...task.splits.val, ...task.splits.test];
  const example = all.find((e) => e.id === id);
  if (example === undefined) {
    const some = all.slice(0, 5).map((e) => e.id);
    throw new ConfigError('--example', `no example "${id}" in ${task.id}; ids look like: ${some.join(', ')}`);
  }
  return example;
}

/** Scores one response to one example of a task, as an optimization run would. */
export async function scoreOne(options: Options): Promise<ScoreCommandResult> {
  const quiet = options.boolean('quiet') === true || options.boolean('json') === true;
  const task = await loadTaskAsync(options.requireString('task'), {
    ...taskLoadOptions(options, lazyJudge(options)),
    ...(quiet
      ? {}
      : { write: (text: string) => process.stderr.write(text), tty: process.stderr.isTTY === true }),
  });
  const example = findExample(task, options.requireString('example'));
  const response = readPromptOption(options.requireString('response'), '--response');
  const verdict = await task.scorer.score(example, response);
  const explain =
    options.boolean('explain') === true && task.scorer.name === 'math'
      ? scoreMathResponse(response, example.answer).explanation
      : undefined;
  return {
    task: task.id,
    example: example.id,
    reference: example.answer,
    score: verdict.score,
    feedback: verdict.feedback,
    ...(verdict.extracted === undefined ? {} : { extracted: verdict.extracted }),
    ...(verdict.failure === undefined ? {} : { failure: verdict.failure }),
    ...(explain === undefined ? {} : { explain }),
  };
}

/** The `--explain` lines: where the answer came from and what was compared. */
export function explainLines(explain: MathScoreExplanation): string[] {
  const lines = [
    `read from: ${explain.method}${explain.source === undefined ? '' : ` ("${explain.source}")`}`,
  ];
  lines.push(`reference answer: ${explain.reference}`);
  if (explain.normalized !== undefined) {
    lines.push(`compared: ${explain.normalized.predicted}  vs  ${explain.normalized.reference}`);
  }
  lines.push(`verdict: ${explain.equal ? 'equal' : 'different'} (${explain.reason})`);
  return lines;
}

/** `sepo score`: prints score, extracted answer and feedback for one response. */
export async function scoreCommand(parsed: ParsedOptions): Promise<number> {
  const result = await scoreOne(new Options(parsed, SCORE_OPTIONS));
  if (parsed.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `score ${result.score} (${result.task}, example ${result.example})`,
    `extracted: ${result.extracted ?? '(none)'}`,
    `reference: ${result.reference}`,
    `feedback: ${result.feedback}`,
    ...(result.failure === undefined ? [] : [`failure: ${result.failure}`]),
    ...(result.explain === undefined ? [] : explainLines(result.explain)),
  ];
  if (parsed.explain === true && result.explain === undefined) {
    lines.push('(--explain: the detailed reading is shown for tasks scored by the math scorer)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
