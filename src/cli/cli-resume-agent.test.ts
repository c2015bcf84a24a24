import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../store/index.js';
import { collect, runCli, spawnCli } from '../test-support/run-cli.js';

/**
 * A run that pre-trained its prompt agent caches it when pre-training finishes. Killed after that, during
 * fine-tuning, and resumed, it must replay its own pre-training from its run log (not take the agent it
 * cached itself): it ends as an uninterrupted run does.
 */
describe('resume of sepo optimize killed after pre-training wrote the agent cache', () => {
  it('replays its pre-training and reports the same agent and result as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-resume-agent-'));
    const common = [
      'optimize',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo?latency=15',
      '--pretrain-generations',
      '1',
      '--generations',
      '3',
      '--concurrency',
      '4',
      '--seed',
      '3',
      '--no-report',
      '--json',
      '--quiet',
    ];
    const cache = join(dir, 'cache');
    const agents = join(cache, 'agents');
    const store = join(dir, 'store');
    const child = spawnCli([...common, '--store', store], { SEPO_CACHE_DIR: cache });
    const poll = setInterval(() => {
      if (existsSync(agents) && readdirSync(agents).some((f) => f.endsWith('.json'))) {
        clearInterval(poll);
        setTimeout(() => child.kill('SIGKILL'), 300);
      }
    }, 20);
    const killed = await collect(child);
    clearInterval(poll);
    expect(killed.signal).toBe('SIGKILL');

    const reader = RunStore.open(store);
    const run = reader.latestRun();
    reader.close();
    const resumed = await runCli([...common, '--store', store, '--resume', run?.id ?? ''], {
      SEPO_CACHE_DIR: cache,
    });
    expect(resumed.code).toBe(0);
    const again = await runCli([...common, '--store', join(dir, 'other')], {
      SEPO_CACHE_DIR: join(dir, 'other-cache'),
    });
    type Result = {
      agent: { source: string; provenance: { key: string } };
      bestPrompt: string;
      archive: unknown[];
      test: { best: { mean: number } };
      details: { agent: { prompt: string } };
    };
    const a = JSON.parse(resumed.stdout) as Result;
    const b = JSON.parse(again.stdout) as Result;
    expect(a.agent.source).toBe('pretrained');
    expect(a.agent.provenance.key).toBe(b.agent.provenance.key);
    expect(a.details.agent.prompt).toBe(b.details.agent.prompt);
    expect(a.bestPrompt).toBe(b.bestPrompt);
    expect(a.archive).toEqual(b.archive);
    expect(a.test.best.mean).toBe(b.test.best.mean);
  }, 120_000);
});
