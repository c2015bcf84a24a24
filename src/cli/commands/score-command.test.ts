import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLocalUrl, type LocalHub, startLocalHub } from '../../tasks/data/local-hub-server.js';
import { JUDGE_SYSTEM_PROMPT } from '../../tasks/scorers/llm-judge-scorer.js';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../../test-support/openai-compatible-server.js';
import { REPO_ROOT, runCli } from '../../test-support/run-cli.js';

const SHARED = join(REPO_ROOT, '..', 'shared', 'datasets');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'sepo-score-'));
}

let hub: LocalHub;
let judge: OpenAICompatibleServer;
beforeAll(async () => {
  hub = await startLocalHub(SHARED);
  judge = await startOpenAICompatibleServer({
    respond: (body) => {
      const system = body.messages?.find((m) => m.role === 'system')?.content;
      if (system === JUDGE_SYSTEM_PROMPT) return 'Names the capital correctly but adds nothing.\nSCORE: 8/10';
      return 'The capital of France is Paris.';
    },
  });
});
afterAll(async () => {
  await hub.close();
  await judge.close();
});

describe('sepo score', () => {
  it('scores a correct boxed answer (JSON)', async () => {
    const r = await runCli([
      'score',
      '--task',
      'aime2025',
      '--data-dir',
      SHARED,
      '--example',
      '2025-I-1',
      '--response',
      'so \\boxed{70}',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      task: 'aime2025',
      example: '2025-I-1',
      reference: '70',
      score: 1,
      extracted: '70',
    });
  });

  it('reads the response from @file and explains a wrong answer', async () => {
    const file = join(tmp(), 'response.txt');
    writeFileSync(file, 'Janet makes 16 - 3 - 4 = 9 dollars... wait, 9 eggs at $2.\nFinal answer: 9');
    const r = await runCli([
      'score',
      '--task',
      'gsm8k',
      '--data-dir',
      SHARED,
      '--example',
      'test-0',
      '--response',
      `@${file}`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('score 0 (gsm8k, example test-0)');
    expect(r.stdout).toContain('extracted: 9');
    expect(r.stdout).toContain(
      'feedback: Incorrect: the answer from the "Answer:" line is "9" but the reference answer is "18"',
    );
  });

  it('--explain shows where the answer was read and the normalised forms compared', async () => {
    const base = ['score', '--task', 'aime2025', '--data-dir', SHARED, '--example', '2025-I-1'];
    const response = 'Final Answer: The final answer is $70$. I hope it is correct.';
    const json = await runCli([...base, '--response', 'So we get $\\frac{1}{70}$.', '--explain', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      score: 0,
      extracted: '\\frac{1}{70}',
      explain: {
        method: 'math-span',
        source: '$\\frac{1}{70}$',
        reference: '70',
        normalized: { predicted: '\\frac{1}{70}', reference: '70' },
        equal: false,
      },
    });
    const text = await runCli([...base, '--response', response, '--explain']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('score 1 ');
    expect(text.stdout).toContain('read from: answer-line ("Final Answer: The final answer is $70$.');
    expect(text.stdout).toContain('compared: 70  vs  70');
    const plain = await runCli([...base, '--response', '\\boxed{70}', '--json']);
    expect(JSON.parse(plain.stdout).explain).toBeUndefined();
  });

  it('names the flag when the example does not exist', async () => {
    const r = await runCli([
      'score',
      '--task',
      'hmmt2025',
      '--data-dir',
      SHARED,
      '--example',
      'nope',
      '--response',
      'x',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^sepo: --example: no example "nope" in hmmt2025; ids look like: hmmt-feb-2025-/,
    );
  });

  it('downloads a missing dataset once, with progress on stderr', async () => {
    const env = { SEPO_CACHE_DIR: tmp(), SEPO_HUB_URL: hub.url, SEPO_ROWS_API_URL: hub.url };
    const args = [
      'score',
      '--task',
      'math500',
      '--example',
      'test/precalculus/807.json',
      '--response',
      '\\boxed{(3, \\pi/2)}',
    ];
    const first = await runCli(args, env);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('downloaded math500/test.jsonl: 447 kB');
    expect(first.stdout).toContain('score 1 ');
    const second = await runCli(args, env);
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain('score 1 ');
  });

  it('fails with a clear message when offline', async () => {
    const env = { SEPO_CACHE_DIR: tmp(), SEPO_HUB_URL: await closedLocalUrl() };
    const r = await runCli(
      ['score', '--task', 'math500', '--example', 'x', '--response', 'x', '--json'],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /math500\/test\.jsonl: cannot download from .*no network connection\?.*--data-dir/,
    );
  });

  it('grades with llm-judge through the engine of --judge-model', async () => {
    const dir = tmp();
    const data = join(dir, 'qa.jsonl');
    writeFileSync(data, '{"input":"Capital of France?","answer":"Paris"}\n');
    writeFileSync(join(dir, 'rubric.txt'), 'Names Paris as the capital.');
    const before = judge.requests;
    const r = await runCli([
      'score',
      '--task',
      `jsonl:${data}`,
      '--scorer',
      'llm-judge',
      '--rubric',
      `@${join(dir, 'rubric.txt')}`,
      '--judge-model',
      `openai-compatible:${judge.baseURL}#judge`,
      '--example',
      'line-1',
      '--response',
      'Paris.',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      score: 0.8,
      feedback: 'Judge score 8/10. Names the capital correctly but adds nothing.',
    });
    expect(judge.requests - before).toBe(1);
    const prompt = judge.bodies.at(-1)?.messages?.find((m) => m.role === 'user')?.content;
    expect(String(prompt)).toContain('## Rubric\nNames Paris as the capital.');
  });

  it('eval wires llm-judge to the run engine (the optimizer model judges)', async () => {
    const dir = tmp();
    const data = join(dir, 'qa.jsonl');
    writeFileSync(data, '{"input":"Capital of France?","answer":"Paris","split":"test"}\n');
    const model = `openai-compatible:${judge.baseURL}#m`;
    const r = await runCli([
      'eval',
      '--task',
      `jsonl:${data}`,
      '--scorer',
      'llm-judge',
      '--rubric',
      'Names Paris.',
      '--model',
      model,
      '--store',
      join(dir, 'store'),
      '--no-cache',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      accuracy: { mean: number };
      spend: { optimizer: { calls: number } };
    };
    expect(result.accuracy.mean).toBeCloseTo(0.8, 6);
    expect(result.spend.optimizer.calls).toBe(1);
  });
});
