import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test-support/run-cli.js';

describe('sepo eval --pass-at', () => {
  it('runs k samples per example and reports pass@k at least as high as per-sample accuracy', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'sepo-passk-')), 'store');
    const result = await runCli([
      'eval',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--pass-at',
      '3',
      '--limit',
      '30',
      '--no-cache',
      '--json',
      '--quiet',
      '--store',
      store,
    ]);
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout) as {
      samples: number;
      n: number;
      accuracy: { mean: number };
      passAtK: { k: number; mean: number; incomplete: number };
    };
    expect(r.samples).toBe(3);
    expect(r.n).toBe(90);
    expect(r.passAtK.k).toBe(3);
    expect(r.passAtK.incomplete).toBe(0);
    expect(r.passAtK.mean).toBeGreaterThan(r.accuracy.mean);
  });
});
