import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { extractProgram } from './extract-program.js';
import type { MbppMeta } from './mbpp-data.js';
import type { PythonSandbox, SandboxResult, TestOutcome } from './python-sandbox.js';
import type { SandboxLimits } from './sandbox-invocation.js';

function metaOf(example: Example): MbppMeta {
  const meta = example.meta as Partial<MbppMeta> | undefined;
  const tests = Array.isArray(meta?.tests) ? meta.tests : (JSON.parse(example.answer) as unknown);
  if (!Array.isArray(tests) || !tests.every((t) => typeof t === 'string')) {
    throw new Error(`example ${example.id} has no tests (meta.tests or a JSON list in answer)`);
  }
  return {
    taskId: meta?.taskId ?? 0,
    tests,
    setup: typeof meta?.setup === 'string' ? meta.setup : '',
    reference: meta?.reference ?? '',
  };
}

/**
 * Scores a response to a code task: the program (see extractProgram) runs in the sandbox with the
 * example's setup and asserts (`meta.tests`, else `answer` as a JSON list). Score 1 when every assert
 * passes, else 0; the feedback names the first failing assert and the error, or the limit hit.
 */
export function createMbppScorer(sandbox: () => PythonSandbox, limits: Partial<SandboxLimits> = {}): Scorer {
  return {
    name: 'python-asserts',
    async score(example: Example, response: string): Promise<ScoreResult> {
      const meta = metaOf(example);
      const program = extractProgram(response);
      if (program === undefined) {
        return {
          score: 0,
          feedback:
            'No Python code found in the response. Give the complete solution in a ```python code block.',
          failure: 'unparsable: no code found',
        };
      }
      const result = await sandbox().run({ program, setup: meta.setup, tests: meta.tests }, limits);
      const passed = result.tests.filter((t) => t.status === 'passed').length;
      const ok = result.status === 'completed' && passed === meta.tests.length && meta.tests.length > 0;
      return {
        score: ok ? 1 : 0,
        extracted: program,
        feedback: ok ? `All ${passed} tests passed.` : describeFailure(result, meta.tests.length, limits),
      };
    },
  };
}

function clip(text: string, max = 400): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max)}...`;
}

function where(line: number | undefined): string {
  return line === undefined ? '' : ` (solution line ${line})`;
}

function testLabel(test: TestOutcome, total: number): string {
  return `test ${test.index + 1} of ${total} \`${clip(test.source, 300)}\``;
}

/** The first thing that went wrong, in words the prompt agent can act on. */
export function describeFailure(
  result: SandboxResult,
  total: number,
  limits: Partial<SandboxLimits> = {},
): string {
  const passed = result.tests.filter((t) => t.status === 'passed').length;
  const tally = ` Passed ${passed} of ${total} tests.`;
  if (result.program !== undefined && !result.program.ok) {
    return `The program failed before the tests ran: ${result.program.error}${where(result.program.line)}.${tally}`;
  }
  if (result.setup !== undefined && !result.setup.ok) {
    return `The test setup failed after the program loaded: ${result.setup.error}. The tests rely on names the program must define.${tally}`;
  }
  const first = result.tests.find((t) => t.status === 'failed' || t.status === 'error');
  if (first !== undefined) {
    const detail =
      first.status === 'failed'
        ? first.got === undefined
          ? 'the assertion is false'
          : first.expected === undefined
            ? `the asserted value was ${first.got}`
            : `got ${first.got}, expected ${first.expected}`
        : `raised ${first.error ?? 'an error'}`;
    return `Failed ${testLabel(first, total)}: ${detail}.${tally}`;
  }
  const running = result.tests.find((t) => t.status === 'interrupted');
  const during =
    running === undefined ? 'before the tests finished' : `while running ${testLabel(running, total)}`;
  if (result.status === 'timeout' || result.status === 'cpu-limit') {
    const limit =
      result.status === 'timeout'
        ? `wall-clock limit (${((limits.wallMs ?? 10_000) / 1000).toFixed(0)} s)`
        : `CPU time limit (${limits.cpuSeconds ?? 5} s)`;
    return `The run hit its ${limit} ${during}: an infinite loop or a too slow algorithm.${tally}`;
  }
  if (result.status === 'crashed') {
    const how = result.signal !== null ? `signal ${result.signal}` : `exit code ${result.exitCode}`;
    const stderr = clip(result.stderr.split('\n').slice(-5).join('\n'));
    return `The program crashed (${how}) ${during}${stderr === '' ? '' : `: ${stderr}`}.${tally}`;
  }
  return `Not every test passed.${tally}`;
}
