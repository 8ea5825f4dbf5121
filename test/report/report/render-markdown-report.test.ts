// The Markdown report: the HTML report's structure with tables instead of charts, hostile text
// escaped so it can neither inject HTML nor form links, charts referenced only when the caller
// says where their SVG files are.

import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownImage } from '../../../src/report/format/markdown-text.js';
import { createMarkdownReportWriter, renderMarkdownReport } from '../../../src/report/report/render-markdown-report.js';
import type { ReportModel } from '../../../src/report/report/report-model.js';
import { RiskRanking } from '../../../src/report/report/risk-ranking.js';
import { HOSTILE, deskBook, evaluateBook, fullReport, hostileBook, sampleInputs } from './report-fixtures.js';

function batch(): ReportModel {
  return {
    inputs: sampleInputs(),
    accounts: [fullReport('desk'), { evaluation: evaluateBook(hostileBook()) }, { evaluation: evaluateBook(deskBook('thin', 2_500)) }],
  };
}

describe('renderMarkdownReport', () => {
  it('has the same structure as the HTML report, with tables only by default', () => {
    const markdown = renderMarkdownReport(batch());
    expect(markdown.startsWith('# Desk margin review\n')).toBe(true);
    for (const heading of ['## Inputs', '## Accounts ranked by risk', '## #1 thin', '## #2 desk', '### Margin modes side by side', '### Liquidation ladder', '### Monte Carlo', '### Contagion in cross margin', '### Joint liquidation boundary', '#### 2020-03-12']) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    expect(markdown).toContain('| Rank | Account | Positions | Equity as held (USDT) | Margin ratio exported |');
    expect(markdown).toMatch(/\n\| 1 \| thin \| 3 \| 3,958\.10 \|/);
    expect(markdown).toContain('| Value at risk 99% (USDT) | 4,020.00 | 3,300.00 | 5,200.00 |');
    expect(markdown).toContain('| First liquidation | none | 2020-03-12 10:00 UTC | 2020-03-12 12:00 UTC |');
    expect(markdown).toContain('```text\n+40.00% . . .');
    expect(markdown).not.toContain('![');
  });

  it('escapes hostile names: no HTML, no links', () => {
    const markdown = renderMarkdownReport(batch());
    expect(markdown).not.toContain(HOSTILE);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('[click](javascript:alert(1)) *x* a|b')).toBe('\\[click\\](javascript:alert(1)) \\*x\\* a\\|b');
  });

  it('references chart files when told where they are', () => {
    const markdown = renderMarkdownReport(batch(), {
      chartPath: (chart) => (chart.kind === 'replay' ? null : `charts/${chart.rank}-${chart.kind}-${chart.index}.svg`),
    });
    expect(markdown).toContain('![Liquidation ladder, account desk](charts/2-liquidation-ladder-0.svg)');
    expect(markdown).toContain('(charts/2-joint-boundary-0.svg)');
    expect(markdown).not.toContain('-replay-');
    expect(markdownImage('a', 'dir with space/x (1).svg')).toBe('![a](dir%20with%20space/x%20%281%29.svg)');
  });

  it('details only the N riskiest accounts, through the streaming writer too', () => {
    const model = batch();
    const ranking = new RiskRanking();
    for (const report of model.accounts) ranking.add(report.evaluation);
    const writer = createMarkdownReportWriter(model.inputs, ranking, { detailedAccounts: 1 });
    const parts = [writer.begin(), ...model.accounts.map((report) => writer.account(report)), writer.end()];
    const markdown = parts.join('');
    expect(markdown).toContain('\n## #1 thin\n');
    expect(markdown).not.toContain('\n## #2');
    expect(markdown).toContain('the other 2 appear in this table only');
    expect(markdown).toBe(renderMarkdownReport(model, { detailedAccounts: 1 }));
  });
});
