import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const file = process.argv[2], out = process.argv[3];
const dir = mkdtempSync(join(tmpdir(), 'pw-'));
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args: ['--headless','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'], viewport: { width: 1280, height: 900 } });
const page = ctx.pages()[0] ?? await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto('file://' + file);
await page.screenshot({ path: out + '-full.png', fullPage: true });
for (const id of ['summary','timeline','lineage','examples','diagnose','compare']) {
  const el = await page.$('#' + id);
  if (el) await el.screenshot({ path: `${out}-${id}.png` });
}
await ctx.close();
