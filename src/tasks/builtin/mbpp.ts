import { ConfigError } from '../../errors.js';
import type { Task } from '../../spec/task.js';
import { MBPP_FILES, type MbppVariant, mbppSplits, readMbppProblems } from '../code/mbpp-data.js';
import { createMbppScorer } from '../code/mbpp-scorer.js';
import { PythonSandbox, sharedPythonSandbox } from '../code/python-sandbox.js';
import { registerBuiltinTask, type TaskLoadContext } from '../task-registry.js';

export const MBPP_SYSTEM_PROMPT = [
  'You are an expert Python programmer.',
  'Think step by step before writing code: restate what the function must compute, check your understanding',
  'against the given tests (the function name, the argument types and the exact return value and type they',
  'expect), and consider edge cases.',
  'Then write the solution: a complete, self-contained Python 3 program with the needed imports and the function',
  'with exactly the name and signature the tests use. Use only the standard library; do not read input or print.',
  'End your answer with the complete solution in a single ```python code block, without the tests.',
].join(' ');

type Options = TaskLoadContext['options'];

function variantOf(options: Options): MbppVariant {
  const value = options.variant ?? 'sanitized';
  if (value !== 'sanitized' && value !== 'full') {
    throw new ConfigError('variant', `expected "sanitized" or "full", got "${String(value)}"`);
  }
  return value;
}

function positive(options: Options, name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError(name, `expected a positive number, got "${String(value)}"`);
  return n;
}

function sandboxFor(options: Options): PythonSandbox {
  const isolation = options.isolation;
  if (
    isolation !== undefined &&
    isolation !== 'auto' &&
    isolation !== 'namespaces' &&
    isolation !== 'guard'
  ) {
    throw new ConfigError(
      'isolation',
      `expected "auto", "namespaces" or "guard", got "${String(isolation)}"`,
    );
  }
  const concurrency = positive(options, 'sandboxConcurrency');
  const python = options.python === undefined ? undefined : String(options.python);
  if (isolation === undefined && concurrency === undefined && python === undefined)
    return sharedPythonSandbox();
  return new PythonSandbox({
    ...(isolation === undefined ? {} : { isolation }),
    ...(concurrency === undefined ? {} : { concurrency: Math.floor(concurrency) }),
    ...(python === undefined ? {} : { python }),
  });
}

/**
 * `mbpp`: Mostly Basic Python Problems. Options: `variant` ("sanitized", default: the 427 hand-verified
 * problems; "full": all 974), `timeoutMs` (wall limit per program, default 10000), `cpuSeconds`
 * (default 5), `isolation` ("auto" | "namespaces" | "guard"), `sandboxConcurrency`, `python`.
 * Splits are MBPP's own, by task id: 601-974 train, 511-600 val, 11-510 test (1-10 are few-shot
 * prompts, left out). Loading checks that Python runs in the sandbox and throws if not.
 */
export function loadMbppTask(context: TaskLoadContext): Task {
  const variant = variantOf(context.options);
  const problems = readMbppProblems(context.dataFile(MBPP_FILES[variant]), variant);
  const { train, val, test } = mbppSplits(problems);
  const sandbox = sandboxFor(context.options);
  void sandbox.environment;
  const wallMs = positive(context.options, 'timeoutMs');
  const cpuSeconds = positive(context.options, 'cpuSeconds');
  const limits = {
    ...(wallMs === undefined ? {} : { wallMs }),
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
  };
  return {
    ...MBPP_INFO,
    splits: { train, val, test },
    defaultSystemPrompt: MBPP_SYSTEM_PROMPT,
    scorer: createMbppScorer(() => sandbox, limits),
    toUserMessage: (example) => example.input,
  };
}

const MBPP_INFO = {
  id: 'mbpp',
  description:
    'Write a Python function from a short description; the program is run against the problem’s assert tests.',
  kind: 'code',
  domain: 'python',
} as const;

registerBuiltinTask({
  info: MBPP_INFO,
  files: [MBPP_FILES.sanitized, MBPP_FILES.full],
  load: loadMbppTask,
});
