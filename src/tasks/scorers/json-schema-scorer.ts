import type { Example } from '../../spec/example.js';
import type { ScoreResult, Scorer } from '../../spec/score.js';
import { type JsonSchema, validateJsonSchema } from '../../util/json-schema.js';

export interface JsonSchemaScorerOptions {
  /** One schema for every example. Without it, each example's reference answer is its schema (JSON). */
  readonly schema?: JsonSchema;
}

/** The JSON value in a response: the last ```json fence, else the whole text, else the last {...}/[...]. */
export function extractJson(response: string): { value: unknown; text: string } | undefined {
  const fences = [...response.matchAll(/```(?:json)?\s*\n?([\s\S]*?)```/gi)].map((m) => m[1] ?? '');
  const candidates = [...fences.reverse(), response.trim()];
  for (const text of candidates) {
    const parsed = tryParse(text.trim());
    if (parsed !== undefined) return { value: parsed, text: text.trim() };
  }
  // The last balanced object or array embedded in prose.
  for (let end = response.length - 1; end >= 0; end--) {
    const close = response[end];
    if (close !== '}' && close !== ']') continue;
    const open = close === '}' ? '{' : '[';
    for (
      let start = response.lastIndexOf(open, end);
      start >= 0;
      start = response.lastIndexOf(open, start - 1)
    ) {
      const text = response.slice(start, end + 1);
      const parsed = tryParse(text);
      if (parsed !== undefined) return { value: parsed, text };
    }
  }
  return undefined;
}

function tryParse(text: string): unknown {
  if (text === '' || !/^[[{"\-\d tfn]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The response must contain JSON that validates against the schema; feedback names the violation. */
export function createJsonSchemaScorer(options: JsonSchemaScorerOptions = {}): Scorer {
  return {
    name: 'json-schema',
    score(example: Example, response: string): ScoreResult {
      let schema = options.schema;
      if (schema === undefined) {
        const parsed = tryParse(example.answer.trim());
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          return {
            score: 0,
            feedback: 'This example has no JSON schema (set --schema, or give the schema as the reference).',
            failure: 'no schema',
          };
        }
        schema = parsed as JsonSchema;
      }
      const found = extractJson(response);
      if (found === undefined) {
        return {
          score: 0,
          feedback:
            'No JSON found in the response. Reply with one JSON value (optionally in a ```json block).',
          failure: 'unparsable: no JSON',
        };
      }
      let violation: ReturnType<typeof validateJsonSchema>;
      try {
        violation = validateJsonSchema(found.value, schema);
      } catch (error) {
        return { score: 0, feedback: `Invalid schema: ${(error as Error).message}`, failure: 'bad schema' };
      }
      if (violation === undefined) {
        return { score: 1, extracted: found.text, feedback: 'Correct: the JSON matches the schema.' };
      }
      return {
        score: 0,
        extracted: found.text,
        feedback: `The JSON does not match the schema: ${violation.path} ${violation.detail}.`,
      };
    },
  };
}

export const jsonSchemaScorer: Scorer = createJsonSchemaScorer();
