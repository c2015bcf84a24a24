import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/index.js';
import {
  type ChatCompletionRequest,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, runCli, spawnCli } from '../test-support/run-cli.js';

/**
 * `sepo optimize` killed with SIGKILL in the middle of the search, then resumed: the archive, the best
 * prompt and the test numbers equal those of an uninterrupted run with the same seed.
 */
let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
});

// A prompt-sensitive task model over HTTP: whether it is right depends on the system prompt's words.
const respond = (body: ChatCompletionRequest): string => {
  const system = String(body.messages?.find((m) => m.role === 'system')?.content ?? '');
  const user = String([...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '');
  const i = Number(user.replace(/\D/g, ''));
  const words = system.split(/\s+/).length;
  return `Working.\nAnswer: ${(i + words) % 3 !== 0 ? `a${i}` : 'wrong'}`;
};

describe('resume of sepo optimize after kill -9', () => {
  it('ends with the same archive, best prompt and test numbers as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-resume-opt-'));
    const data = join(dir, 'data.jsonl');
    const split = (i: number): string => (i < 40 ? 'train' : i < 60 ? 'val' : 'test');
    writeFileSync(
      data,
      Array.from({ length: 90 }, (_, i) =>
        JSON.stringify({ id: `x${i}`, input: `q${i}`, answer: `a${i}`, split: split(i) }),
      ).join('\n'),
    );
    let kill: (() => void) | undefined;
    server = await startOpenAICompatibleServer({
      respond,
      onRequest: (_body, index) => {
        if (index === 80) kill?.();
        return undefined;
      },
    });
    const common = [
      'optimize',
      '--task',
      `jsonl:${data}`,
      '--model',
      `openai-compatible:${server.baseURL}#m`,
      '--optimizer-model',
      'sim:demo',
      // Fine-tuning alone: the task is the user's own and no pre-training pool is wanted here.
      '--no-self-improvement',
      '--generations',
      '3',
      '--minibatch',
      '8',
      '--concurrency',
      '4',
      '--no-cache',
      '--json',
      '--quiet',
      '--seed',
      '5',
    ];
    const store = join(dir, 'store');
    const child = spawnCli([...common, '--store', store]);
    kill = () => child.kill('SIGKILL');
    expect((await collect(child)).signal).toBe('SIGKILL');

    const beforeResume = server.requests;
    const reader = RunStore.open(store);
    const run = reader.latestRun();
    reader.close();
    const resumed = await runCli([
      'optimize',
      '--resume',
      run?.id ?? '',
      '--store',
      store,
      '--json',
      '--quiet',
    ]);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const resumeRequests = server.requests - beforeResume;
    const fresh = await runCli([...common, '--store', join(dir, 'fresh')]);
    expect(fresh.code).toBe(0);
    const freshRequests = server.requests - beforeResume - resumeRequests;
    // Calls completed before the kill were replayed from the run log, not repeated.
    expect(resumeRequests).toBeLessThan(freshRequests - 40);
    const pick = (text: string) => {
      const r = JSON.parse(text) as Record<string, unknown>;
      return {
        bestPrompt: r.bestPrompt,
        archive: r.archive,
        test: r.test,
        train: r.train,
        val: r.val,
        stopReason: r.stopReason,
      };
    };
    expect(pick(resumed.stdout)).toEqual(pick(fresh.stdout));
    const check = RunStore.open(store);
    const keys = new Set<string>();
    let rows = 0;
    for (const r of check.rollouts(run?.id ?? '')) {
      keys.add(`${r.candidateId}/${r.exampleId}/${r.sample}`);
      rows++;
    }
    expect(rows).toBe(keys.size);
    check.close();
  });
});
