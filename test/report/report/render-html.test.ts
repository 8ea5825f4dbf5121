// The HTML report: self-contained (no URL, no script, a CSP that forbids loading anything),
// hostile names escaped everywhere, the batch summary ranked by risk with one row per account,
// detailed sections with charts for the N riskiest only, and the streaming writer producing the
// same document as the in-memory renderer.

import { describe, expect, it } from 'vitest';
import { accountChartSpecs } from '../../../src/report/charts/account-charts.js';
import type { AccountRiskSummary } from '../../../src/report/report/account-risk-summary.js';
import { escapeHtml } from '../../../src/report/format/html-escape.js';
import { createHtmlReportWriter, renderHtmlReport } from '../../../src/report/report/render-html.js';
import type { AccountReport, ReportModel } from '../../../src/report/report/report-model.js';
import { RiskRanking } from '../../../src/report/report/risk-ranking.js';
import { HOSTILE, deskBook, evaluateBook, fullReport, hostileBook, sampleInputs } from './report-fixtures.js';
import { urlsIn } from './svg-marks.js';

function batch(): ReportModel {
  return {
    inputs: sampleInputs(),
    accounts: [
      fullReport('desk'),
      { evaluation: evaluateBook(hostileBook()) },
      { evaluation: evaluateBook(deskBook('fund-b', 40_000)) },
      { evaluation: evaluateBook(deskBook('thin', 2_500)) },
    ],
  };
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

/** Summary rows: the table body rows of the summary table. */
function summaryRows(html: string): number {
  const start = html.indexOf('<table class="summary-table">');
  const end = html.indexOf('</table>', start);
  const body = html.slice(html.indexOf('<tbody>', start), end);
  return count(body, /<tr>/g);
}

/** A synthetic summary: account `name` whose exported book liquidates after a uniform `move`. */
function summary(name: string, move: number | null): AccountRiskSummary {
  const risk = { marginRatio: 0.1, maintenanceMargin: 10, liquidatable: false, moveDown: move, moveUp: null };
  return { account: name, positionCount: 1, asset: 'USDT', equity: 100, modes: { exported: risk, isolated: risk, cross: risk }, warningCount: 0 };
}

describe('renderHtmlReport', () => {
  it('is one self-contained document: no URL, no script, loading forbidden by CSP', async () => {
    const html = await renderHtmlReport(batch());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(urlsIn(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|@import|url\((?!#)/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
  });

  it('shows the title, the inputs, a ranked summary row per account and every chart of the detailed accounts', async () => {
    const model = batch();
    const html = await renderHtmlReport(model);
    expect(html).toContain('<title>Desk margin review</title>');
    expect(html).toContain('<dt>Monte Carlo</dt><dd>10,000 paths over 24h in 96 steps, model student-t, seed 42</dd>');
    expect(summaryRows(html)).toBe(4);
    // Ranked riskiest first: the thin account (2,500 USDT wallet) leads, the well-funded one is last of the desks.
    const order = ['thin', 'desk', 'fund-b'].map((name) => html.indexOf(`">${name}</a>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const expectedCharts = model.accounts.reduce((sum, report) => sum + accountChartSpecs(report).length, 0);
    expect(count(html, /<figure class="chart /g)).toBe(expectedCharts);
    expect(count(html, /<svg /g)).toBe(expectedCharts);
    expect(count(html, /<section class="card account"/g)).toBe(4);
    for (const heading of ['Margin modes side by side', 'Liquidation ladder', 'Monte Carlo', 'Contagion in cross margin', 'Joint liquidation boundary', 'Historical replays']) {
      expect(html).toContain(`<h3>${heading}</h3>`);
    }
  });

  it('escapes hostile account names and position ids everywhere, charts included', async () => {
    const html = await renderHtmlReport(batch());
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('" onmouseover="');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain(escapeHtml(`x" onmouseover="alert(2)`));
  });

  it('formats numbers with units', async () => {
    const html = await renderHtmlReport(batch());
    expect(html).toMatch(/Equity as held \(USDT\)/);
    expect(html).toMatch(/Maintenance margin \(USDT\)/);
    expect(html).toMatch(/>-?\d{1,3}(,\d{3})*\.\d\d%</);
    expect(html).toContain('Value at risk 99% (USDT)');
  });

  it('gives charts only to the N riskiest accounts; the rest are summary rows', async () => {
    const html = await renderHtmlReport(batch(), { detailedAccounts: 1 });
    expect(summaryRows(html)).toBe(4);
    expect(count(html, /<section class="card account"/g)).toBe(1);
    expect(html).toContain('id="account-1"');
    expect(count(html, /<a href="#account-/g)).toBe(1);
    expect(html).toContain('the other 3 appear in this table only');
  });

  it('caps the summary when asked, saying how many rows are left out', async () => {
    const html = await renderHtmlReport(batch(), { maxSummaryRows: 2, detailedAccounts: 0 });
    expect(summaryRows(html)).toBe(3);
    expect(html).toContain('2 less risky accounts not listed');
    expect(count(html, /<svg /g)).toBe(0);
  });

  it('renders the same bytes twice', async () => {
    const model = batch();
    expect(await renderHtmlReport(model)).toBe(await renderHtmlReport(model));
  });

  it('says so when there are no accounts', async () => {
    const html = await renderHtmlReport({ inputs: sampleInputs(), accounts: [] });
    expect(html).toContain('No accounts with positions in the input.');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });
});

describe('createHtmlReportWriter (streaming)', () => {
  it('writes the same document as renderHtmlReport when given the riskiest accounts in rank order', async () => {
    const model = batch();
    const ranking = new RiskRanking();
    for (const report of model.accounts) ranking.add(report.evaluation);
    const writer = createHtmlReportWriter(model.inputs, ranking, { detailedAccounts: 2 });
    const byName = new Map<string, AccountReport>(model.accounts.map((r) => [r.evaluation.account, r]));
    const parts = [writer.begin()];
    for (const { summary: s } of ranking.top(2)) parts.push(await writer.account(byName.get(s.account)!));
    parts.push(writer.end());
    expect(parts.join('')).toBe(await renderHtmlReport(model, { detailedAccounts: 2 }));
  });

  it('returns nothing for accounts outside the top N, and each section once', async () => {
    const model = batch();
    const ranking = new RiskRanking();
    for (const report of model.accounts) ranking.add(report.evaluation);
    const writer = createHtmlReportWriter(model.inputs, ranking, { detailedAccounts: 1 });
    writer.begin();
    const [top] = ranking.top(1);
    const others = model.accounts.filter((r) => r.evaluation.account !== top!.summary.account);
    for (const report of others) {
      expect(writer.isDetailed(report.evaluation.account)).toBe(false);
      expect(await writer.account(report)).toBe('');
    }
    const topReport = model.accounts.find((r) => r.evaluation.account === top!.summary.account)!;
    expect(writer.isDetailed(top!.summary.account)).toBe(true);
    expect(await writer.account(topReport)).toContain('<section class="card account" id="account-1">');
    expect(writer.isDetailed(top!.summary.account)).toBe(false);
    expect(await writer.account(topReport)).toBe('');
  });

  it('streams the summary of a large batch row by row from compact summaries', () => {
    const ranking = new RiskRanking();
    const accounts = 20_000;
    for (let i = 0; i < accounts; i++) ranking.addSummary(summary(`acct-${String(i).padStart(5, '0')}`, ((i * 7919) % accounts) / accounts + 0.001));
    const writer = createHtmlReportWriter(sampleInputs(), ranking, { detailedAccounts: 50 });
    let rows = 0;
    let links = 0;
    let firstRow = '';
    for (const chunk of writer.beginChunks()) {
      if (chunk.startsWith('<tr>')) {
        rows++;
        if (firstRow === '') firstRow = chunk;
        if (chunk.includes('<a href="#account-')) links++;
      }
    }
    expect(rows).toBe(accounts);
    expect(links).toBe(50);
    // The smallest move (0.001 for i = 0) ranks first.
    expect(firstRow).toContain('>acct-00000</a>');
  });
});
