// The CLI's own HTML report in a real browser: `marginscope report` on the sample book (with a
// short Monte Carlo and one crash replay), opened by Debian's Chromium from a file:// URL with
// networking features off. The page must render a section per account and every chart, with no
// console error and no request other than the file itself; a full-page screenshot goes to
// artifacts/cli-report.png for a human look (with the first account's verdict and replay as
// cli-report-verdict.png and cli-report-replay.png). The verdict tables are visible, no table is
// clipped (each fits its container), no chart label is truncated. Skipped only when
// /usr/bin/chromium is absent.

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAS_CHROMIUM } from '../support/chromium.js';

const SCREENSHOT = fileURLToPath(new URL('../../artifacts/cli-report.png', import.meta.url));
const hasChromium = HAS_CHROMIUM;
const CHROMIUM = CHROMIUM_PATH;

describe.skipIf(!hasChromium)(`the CLI's HTML report in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    ensureBuilt();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    dir = await mkdtemp(join(tmpdir(), 'marginscope-cli-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('renders offline: every account and chart, no errors, no requests', async () => {
    const file = join(dir, 'report.html');
    const run = await runCli([
      'report',
      'data/samples/positions.csv',
      '--balances',
      'data/samples/balances.csv',
      '--paths',
      '400',
      '--event',
      '2022-11-09',
      '--threads',
      '1',
      '--title',
      'Sample book',
      '--out',
      file,
    ]);
    expect(run.code).toBe(0);
    const html = await readFile(file, 'utf8');
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const consoleErrors: string[] = [];
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requested.push(request.url()));
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.title()).toBe('Sample book');
    expect(await page.locator('section.account').count()).toBe(4);
    expect(await page.locator('table.summary-table tbody tr').count()).toBe(4);
    const charts = (html.match(/<figure class="chart /g) ?? []).length;
    expect(await page.locator('figure.chart > svg').count()).toBe(charts);
    const sizes = await page.locator('figure.chart > svg').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()));
    expect(sizes.every((box) => box.width > 100 && box.height > 100)).toBe(true);
    expect(await page.locator('ul.stress li').count()).toBe(13);
    expect(await page.locator('script').count()).toBe(0);

    // The verdict: a sentence and a table per account, on screen (laid out with a size).
    const verdicts = page.locator('section.account .verdict table.verdict-table');
    expect(await verdicts.count()).toBe(4);
    for (const table of await verdicts.all()) {
      await table.scrollIntoViewIfNeeded();
      expect(await table.isVisible()).toBe(true);
      const box = await table.boundingBox();
      expect(box !== null && box.width > 200 && box.height > 100).toBe(true);
    }
    expect(await page.locator('section.account .verdict-sentence').count()).toBe(4);
    // No table is clipped: every table box fits its container (no horizontal scrolling inside),
    // including the Monte Carlo tables with their standard errors and the replay tables' cross column.
    const clipped = await page.locator('.table-wrap').evaluateAll((wraps) =>
      wraps.filter((w) => w.scrollWidth > w.clientWidth + 0.5).map((w) => `${w.closest('section')?.querySelector('h2')?.textContent ?? ''}: ${w.querySelector('caption, th')?.textContent ?? ''}`),
    );
    expect(clipped).toEqual([]);
    for (const table of await page.locator('.replay table').all()) {
      const cross = await table.locator('thead th').last().boundingBox();
      const wrap = await table.locator('xpath=..').boundingBox();
      expect(cross !== null && wrap !== null && cross.x + cross.width <= wrap.x + wrap.width + 0.5).toBe(true);
    }
    expect(await page.locator('.replay').count()).toBeGreaterThan(0);
    // Chart labels are whole: Vega truncates with an ellipsis, none is left in any chart.
    const labels = await page.locator('figure.chart svg text').allTextContents();
    expect(labels.length).toBeGreaterThan(100);
    expect(labels.filter((t) => t.includes('…'))).toEqual([]);
    const heatmapLabels = await page.locator('figure.chart.chart-contagion svg text').allTextContents();
    expect(heatmapLabels).toContain('BTCUSDT:long');
    // The page does not scroll sideways.
    expect(await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth)).toBeLessThanOrEqual(0);

    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requested).toEqual([url]);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const first = page.locator('section.account').first();
    await first.locator('.verdict').screenshot({ path: join(SCREENSHOT, '..', 'cli-report-verdict.png') });
    await first.locator('.replay').first().screenshot({ path: join(SCREENSHOT, '..', 'cli-report-replay.png') });
    await page.close();
  }, 180_000);
});
