import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { type AgentKeyParts, agentCacheKey, sepoTemplateVersions } from './agent-cache.js';

describe('the key of a cached prompt agent', () => {
  it('changes with the optimizer model, the pool, the templates and the settings, and nothing else', () => {
    const base: AgentKeyParts = {
      optimizerModel: 'openai:gpt-4.1',
      pool: ['gsm8k', 'mbpp'],
      templates: sepoTemplateVersions(),
      settings: { generations: 5, children: 2 },
    };
    const key = agentCacheKey(base);
    expect(agentCacheKey({ ...base })).toBe(key);
    expect(agentCacheKey({ ...base, optimizerModel: 'openai:gpt-4.1-mini' })).not.toBe(key);
    expect(agentCacheKey({ ...base, pool: ['gsm8k'] })).not.toBe(key);
    expect(agentCacheKey({ ...base, templates: ['sepo-propose v3'] })).not.toBe(key);
    expect(agentCacheKey({ ...base, settings: { generations: 3, children: 2 } })).not.toBe(key);
    expect(sepoTemplateVersions()).toContain('sepo-propose v2');
  });
});

describe('sepo compare with a cached agent', () => {
  it('pre-trains on the first seed, reuses the agent on the next, and the footer says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sepo-agent-compare-'));
    const result = await runCli(
      [
        'compare',
        '--task',
        'sim:demo',
        '--model',
        'sim:demo',
        '--methods',
        'sepo',
        '--seeds',
        '2',
        '--budget',
        '300',
        '--pretrain-generations',
        '1',
        '--no-report',
        '--quiet',
        '--store',
        join(dir, 'store'),
      ],
      { SEPO_CACHE_DIR: join(dir, 'cache') },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /sepo: prompt agent reused from \S+agents\/\w+\.json \(pre-trained \d{4}-\d\d-\d\d on sim:demo\/units, sim:demo\/counting\) by seed 1, with no one-time spend; its pre-training is the one-time spend of seed 0 above\./,
    );
  });
});
