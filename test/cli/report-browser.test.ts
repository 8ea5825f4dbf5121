// The CLI's own HTML report in a real browser: `marginscope report` on the sample book (with a
// short Monte Carlo and one crash replay), opened by Debian's Chromium from a file:// URL with
// networking features off. The page must render a section per account and every chart, with no
// console error and no request other than the file itself; a full-page screenshot goes to
// artifacts/cli-report.png for a human look. Skipped only when /usr/bin/chromium is absent.

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

    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requested).toEqual([url]);

    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  }, 180_000);
});
