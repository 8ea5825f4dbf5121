// The report's "Liquidation cascade" section: `report --crowd --depth --insurance-fund --event`
// ends the Markdown with the section (same figures as `cascade`), and the HTML with its charts.

import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const ARGS = ['data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', 'data/samples/crowd.csv', '--crowd-balances', 'data/samples/crowd-balances.csv', '--depth', 'data/samples/depth.csv', '--insurance-fund', 'USDT=3000000', '--event', '2025-10-10'];

describe('report: Liquidation cascade section', () => {
  it('Markdown: the same per-symbol figures as cascade --format json', async () => {
    const [report, cascade] = await Promise.all([runCli(['report', ...ARGS, '--report-format', 'markdown', '-q']), runCli(['cascade', ...ARGS, '--format', 'json', '-q'])]);
    expect(report.code).toBe(0);
    const section = report.stdout.slice(report.stdout.indexOf('## Liquidation cascade'));
    expect(section).toContain('### 2025-10-10');
    const btc = JSON.parse(cascade.stdout).events[0].market.symbols.find((s: { symbol: string }) => s.symbol === 'BTCUSDT');
    expect(section).toContain(`| BTCUSDT | 91,250 | ${(btc.exogenousMove * 100).toFixed(2)}% | ${(btc.realisedMove * 100).toFixed(2)}% |`);
    expect(section).toContain(btc.amplification.toFixed(3));
    expect(section).toMatch(/#### Own positions/);
  }, 120_000);

  it('HTML: the section with the moves, rounds and fund charts', async () => {
    const run = await runCli(['report', ...ARGS, '-q']);
    expect(run.code).toBe(0);
    const section = run.stdout.slice(run.stdout.indexOf('id="liquidation-cascade"'));
    for (const kind of ['cascade-moves', 'cascade-rounds', 'cascade-fund']) expect(section).toContain(`chart-${kind}`);
    expect(section).not.toMatch(/NaN|Infinity/);
  }, 120_000);

  it('a bad depth file stops the report: located line, exit 1', async () => {
    const run = await runCli(['report', ...ARGS.map((a) => (a === 'data/samples/depth.csv' ? 'data/samples/crowd.csv' : a)), '-q']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('data/samples/crowd.csv:1: column depth_1pct: a depth file needs the columns symbol and depth_1pct');
    expect(run.stdout).toBe('');
  }, 120_000);
});
