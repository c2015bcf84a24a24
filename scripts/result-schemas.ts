// `npm run schemas`: writes the JSON Schemas of sepo's stored results (docs/schemas/*.schema.json),
// generated from their TypeScript types, so other tools can read `sepo ... --json` output and the
// stored run results. `resultSchemas()` is what the test compares with the committed files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The results and the files that declare them. */
export const RESULT_TYPES = [
  { type: 'OptimizeResult', file: 'src/run/optimize.ts', out: 'optimize-result.schema.json' },
  { type: 'CompareResult', file: 'src/run/compare-table.ts', out: 'compare-result.schema.json' },
  { type: 'EvalResult', file: 'src/run/evaluate.ts', out: 'eval-result.schema.json' },
  { type: 'DiagnoseResult', file: 'src/run/diagnose.ts', out: 'diagnose-result.schema.json' },
] as const;

/** Each result's JSON Schema (draft-07), as text with a trailing newline. */
export function resultSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of RESULT_TYPES) {
    const schema = createGenerator({
      path: join(ROOT, r.file),
      tsconfig: join(ROOT, 'tsconfig.json'),
      type: r.type,
      skipTypeCheck: true,
      expose: 'export',
      topRef: true,
      additionalProperties: true,
    }).createSchema(r.type);
    out[r.out] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, text] of Object.entries(resultSchemas())) {
    writeFileSync(join(ROOT, 'docs', 'schemas', name), text);
    console.log(`wrote docs/schemas/${name}`);
  }
}
