import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, REPO_ROOT } from '../test-support/run-cli.js';
import { exampleModel, readmeLibraryExample, typeErrors } from './test-support/library-example.js';

/**
 * The README's library example, as written: type-checked under the project's strictness and run
 * against a local OpenAI-compatible server (only the server address and the store are changed).
 */
let server: OpenAICompatibleServer | undefined;
const dir = join(REPO_ROOT, '.test-tmp');
mkdirSync(dir, { recursive: true });
const work = mkdtempSync(join(dir, 'readme-'));
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("README's library example", () => {
  it('type-checks and runs: optimize with an AI SDK model object and an in-memory task', async () => {
    server = await startOpenAICompatibleServer({ respond: exampleModel });
    const source = readmeLibraryExample()
      .replace("from 'sepo'", `from '${join(REPO_ROOT, 'src', 'index.js')}'`)
      .replace('http://127.0.0.1:8000/v1', server.baseURL)
      .replace("store: './.sepo'", `store: ${JSON.stringify(join(work, 'store'))}`);
    const file = join(work, 'example.ts');
    writeFileSync(file, `${source}\nexport {};\n`);
    expect(typeErrors([file])).toEqual([]);
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: REPO_ROOT,
      env: { ...process.env, SEPO_CACHE_DIR: join(work, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = await collect(child);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    // console.log(bestPrompt, seed mean, best mean, p, test name)
    // The best prompt found, seed and best test accuracy (4 and 12 of the 12 test examples) and the exact
    // McNemar p of 8 discordant pairs all in favour of the best: 2 · 0.5^8 = 0.0078125.
    expect(out.stdout).toMatch(
      /^Think step by step, then give only the number\. 0\.3333333333333333 1 0\.0078125 mcnemar-exact\n$/,
    );
    expect(server.requests).toBeGreaterThan(40);
  }, 120_000);
});
