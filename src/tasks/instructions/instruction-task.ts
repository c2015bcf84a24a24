import { readFileSync } from 'node:fs';
import { ConfigError, DataError } from '../../errors.js';
import type { Example } from '../../spec/example.js';
import type { Task } from '../../spec/task.js';
import { DEFAULT_SPLIT, seededSplit } from '../seeded-split.js';
import type { TaskLoadContext } from '../task-registry.js';
import type { FollowMode } from './check-instructions.js';
import { type InstructionBenchmark, unsupportedReason, verifiersFor } from './instruction-registry.js';
import { createInstructionScorer } from './instruction-scorer.js';
import { InstructionArgError, type Kwargs } from './verifier.js';

/** Manual-CoT-style default prompt; reasoning stays silent because every character of the reply is checked. */
export const INSTRUCTION_FOLLOWING_PROMPT =
  "Follow every instruction in the user's request exactly, including each constraint on format, length, " +
  'wording, case, punctuation and language; they apply to your whole reply. Think through every constraint ' +
  'silently before writing, then reply with only the requested response: no preamble, no notes, no restating ' +
  'of the constraints.';

/** How many examples of a benchmark file could be verified, and which instruction ids excluded the rest. */
export interface InstructionCoverage {
  readonly total: number;
  readonly included: number;
  readonly excluded: number;
  /** Unsupported instruction id -> number of examples it excluded (an example may count under several ids). */
  readonly excludedById: Readonly<Record<string, number>>;
  /** Unsupported instruction id -> why it is not verified. */
  readonly reasons: Readonly<Record<string, string>>;
}

export interface InstructionExamples {
  readonly examples: Example[];
  readonly coverage: InstructionCoverage;
}

/** A loaded instruction-following task: a Task plus its coverage report. */
export interface InstructionTask extends Task {
  readonly coverage: InstructionCoverage;
}

function dropNulls(kwargs: Record<string, unknown>): Kwargs {
  return Object.fromEntries(Object.entries(kwargs).filter(([, v]) => v !== null && v !== undefined));
}

function parseLine(path: string, raw: string, line: number): Record<string, unknown> {
  let row: unknown;
  try {
    row = JSON.parse(raw);
  } catch (error) {
    throw new DataError(path, `invalid JSON (${(error as Error).message})`, line);
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    throw new DataError(path, 'expected a JSON object', line);
  return row as Record<string, unknown>;
}

/**
 * Reads an IFEval/IFBench-format JSONL file (key, prompt, instruction_id_list, kwargs). Examples with an
 * instruction id that has no faithful verifier are excluded and counted; malformed rows and arguments
 * are DataErrors naming the file, line and field.
 */
export function readInstructionExamples(path: string, benchmark: InstructionBenchmark): InstructionExamples {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(path, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`);
  }
  const verifiers = verifiersFor(benchmark);
  const examples: Example[] = [];
  const excludedById: Record<string, number> = {};
  const reasons: Record<string, string> = {};
  const seen = new Set<string>();
  let total = 0;
  text.split(/\r?\n/u).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const row = parseLine(path, raw, line);
    total++;
    const { prompt, instruction_id_list: ids, kwargs } = row;
    if (typeof prompt !== 'string') throw new DataError(path, 'missing or not a string', line, 'prompt');
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new DataError(path, 'expected a list of instruction ids', line, 'instruction_id_list');
    }
    if (!Array.isArray(kwargs) || kwargs.length !== ids.length) {
      throw new DataError(path, `expected a list of ${ids.length} argument objects`, line, 'kwargs');
    }
    const id = row.key === undefined ? `line-${line}` : String(row.key);
    if (seen.has(id)) throw new DataError(path, `duplicate key "${id}"`, line, 'key');
    seen.add(id);
    const instructions: Array<{ id: string; kwargs: Kwargs }> = [];
    const unsupported: string[] = [];
    (ids as string[]).forEach((instructionId, i) => {
      const args = kwargs[i];
      if (args !== null && (typeof args !== 'object' || Array.isArray(args))) {
        throw new DataError(path, 'expected an object', line, `kwargs[${i}]`);
      }
      const clean = dropNulls((args ?? {}) as Record<string, unknown>);
      const verifier = verifiers.get(instructionId);
      if (verifier === undefined) {
        unsupported.push(instructionId);
        return;
      }
      try {
        verifier.describe(clean);
      } catch (error) {
        if (!(error instanceof InstructionArgError)) throw error;
        throw new DataError(path, `${instructionId}: ${error.message}`, line, `kwargs[${i}].${error.arg}`);
      }
      instructions.push({ id: instructionId, kwargs: clean });
    });
    if (unsupported.length > 0) {
      for (const u of new Set(unsupported)) {
        excludedById[u] = (excludedById[u] ?? 0) + 1;
        reasons[u] = unsupportedReason(benchmark, u);
      }
      return;
    }
    examples.push({
      id,
      input: prompt,
      answer: instructions.map((c) => c.id).join(', '),
      meta: { benchmark, instructions },
    });
  });
  if (total === 0) throw new DataError(path, 'no examples (the file is empty)');
  return {
    examples,
    coverage: { total, included: examples.length, excluded: total - examples.length, excludedById, reasons },
  };
}

function modeOption(context: TaskLoadContext): FollowMode {
  const mode = context.options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'loose') {
    throw new ConfigError('mode', `expected "strict" or "loose", got ${JSON.stringify(mode)}`);
  }
  return mode;
}

export interface InstructionTaskSpec {
  readonly benchmark: InstructionBenchmark;
  /** Default dataset file relative to the data dir. */
  readonly file: string;
  readonly title: string;
}

/**
 * Loads an instruction-following task. Options: `mode` ("strict" | "loose"), `file` (a JSONL of the same
 * format instead of the built-in file). The benchmark has one split, so train/val/test are a seeded
 * 50/20/30 split of the verifiable examples.
 */
export function loadInstructionTask(spec: InstructionTaskSpec, context: TaskLoadContext): InstructionTask {
  const mode = modeOption(context);
  const file = context.options.file;
  const path = typeof file === 'string' && file !== '' ? file : context.dataFile(spec.file);
  const { examples, coverage } = readInstructionExamples(path, spec.benchmark);
  if (examples.length === 0) throw new DataError(path, 'no example has only verifiable instructions');
  const excludedNote =
    coverage.excluded > 0
      ? ` ${coverage.excluded} of ${coverage.total} prompts are left out: they use instructions that cannot be verified here.`
      : '';
  return {
    id: spec.benchmark,
    description:
      `${spec.title}: answer each request while obeying all of its verifiable constraints (format, length, keywords, case, ` +
      `punctuation, language...). Reward 1 only if every constraint holds (${mode} check).${excludedNote}`,
    kind: 'instruction',
    domain: 'instruction-following',
    splits: seededSplit(examples, DEFAULT_SPLIT, context.seed),
    defaultSystemPrompt: INSTRUCTION_FOLLOWING_PROMPT,
    scorer: createInstructionScorer(spec.benchmark, mode),
    toUserMessage: (example) => example.input,
    coverage,
  };
}
