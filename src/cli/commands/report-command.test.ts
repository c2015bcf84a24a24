import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSepoError } from '../../errors.js';
import {
  optimizeInput,
  optimizeRollouts,
  saveFixture,
  tempDir,
} from '../../report/test-support/report-fixtures.js';
import { RunStore } from '../../store/run-store.js';
import { runCli } from '../../test-support/run-cli.js';
import { reportCommand } from './report-command.js';

describe('sepo report', () => {
  let temp = tempDir();
  let out: string[] = [];
  beforeEach(() => {
    temp = tempDir();
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    temp.remove();
  });

  function storeWithRun(): { readonly dir: string; readonly runId: string } {
    const dir = join(temp.dir, 'store');
    const store = RunStore.open(dir);
    try {
      return { dir, runId: saveFixture(store, optimizeInput(), optimizeRollouts()) };
    } finally {
      store.close();
    }
  }

  it('writes the HTML report beside the run by default and prints its path', () => {
    const { dir, runId } = storeWithRun();
    expect(reportCommand({ store: dir }, [runId])).toBe(0);
    const path = join(dir, `${runId}.report.html`);
    expect(out.join('')).toBe(`report of run ${runId} written to ${path}\n`);
    expect(readFileSync(path, 'utf8')).toContain('<section id="lineage">');
  });

  it('writes Markdown to --out, and takes the newest run when none is named', () => {
    const { dir, runId } = storeWithRun();
    const path = join(temp.dir, 'docs', 'report.md');
    expect(reportCommand({ store: dir, out: path, format: 'md' }, [])).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain(`# sepo report: optimize run ${runId}`);
  });

  it('explains an unknown run, an empty store and extra arguments', () => {
    const { dir } = storeWithRun();
    const failure = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        expect(isSepoError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(failure(() => reportCommand({ store: dir }, ['r-missing']))).toMatch(
      /no run r-missing.*sepo runs/,
    );
    expect(failure(() => reportCommand({ store: join(temp.dir, 'empty') }, []))).toMatch(/no runs in/);
    expect(failure(() => reportCommand({ store: dir }, ['a', 'b']))).toMatch(/one run id/);
  });
});

describe('sepo optimize writes the report', () => {
  let temp = tempDir();
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('prints the report path at the end, and --no-report skips it', async () => {
    const store = join(temp.dir, 'store');
    const args = [
      'optimize',
      '--task',
      'sim:demo',
      '--model',
      'sim:demo',
      '--no-cache',
      '--quiet',
      '--store',
      store,
    ];
    const withReport = await runCli(args);
    expect(withReport.stderr).toBe('');
    expect(withReport.code).toBe(0);
    const path = /report written to (.+\.report\.html)\n/.exec(withReport.stdout)?.[1];
    expect(path).toBeDefined();
    expect(readFileSync(path ?? '', 'utf8')).toContain('<section id="timeline">');

    const without = await runCli([...args, '--no-report']);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain('report written');
    const reports = readdirSync(store).filter((f) => f.endsWith('.report.html'));
    expect(reports).toHaveLength(1);
    expect(existsSync(path ?? '')).toBe(true);
  }, 30_000);
});
