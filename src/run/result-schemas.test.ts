import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { resultSchemas } from '../../scripts/result-schemas.js';
import { REPO_ROOT } from '../test-support/run-cli.js';
import { compare, evaluate, optimize } from './api.js';
import { tempDir } from './test-support/library-example.js';

/**
 * The published JSON Schemas of the results (docs/schemas/) are the types' own, and real results —
 * as stored and printed with --json, i.e. after a JSON round trip — validate against them.
 */
const committed = (name: string): string => readFileSync(join(REPO_ROOT, 'docs', 'schemas', name), 'utf8');
const validator = (name: string) =>
  new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(committed(name)));
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('result schemas', () => {
  it('are up to date with the result types (run `npm run schemas` after changing a result)', () => {
    for (const [name, text] of Object.entries(resultSchemas())) expect(committed(name), name).toBe(text);
  }, 60_000);

  it('validate real optimize, compare and eval results, and reject a malformed one', async () => {
    const store = tempDir('sepo-schemas-');
    const common = { model: 'sim:demo', store, noCache: true } as const;
    const optimized = roundTrip(await optimize({ ...common, task: 'sim:demo', method: 'gepa', budget: 60 }));
    const compared = roundTrip(
      await compare({ ...common, task: 'sim:demo', methods: ['gepa'], budget: 60, seeds: 3 }),
    );
    const evaluated = roundTrip(await evaluate({ ...common, task: 'sim:demo', limit: 20 }));
    for (const [name, value] of [
      ['optimize-result.schema.json', optimized],
      ['compare-result.schema.json', compared],
      ['eval-result.schema.json', evaluated],
    ] as const) {
      const validate = validator(name);
      expect(validate(value), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const broken = { ...(optimized as Record<string, unknown>), test: { seed: 'high' } };
    expect(validator('optimize-result.schema.json')(broken)).toBe(false);
  }, 120_000);
});
