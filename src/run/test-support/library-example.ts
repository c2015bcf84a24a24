import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { ChatCompletionRequest } from '../../test-support/openai-compatible-server.js';
import { REPO_ROOT } from '../../test-support/run-cli.js';

/** The TypeScript block of the README's "## Library" section. */
export function readmeLibraryExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md: no ```ts block under "## Library"');
  return block;
}

/**
 * A deterministic OpenAI-compatible model for the example: it answers "What is i + i?" right when its
 * system prompt asks for steps, and answers a prompt-writing request with a prompt that does.
 */
export function exampleModel(body: ChatCompletionRequest): string {
  const system = String(body.messages?.find((m) => m.role === 'system')?.content ?? '');
  const user = String([...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '');
  // A task call is the bare question; anything else (feedback, examples, instructions) is a prompt request.
  const sum = /^What is (\d+) \+ (\d+)\?$/.exec(user.trim());
  if (sum === null)
    return 'Here is the new prompt.\n<prompt>\nThink step by step, then give only the number.\n</prompt>';
  const right = /only the number/i.test(system) || Number(sum[1]) % 3 === 0;
  return `${Number(sum[1]) + Number(sum[2]) + (right ? 0 : 1)}`;
}

/** Type errors of `files` under the project's strictness (strict, noUncheckedIndexedAccess), as text. */
export function typeErrors(
  files: readonly string[],
  paths: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    ...(Object.keys(paths).length === 0 ? {} : { baseUrl: '.', paths: { ...paths } as ts.MapLike<string[]> }),
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));
