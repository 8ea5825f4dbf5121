// The HTML report in a real browser: Debian's Chromium (never a downloaded one) opens the file
// from a file:// URL with networking features off, and the page must render its title, one SVG
// per chart and one summary row per account, with no console error, no failed request and no
// request other than the file itself. A full-page screenshot goes to artifacts/ for a human look.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountChartSpecs } from '../../../src/report/charts/account-charts.js';
import { renderHtmlReport } from '../../../src/report/report/render-html.js';
import type { ReportModel } from '../../../src/report/report/report-model.js';
import { HOSTILE, deskBook, evaluateBook, fullReport, hostileBook, sampleInputs } from './report-fixtures.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, HAS_CHROMIUM } from '../../support/chromium.js';

const SCREENSHOT = fileURLToPath(new URL('../../../artifacts/report-screenshot.png', import.meta.url));
const hasChromium = HAS_CHROMIUM;
const CHROMIUM = CHROMIUM_PATH;

function model(): ReportModel {
  return {
    inputs: sampleInputs(),
    accounts: [
      fullReport('desk'),
      { evaluation: evaluateBook(deskBook('thin', 2_500)) },
      { evaluation: evaluateBook(hostileBook()) },
      { evaluation: evaluateBook(deskBook('fund-b', 40_000)) },
    ],
  };
}

describe.skipIf(!hasChromium)(`HTML report in Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    dir = await mkdtemp(join(tmpdir(), 'marginscope-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('renders offline: title, every chart, every summary row; no errors, no requests', async () => {
    const report = model();
    const file = join(dir, 'report.html');
    await writeFile(file, await renderHtmlReport(report), 'utf8');
    const url = pathToFileURL(file).href;

    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const consoleErrors: string[] = [];
    const failed: string[] = [];
    const requested: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('requestfailed', (request) => failed.push(request.url()));
    page.on('request', (request) => requested.push(request.url()));
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });

    await page.goto(url, { waitUntil: 'load' });

    expect(await page.title()).toBe('Desk margin review');
    expect(await page.locator('h1').textContent()).toBe('Desk margin review');
    const expectedCharts = report.accounts.reduce((sum, r) => sum + accountChartSpecs(r).length, 0);
    expect(await page.locator('figure.chart > svg').count()).toBe(expectedCharts);
    expect(await page.locator('table.summary-table tbody tr').count()).toBe(report.accounts.length);
    // Every chart has a size on screen (the SVG parsed and laid out).
    const sizes = await page.locator('figure.chart > svg').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()));
    expect(sizes.every((box) => box.width > 100 && box.height > 100)).toBe(true);
    // The hostile account name shows as text, and nothing ran.
    expect(await page.locator('table.summary-table').textContent()).toContain(HOSTILE);
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toBe(0);
    // The page does not scroll sideways at a laptop width (wide tables scroll inside their box).
    const overflow = await page.locator('html').evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requested).toEqual([url]);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });
});
