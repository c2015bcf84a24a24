import { describe, expect, it } from 'vitest';
import { type JsonSchema, validateJsonSchema } from './json-schema.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    items: { type: 'array', items: { $ref: '#/$defs/item' } },
  },
  $defs: { item: { type: 'integer', minimum: 0 } },
};

describe('validateJsonSchema', () => {
  it('accepts a conforming value', () => {
    expect(validateJsonSchema({ name: 'a', items: [0, 3] }, schema)).toBeUndefined();
  });

  it('names the first violation by its path', () => {
    expect(validateJsonSchema({ items: [] }, schema)).toEqual({
      path: 'name',
      detail: 'missing required field',
    });
    expect(validateJsonSchema({ name: 'a', items: [1, -1] }, schema)).toEqual({
      path: 'items[1]',
      detail: 'must be >= 0',
    });
    expect(validateJsonSchema({ name: 'a', extra: 1 }, schema)?.path).toBe('extra');
  });
});
