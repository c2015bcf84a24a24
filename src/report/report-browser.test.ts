import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredRollout } from '../spec/rollout.js';
import { RunStore } from '../store/run-store.js';
import { REPO_ROOT } from '../test-support/run-cli.js';
import type { ReportInput } from './build-report-model.js';
import { compareInput, diagnoseInput } from './test-support/analysis-fixtures.js';
import { findChromium } from './test-support/find-chromium.js';
import {
  INJECTION,
  optimizeInput,
  optimizeRollouts,
  saveFixture,
  tempDir,
} from './test-support/report-fixtures.js';
import { writeReport } from './write-report.js';

/**
 * The HTML report in a real browser: the Chromium shipped in the @sparticuz/chromium devDependency (else
 * Debian's, see findChromium) opens the file from disk. Without a Chromium this fails rather than
 * skipping, so a missing browser cannot hide a broken report.
 */
const SCREENSHOTS = join(REPO_ROOT, 'bench', 'out');

interface Opened {
  readonly page: Page;
  readonly errors: string[];
}

describe('the HTML report in Chromium', () => {
  const temp = tempDir('sepo-report-browser-');
  const profile = mkdtempSync(join(tmpdir(), 'sepo-chromium-profile-'));
  let context: BrowserContext | undefined;
  const files: Record<string, string> = {};

  // A missing browser fails every test with this message (a failing hook would only mark them skipped).
  let missing: string | undefined;

  beforeAll(async () => {
    const browser = await findChromium();
    if ('missing' in browser) {
      missing = browser.missing;
      return;
    }
    const store = RunStore.open(join(temp.dir, 'store'));
    try {
      const write = (name: string, input: ReportInput, rollouts: readonly ScoredRollout[]): void => {
        const runId = saveFixture(store, input, rollouts);
        files[name] = writeReport(store, runId, join(temp.dir, `${name}.html`));
      };
      write('optimize', optimizeInput(), optimizeRollouts());
      write('diagnose', diagnoseInput(), []);
      // Prefixed rollout ids: a store keeps one rollout per (candidate id, example, sample).
      const compare = compareInput({ prefixedRollouts: true });
      write('compare', compare, [...((compare.rollouts ?? []) as Iterable<ScoredRollout>)]);
    } finally {
      store.close();
    }
    context = await chromium.launchPersistentContext(profile, {
      executablePath: browser.executablePath,
      headless: true,
      args: [...browser.args],
      env: browser.env,
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    temp.remove();
  });

  async function open(name: string): Promise<Opened> {
    if (missing !== undefined) throw new Error(missing);
    if (context === undefined) throw new Error('the browser did not start');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) errors.push(`network request: ${request.url()}`);
    });
    const file = files[name];
    if (file === undefined) throw new Error(`no ${name} report`);
    await page.goto(pathToFileURL(file).href);
    return { page, errors };
  }

  it('renders the optimize report: charts, tree, node details and diff, with no console error', async () => {
    const { page, errors } = await open('optimize');
    expect(await page.locator('#simulated-banner').isVisible()).toBe(true);
    expect(await page.locator('svg[data-chart="score-timeline"] .marker').count()).toBeGreaterThan(4);
    expect(
      await page.locator('svg[data-chart="score-timeline"] text.axis-label').allTextContents(),
    ).toHaveLength(2);
    expect(await page.locator('.lineage-tree .node').count()).toBe(4);
    expect(await page.locator('.lineage-tree .edge').count()).toBe(3);
    // The best candidate is shown at first, with its diff against its parent.
    expect(await page.locator('#node-title').textContent()).toBe('t2 (best)');
    expect(await page.locator('#node-diff ins').count()).toBeGreaterThan(0);

    await page.locator('.lineage-tree .node[data-id="t1"]').click();
    expect(await page.locator('#node-title').textContent()).toBe('t1');
    expect(await page.locator('#node-prompt').textContent()).toBe(INJECTION);
    expect(await page.locator('#node-rationale').textContent()).toContain('window.__pwned = 1');
    expect(await page.locator('#node-diff-title').textContent()).toContain('parent t0');
    expect(await page.locator('#node-diff').textContent()).toContain('</script><script>');
    expect(await page.locator('#node-diff del').count()).toBeGreaterThan(0);
    expect(await page.locator('.lineage-tree .node.selected').getAttribute('data-id')).toBe('t1');

    await page.locator('.lineage-tree .node[data-id="t0"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#node-title').textContent()).toBe('t0');
    expect(await page.locator('#node-diff-box').isHidden()).toBe(true);

    // Responses of flipped examples, and the seed-to-best diff, are filled in as text.
    await page.locator('#flip-table details summary').first().click();
    expect(await page.locator('#flip-table pre[data-text="flip:0:seed"]').textContent()).toBe(
      `seed says ${INJECTION}`,
    );
    expect(await page.locator('pre[data-diff="seedToBest"] ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.strip .cell').count()).toBe(6);

    // The injected markup stayed text: nothing ran, no element was created from it.
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.evaluate('document.scripts.length')).toBe(2);
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('.lineage-tree .node[data-id="t2"]').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'report-optimize.png'), fullPage: true });
    await page.close();
  }, 20_000);

  it('renders the diagnose and compare reports', async () => {
    const diagnose = await open('diagnose');
    expect(await diagnose.page.locator('svg[data-chart="k-curve"] .series').count()).toBe(2);
    expect(await diagnose.page.locator('svg[data-chart="m-curve"] .series').count()).toBe(2);
    expect(await diagnose.page.locator('table.subsets tbody tr').count()).toBe(2);
    await diagnose.page.locator('table.diag-prompts details summary').nth(1).click();
    expect(await diagnose.page.locator('pre[data-text="diag:1"]').textContent()).toBe(INJECTION);
    expect(await diagnose.page.evaluate('window.__pwned')).toBeUndefined();
    expect(diagnose.errors).toEqual([]);
    await diagnose.page.screenshot({ path: join(SCREENSHOTS, 'report-diagnose.png'), fullPage: true });
    await diagnose.page.close();

    const compare = await open('compare');
    expect(await compare.page.locator('table.compare tbody tr').count()).toBe(3);
    expect(await compare.page.locator('svg[data-chart="accuracy-cost"] .marker').count()).toBe(3);
    expect(await compare.page.locator('svg[data-chart="score-timeline"] .series').count()).toBe(4);
    expect(
      await compare.page.locator('svg[data-chart="score-timeline"] .legend-item').allTextContents(),
    ).toEqual(['sepo', 'gepa']);
    expect(await compare.page.locator('.lineage-tree .group-label').count()).toBe(6);
    await compare.page.locator('.lineage-tree .node[data-id="gepa.s1.c1"]').click();
    expect(await compare.page.locator('#node-title').textContent()).toBe('gepa.s1.c1 (best)');
    expect(compare.errors).toEqual([]);
    await compare.page.screenshot({ path: join(SCREENSHOTS, 'report-compare.png'), fullPage: true });
    await compare.page.close();
  }, 20_000);
});
