// The validator lives in src/util/json-schema.ts (tasks/ uses it too and must not import sim/). This
// path stays for importers not yet moved (src/cli/commands/eval-command.ts); new code imports util/.
export type { JsonSchema, SchemaViolation } from '../util/json-schema.js';
export { validateJsonSchema } from '../util/json-schema.js';
