import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/index.js';
import { resumedOptions } from './resume-options.js';

const record: RunRecord = {
  id: 'r20260101-000000-abcd',
  kind: 'optimize',
  status: 'cancelled',
  config: { task: 'sim:demo', model: 'sim:demo', budget: 100, out: 'a.txt', json: true, 'no-cache': true },
  seed: 0,
  versions: {},
  result: undefined,
  createdAt: '',
  updatedAt: '',
};

describe('resumedOptions', () => {
  it('refuses a run of another command, naming its command and how to resume it', () => {
    expect(() => resumedOptions('eval', record, { resume: record.id })).toThrow(
      `--resume: run ${record.id} was started by \`sepo optimize\`, not \`sepo eval\`; resume it with: sepo optimize --resume ${record.id}`,
    );
  });

  it('applies the flags a resume may change and keeps the stored ones', () => {
    const options = resumedOptions('optimize', record, {
      resume: record.id,
      store: 's',
      out: 'b.txt',
      budget: 200,
      'max-cost': 3,
      concurrency: 2,
      quiet: true,
    });
    expect(options).toMatchObject({
      task: 'sim:demo',
      out: 'b.txt',
      budget: 200,
      'max-cost': 3,
      concurrency: 2,
    });
    expect(options.quiet).toBe(true);
    expect(options.json).toBeUndefined();
  });

  it('accepts an unchanged value and refuses a changed one with one line', () => {
    expect(() => resumedOptions('optimize', record, { model: 'sim:demo', 'no-cache': true })).not.toThrow();
    expect(() => resumedOptions('optimize', record, { model: 'sim:other' })).toThrow(
      /^--model: cannot be changed on --resume \(run \S+ was started with --model sim:demo\); a resume may change only --out, --budget, --max-cost, --concurrency, --json, --quiet; drop the flag, or start a new run$/,
    );
    expect(() => resumedOptions('optimize', record, { seed: 3 })).toThrow(/started with no --seed/);
    expect(() => resumedOptions('optimize', record, { 'no-cache': false })).toThrow(
      /started with --no-cache\)/,
    );
  });
});
