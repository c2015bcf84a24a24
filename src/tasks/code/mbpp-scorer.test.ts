import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mbppExample, readMbppProblems } from './mbpp-data.js';
import { createMbppScorer } from './mbpp-scorer.js';
import { sharedPythonSandbox } from './python-sandbox.js';

const DATA_DIR = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const sanitized = readMbppProblems(`${DATA_DIR}mbpp/sanitized-mbpp.json`, 'sanitized');
const scorer = createMbppScorer(sharedPythonSandbox);
const fenced = (code: string): string => `Here is my solution.\n\`\`\`python\n${code}\n\`\`\``;

describe('MBPP scorer', () => {
  it('passes every canonical solution of the sanitized set through the sandbox', async () => {
    expect(sanitized).toHaveLength(427);
    // The shared sandbox bounds the parallelism (cores x 2 at once).
    const verdicts = await Promise.all(
      sanitized.map(async (problem) => ({
        id: problem.taskId,
        verdict: await scorer.score(mbppExample(problem), fenced(problem.code)),
      })),
    );
    const failed = verdicts.filter((v) => v.verdict.score !== 1).map((v) => `${v.id}: ${v.verdict.feedback}`);
    expect(failed).toEqual([]);
  }, 120_000);

  it('fails a corrupted solution and names the failing assert with the values', async () => {
    const problem = sanitized.find((p) => p.code.includes('def similar_elements'));
    if (problem === undefined) throw new Error('task 2 missing');
    const corrupted =
      'def similar_elements(test_tup1, test_tup2):\n  return tuple(set(test_tup1) | set(test_tup2))';
    const verdict = await scorer.score(mbppExample(problem), fenced(corrupted));
    expect(verdict.score).toBe(0);
    expect(verdict.feedback).toContain(`test 1 of 3 \`${problem.tests[0]}\``);
    expect(verdict.feedback).toContain('got {3, 4, 5, 6, 7, 10}, expected {4, 5}');
    expect(verdict.feedback).toContain('Passed 0 of 3 tests.');
    expect(verdict.extracted).toBe(`${corrupted}\n`);
  });

  it('explains errors, syntax errors, timeouts and missing code', async () => {
    const problem = sanitized[0];
    if (problem === undefined) throw new Error('empty data');
    const example = mbppExample(problem);
    const raising = await scorer.score(example, fenced('def similar_elements(a, b):\n    return a[10]'));
    expect(raising.feedback).toMatch(/Failed test 1 of 3 .*raised IndexError: tuple index out of range/);
    const syntax = await scorer.score(example, fenced('def similar_elements(a, b)\n    return a'));
    expect(syntax.feedback).toMatch(/failed before the tests ran: SyntaxError.*solution line 1/);
    const slow = createMbppScorer(sharedPythonSandbox, { cpuSeconds: 1, wallMs: 5000 });
    const looping = await slow.score(
      example,
      fenced('def similar_elements(a, b):\n    while True:\n        pass'),
    );
    expect(looping.feedback).toMatch(/CPU time limit \(1 s\) while running test 1 of 3/);
    const none = await scorer.score(example, 'I would use sets.');
    expect(none).toMatchObject({ score: 0, failure: 'unparsable: no code found' });
  });
});
