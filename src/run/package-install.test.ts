import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, REPO_ROOT } from '../test-support/run-cli.js';
import { exampleModel, typeErrors } from './test-support/library-example.js';

/**
 * The package as a user gets it: `npm pack`, unpacked into a new project's node_modules beside `ai` and
 * `@ai-sdk/openai-compatible`, then a consumer that imports `sepo` and a subpath is type-checked under
 * `strict` against the packed type declarations and run with an AI SDK model object against the local
 * test server. Catches a missing file in "files", a wrong "exports" map, or declarations that do not
 * type-check for a strict consumer.
 */
let server: OpenAICompatibleServer | undefined;
const base = join(REPO_ROOT, '.test-tmp');
mkdirSync(base, { recursive: true });
const project = join(base, `pack-${process.pid}`);
afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

const CONSUMER = `
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { optimize, task, type OptimizeResult } from 'sepo';
import { wilsonInterval } from 'sepo/stats';

const provider = createOpenAICompatible({ name: 'local', baseURL: process.argv[2] ?? '' });
const examples = Array.from({ length: 40 }, (_, i) => ({ id: \`q\${i}\`, input: \`What is \${i} + \${i}?\`, answer: String(2 * i) }));
const result: OptimizeResult = await optimize({
  task: task({ id: 'arith', examples, scorer: 'exact' }),
  model: provider.chatModel('m'),
  method: 'gepa',
  budget: 60,
  store: process.argv[3] ?? '.sepo',
  noCache: true,
});
const w = wilsonInterval(4, 12);
console.log(JSON.stringify({ seed: result.test.seed.mean, best: result.test.best.mean, test: result.test.difference.test, low: w.low }));
`;

function npm(args: readonly string[], cwd: string): string {
  const out = spawnSync('npm', [...args], { cwd, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${out.stderr}`);
  return out.stdout;
}

describe('the packed package', () => {
  it('installs into a new project and works there with an AI SDK model, type-checked under strict', async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'index.d.ts'))) npm(['run', 'build'], REPO_ROOT);
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    const tarball = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', project], REPO_ROOT)
      .trim()
      .split('\n')
      .at(-1);
    expect(tarball).toMatch(/^sepo-.*\.tgz$/);
    const unpacked = spawnSync('tar', ['-xzf', join(project, tarball ?? ''), '-C', project]);
    expect(unpacked.status).toBe(0);
    renameSync(join(project, 'package'), join(project, 'node_modules', 'sepo'));
    // The new project's dependencies: the same installed packages (no network), sepo from the tarball.
    for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
      if (name === 'sepo' || name.startsWith('.')) continue;
      symlinkSync(join(REPO_ROOT, 'node_modules', name), join(project, 'node_modules', name));
    }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', type: 'module', private: true }),
    );
    const consumer = join(project, 'consumer.ts');
    writeFileSync(consumer, CONSUMER);
    expect(typeErrors([consumer])).toEqual([]);
    writeFileSync(
      join(project, 'consumer.mjs'),
      ts.transpileModule(CONSUMER, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText,
    );
    server = await startOpenAICompatibleServer({ respond: exampleModel });
    const child = spawn(process.execPath, ['consumer.mjs', server.baseURL, join(project, 'store')], {
      cwd: project,
      env: { ...process.env, SEPO_CACHE_DIR: join(project, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await collect(child);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const printed = JSON.parse(out.stdout) as { seed: number; best: number; test: string; low: number };
    expect(printed.seed).toBeCloseTo(1 / 3, 12);
    expect(printed.test).toBe('mcnemar-exact');
    // Wilson interval of 4/12 at 95%: low = 0.13812 (the textbook formula evaluated in python).
    expect(printed.low).toBeCloseTo(0.1381, 4);
  }, 180_000);
});
