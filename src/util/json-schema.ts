/**
 * The subset of JSON Schema (draft 2020-12) that `validateJsonSchema` interprets: what the simulated
 * world's published `WORLD_SCHEMA` uses (so the validator and that schema cannot disagree) and what
 * the json-schema scorer checks responses against. Shared by sim/ and tasks/, hence in util/.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly default?: unknown;
}

/** The first violation found: a field path like `tasks[1].behaviourEffects.check.mean` and what is wrong. */
export interface SchemaViolation {
  readonly path: string;
  readonly detail: string;
}

const TYPE_NAMES: Record<NonNullable<JsonSchema['type']>, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
};

const patternCache = new Map<string, RegExp>();

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? safe : `${path}.${safe}`;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (schema.$ref === undefined) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs?.[name];
  if (target === undefined) throw new Error(`schema: unresolved $ref ${schema.$ref}`);
  return resolve(target, root);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(type: NonNullable<JsonSchema['type']>, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Returns the first violation of `schema` by `value` (depth-first, in document order), or undefined. */
export function validateJsonSchema(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema = schema,
  path = '',
): SchemaViolation | undefined {
  const s = resolve(schema, root);
  const at = path === '' ? '(root)' : path;
  if (s.type !== undefined && !typeMatches(s.type, value)) {
    return { path: at, detail: `expected ${TYPE_NAMES[s.type]}` };
  }
  if (s.enum !== undefined && !s.enum.includes(value as string | number)) {
    return { path: at, detail: `expected one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` };
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) return { path: at, detail: `must be >= ${s.minimum}` };
    if (s.maximum !== undefined && value > s.maximum) return { path: at, detail: `must be <= ${s.maximum}` };
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength)
      return { path: at, detail: 'must not be empty' };
    if (s.pattern !== undefined) {
      let re = patternCache.get(s.pattern);
      if (re === undefined) {
        re = new RegExp(s.pattern);
        patternCache.set(s.pattern, re);
      }
      if (!re.test(value)) return { path: at, detail: `must match ${s.pattern}` };
    }
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) {
      return { path: at, detail: `expected at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}` };
    }
    if (s.maxItems !== undefined && value.length > s.maxItems) {
      return { path: at, detail: `expected at most ${s.maxItems} items` };
    }
    if (s.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const v = validateJsonSchema(value[i], s.items, root, join(path, i));
        if (v !== undefined) return v;
      }
    }
  }
  if (isObject(value)) {
    for (const key of s.required ?? []) {
      if (!(key in value)) return { path: join(path, key), detail: 'missing required field' };
    }
    const props = s.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      const prop = props[key];
      if (prop !== undefined) {
        const v = validateJsonSchema(child, prop, root, join(path, key));
        if (v !== undefined) return v;
      } else if (s.additionalProperties === false) {
        if (key === '$schema' && path === '') continue;
        return { path: join(path, key), detail: `unknown field; known: ${Object.keys(props).join(', ')}` };
      } else if (typeof s.additionalProperties === 'object') {
        const v = validateJsonSchema(child, s.additionalProperties, root, join(path, key));
        if (v !== undefined) return v;
      }
    }
  }
  return undefined;
}
