import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../store/run-store.js';
import {
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from '../test-support/openai-compatible-server.js';
import { collect, REPO_ROOT, runCli, spawnCli } from '../test-support/run-cli.js';

/** Issue 15, items 6–11: bad input of every kind gets one line and exit 2, and leaves no run behind. */
const dir = mkdtempSync(join(tmpdir(), 'sepo-misuse-'));
chmodSync(dir, 0o755);

function expectOneLine(result: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.code).toBe(2);
}

function runsIn(store: string): unknown[] {
  if (!existsSync(join(store, 'sepo.db'))) return [];
  const reader = RunStore.open(store);
  try {
    return reader.listRuns();
  } finally {
    reader.close();
  }
}

let server: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('numbers are bounded before anything is allocated (item 6)', () => {
  const store = join(dir, 'bounds-store');
  const evalArgs = ['eval', '--task', 'sim:demo', '--model', 'sim:demo', '--store', store, '--no-cache'];

  it('names the flag and its bound', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--samples', '1e9'], /^sepo: --samples: must be <= 10000, got 1000000000$/],
      [['--rpm', '0'], /^sepo: --rpm: must be >= 1, got 0$/],
      [['--timeout', '0'], /^sepo: --timeout: must be >= 1, got 0$/],
      [['--test', '100000000'], /^sepo: --test: must be <= 1000000/],
      [['--concurrency', '100000'], /^sepo: --concurrency: must be <= 1024/],
      // Negative values: what is wrong, not node's "argument is ambiguous".
      [['--test', '-5'], /^sepo: --test: must be >= 0, got -5$/],
      [['--samples', '-1'], /^sepo: --samples: must be >= 1, got -1$/],
      [['--prompt', '-x'], /^sepo: --prompt: its value "-x" starts with "-"; .*--prompt=-x/],
    ];
    for (const [flags, pattern] of cases) expectOneLine(await runCli([...evalArgs, ...flags]), pattern);
    expectOneLine(
      await runCli([
        'diagnose',
        '--task',
        'sim:demo',
        '--model',
        'sim:demo',
        '--m',
        '1000000',
        '--store',
        store,
      ]),
      /^sepo: --m: must be <= 10000/,
    );
  }, 60_000);

  it('refuses a split larger than the task has (no silent cap) and a plan too large for one run', async () => {
    expectOneLine(
      await runCli([...evalArgs, '--test', '100000']),
      /^sepo: --test: sim:demo has 200 test examples, fewer than the 100000 asked for; lower --test$/,
    );
    expectOneLine(
      await runCli([...evalArgs, '--split', 'all', '--samples', '10000']),
      /^sepo: --samples or --limit: \d+ examples x 10000 samples = [\d,]+ rollouts, more than the 1,000,000 one run may plan/,
    );
    expectOneLine(
      await runCli([
        'diagnose',
        '--task',
        'sim:demo',
        '--model',
        'sim:demo',
        '--n',
        '1000',
        '--m',
        '10000',
        '--store',
        store,
      ]),
      /^sepo: --m, --n or --limit: N x K x M = 1000 x 40 x 10000 = [\d,]+ rollouts/,
    );
    // Rejected invocations leave no failed run.
    expect(runsIn(store)).toEqual([]);
  }, 60_000);

  it('bounds the split sizes of a world file', async () => {
    const world = JSON.parse(
      readFileSync(join(REPO_ROOT, 'src', 'sim', 'worlds', 'hetero.json'), 'utf8'),
    ) as {
      tasks: Array<{ splits?: unknown }>;
      $schema?: string;
    };
    delete world.$schema;
    const task = world.tasks[0];
    if (task !== undefined) task.splits = { train: 10_000_000, val: 0, test: 0 };
    const file = join(dir, 'huge-world.json');
    writeFileSync(file, JSON.stringify(world));
    expectOneLine(
      await runCli([
        ...evalArgs.slice(0, 1),
        '--task',
        `sim:${file}`,
        '--model',
        `sim:${file}`,
        '--store',
        store,
      ]),
      /huge-world\.json: tasks\[0\]\.splits\.train: must be <= 100000/,
    );
  }, 30_000);
});

describe('diagnose with one response per cell (item 7)', () => {
  it('says the noise cannot be estimated and gives no verdict', async () => {
    const store = join(dir, 'm1-store');
    const run = await runCli([
      'diagnose',
      '--task',
      'sim:hetero',
      '--model',
      'sim:hetero',
      '--m',
      '1',
      '--store',
      store,
    ]);
    expectOneLine(
      run,
      /^sepo: --m: the response noise cannot be estimated from one response per .* no verdict; use --m 2/,
    );
    expect(run.stdout).toBe('');
    expect(runsIn(store)).toEqual([]);
    const rewards = join(dir, 'm1-rewards.json');
    writeFileSync(
      rewards,
      JSON.stringify({
        rewards: [
          [[1], [0], [1]],
          [[0], [0], [1]],
          [[1], [1], [0]],
        ],
      }),
    );
    const saved = await runCli(['diagnose', '--rewards', rewards]);
    expectOneLine(saved, /^sepo: the response noise cannot be estimated from one response per .*no verdict/);
    expect(saved.stdout).not.toMatch(/Infinity|NaN|recommended/);
  }, 60_000);
});

describe('task modules that fail to load (item 8)', () => {
  const store = join(dir, 'module-store');
  const modules = join(dir, 'modules');
  mkdirSync(modules, { recursive: true });
  writeFileSync(join(modules, 'package.json'), '{"type": "module"}');
  const write = (name: string, text: string): string => {
    const path = join(modules, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (path: string, ...extra: string[]) =>
    runCli(['eval', '--task', path, '--model', 'sim:demo', '--store', store, '--no-cache', ...extra]);

  it('names the module and the problem, exit 2, and leaves no run', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'throws.mjs',
        "throw new Error('boom at import');\n",
        /throws\.mjs: failed while loading .*Error: boom at import$/,
      ],
      [
        'load-throws.mjs',
        "export default { load() { throw new TypeError('bad data'); } };\n",
        /load-throws\.mjs: failed while loading .*TypeError: bad data$/,
      ],
      [
        'syntax.ts',
        "export default {\n  examples: [{ id: 'a' input: 'x' }],\n};\n",
        /syntax\.ts: syntax error at line 2: /,
      ],
      [
        'syntax.mjs',
        "export default {\n  examples: [{ id: 'a' input: 'x' }],\n};\n",
        /syntax\.mjs: syntax error/,
      ],
      [
        'exits.mjs',
        'process.exit(0);\nexport default { examples: [] };\n',
        /exits\.mjs: the module called process\.exit\(0\) while loading; a task module must not exit the process/,
      ],
      [
        'exits-in-load.mjs',
        'export default { async load() { process.exit(3); } };\n',
        /exits-in-load\.mjs: the module called process\.exit\(3\) while loading/,
      ],
    ];
    for (const [name, text, pattern] of cases) {
      const result = await run(write(name, text));
      expectOneLine(result, pattern);
      expect(result.stderr).toMatch(/^sepo: --task: /);
    }
    expect(runsIn(store)).toEqual([]);
  }, 90_000);

  it('gives up on a load() that never settles, after --task-timeout', async () => {
    const started = Date.now();
    const result = await run(
      write('hangs.mjs', 'export default { load: () => new Promise(() => {}) };\n'),
      '--task-timeout',
      '1',
    );
    expectOneLine(result, /hangs\.mjs: did not finish loading within 1 s .*--task-timeout/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("explains the docs' `import { defineTask } from 'sepo'` in a CommonJS folder", async () => {
    const cjs = join(dir, 'cjs-project');
    mkdirSync(join(cjs, 'node_modules'), { recursive: true });
    writeFileSync(join(cjs, 'package.json'), '{"name": "my-project"}');
    symlinkSync(REPO_ROOT, join(cjs, 'node_modules', 'sepo'));
    const path = join(cjs, 'my-task.ts');
    writeFileSync(
      path,
      "import { defineTask } from 'sepo';\nexport default defineTask({ examples: [{ id: 'a', input: 'a', answer: 'a' }] });\n",
    );
    expectOneLine(
      await run(path),
      /my-task\.ts: is loaded as CommonJS .*rename it to \.mts\/\.mjs, or add "type": "module"/,
    );
  }, 30_000);
});

describe('SIGTERM (item 9)', () => {
  it('stops like Ctrl-C: status cancelled, "resume with", exit 143', async () => {
    const store = join(dir, 'sigterm-store');
    let terminate: (() => void) | undefined;
    server = await startOpenAICompatibleServer({
      respond: () => 'Answer: 1',
      delayMs: 20,
      onRequest: (_body, index) => {
        if (index === 12) terminate?.();
        return undefined;
      },
    });
    const child = spawnCli([
      'eval',
      '--task',
      'sim:demo',
      '--model',
      `openai-compatible:${server.baseURL}#m`,
      '--concurrency',
      '2',
      '--no-cache',
      '--store',
      store,
    ]);
    terminate = () => child.kill('SIGTERM');
    const result = await collect(child);
    expect(result.code).toBe(143);
    expect(result.stderr).toMatch(/resume with: sepo eval --resume r\S+/);
    const reader = RunStore.open(store);
    try {
      expect(reader.latestRun()?.status).toBe('cancelled');
    } finally {
      reader.close();
    }
  }, 60_000);
});

describe('smaller misuse (item 11)', () => {
  it('`show <unknown> --store <new dir>` says so and creates no database', async () => {
    const store = join(dir, 'never-created');
    expectOneLine(await runCli(['show', 'r1', '--store', store]), /^sepo: no run store in .*never-created/);
    expectOneLine(await runCli(['export', 'r1', '--store', store]), /^sepo: no run store in /);
    expect((await runCli(['runs', '--store', store])).stdout).toBe('no runs yet\n');
    expect(existsSync(store)).toBe(false);
  }, 30_000);

  it.skipIf(process.getuid?.() !== 0)(
    'reads a store its user may not write (runs, show, export, report)',
    async () => {
      const store = join(dir, 'read-only-store');
      const made = await runCli([
        'eval',
        '--task',
        'sim:demo',
        '--model',
        'sim:demo',
        '--limit',
        '3',
        '--store',
        store,
        '--no-cache',
        '--quiet',
        '--json',
      ]);
      expect(made.code).toBe(0);
      const runId = (JSON.parse(made.stdout) as { runId: string }).runId;
      chmodSync(join(store, 'sepo.db'), 0o444);
      chmodSync(store, 0o555);
      const out = mkdtempSync(join(tmpdir(), 'sepo-ro-out-'));
      chmodSync(out, 0o777);
      // As root every file is writable: run the reading commands as nobody, who may only read the store.
      const asNobody = (args: string[]) =>
        collect(
          spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts'), ...args], {
            cwd: REPO_ROOT,
            env: { ...process.env, NO_COLOR: '1', HOME: out, SEPO_CACHE_DIR: '' },
            stdio: ['ignore', 'pipe', 'pipe'],
            uid: 65534,
            gid: 65534,
          }),
        );
      const runs = await asNobody(['runs', '--store', store]);
      expect(runs.stderr).toBe('');
      expect(runs.stdout).toContain(runId);
      expect((await asNobody(['show', runId, '--store', store])).stdout).toContain(
        `run ${runId} (eval), finished`,
      );
      const csv = await asNobody(['export', runId, '--format', 'csv', '--store', store]);
      expect(csv.code).toBe(0);
      expect(csv.stdout.split('\r\n').length).toBeGreaterThan(3);
      const report = await asNobody(['report', runId, '--store', store, '--out', join(out, 'report.html')]);
      expect(report.stderr).toBe('');
      expect(existsSync(join(out, 'report.html'))).toBe(true);
    },
    60_000,
  );

  it('escapes raw bytes of a bad file in the message', async () => {
    const file = join(dir, 'bytes.csv');
    writeFileSync(file, 'id,input,answer\n"\u001b[2J\u0007",q1,a1\n"\u001b[2J\u0007",q2,a2\n');
    const result = await runCli([
      'eval',
      '--task',
      `csv:${file}`,
      '--model',
      'sim:demo',
      '--store',
      join(dir, 'bytes-store'),
      '--no-cache',
    ]);
    expectOneLine(result, /duplicate id "\\x1b\[2J\\x07"/);
    expect([...result.stderr].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n')).toEqual([]);
  }, 30_000);

  it('redacts the credentials of a URL model string in the store and the output', async () => {
    server = await startOpenAICompatibleServer({ respond: () => 'Answer: 1' });
    const store = join(dir, 'secret-store');
    const model = `openai-compatible:${server.baseURL.replace('http://', 'http://alice:s3cret@')}#m`;
    const result = await runCli([
      'eval',
      '--task',
      'sim:demo',
      '--model',
      model,
      '--limit',
      '2',
      '--store',
      store,
      '--no-cache',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('s3cret');
    expect(result.stdout).toContain('http://***@');
    expect(readFileSync(join(store, 'sepo.db')).includes('s3cret')).toBe(false);
    const shown = await runCli(['show', '--json', (runsIn(store)[0] as { id: string }).id, '--store', store]);
    expect(shown.stdout).not.toContain('s3cret');
  }, 30_000);
});
