import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

/** Bad input: one clear line on stderr naming the flag, file or variable; exit code 2; no stack trace. */
const dir = mkdtempSync(join(tmpdir(), 'sepo-cli-'));
const store = ['--store', join(dir, 'store'), '--no-cache'];

function expectOneLineError(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('sepo CLI bad input', () => {
  it('rejects an unknown flag', async () => {
    expectOneLineError(
      await runCli(['eval', '--task', 'sim:demo', '--model', 'sim:demo', '--frobnicate', ...store]),
      /--frobnicate: unknown option for `sepo eval`/,
    );
  });

  it('rejects a bad number', async () => {
    expectOneLineError(
      await runCli(['eval', '--task', 'sim:demo', '--model', 'sim:demo', '--concurrency', 'lots', ...store]),
      /--concurrency: expected an integer, got "lots"/,
    );
  });

  it('names a missing file', async () => {
    expectOneLineError(
      await runCli(['eval', '--task', `jsonl:${join(dir, 'nope.jsonl')}`, '--model', 'sim:demo', ...store]),
      /nope\.jsonl: file not found/,
    );
  });

  it('names the line and field of a malformed JSONL row', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      '{"input": "q1", "answer": "a1"}\n{"input": "q2", "answer": "a2"}\n{"input": "q3" "answer": "a3"}\n',
    );
    expectOneLineError(
      await runCli(['eval', '--task', `jsonl:${file}`, '--model', 'sim:demo', ...store]),
      /bad\.jsonl:3: invalid JSON/,
    );
    const missing = join(dir, 'missing-field.jsonl');
    writeFileSync(missing, '{"input": "q1", "answer": "a1"}\n{"question": "q2", "answer": "a2"}\n');
    expectOneLineError(
      await runCli(['eval', '--task', `jsonl:${missing}`, '--model', 'sim:demo', ...store]),
      /missing-field\.jsonl:2: field "input"/,
    );
  });

  it('names the missing API key variable', async () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, '{"input": "q1", "answer": "a1"}\n');
    expectOneLineError(
      await runCli(['eval', '--task', `jsonl:${file}`, '--model', 'openai:gpt-4.1-mini', ...store], {
        OPENAI_API_KEY: '',
      }),
      /OPENAI_API_KEY/,
    );
  });

  it('lists known providers for an unknown one', async () => {
    expectOneLineError(
      await runCli(['eval', '--task', 'sim:demo', '--model', 'nosuch:model', ...store]),
      /unknown model provider "nosuch".*openai/,
    );
  });

  it('names the config file and key of a bad config value', async () => {
    const config = join(dir, 'sepo.config.json');
    writeFileSync(config, JSON.stringify({ concurrency: 'many' }));
    expectOneLineError(
      await runCli(['eval', '--task', 'sim:demo', '--model', 'sim:demo', '--config', config, ...store]),
      /sepo\.config\.json: "concurrency": expected an integer/,
    );
  });
});
