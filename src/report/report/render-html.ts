// The self-contained HTML report: one file with inline CSS and inline SVG charts, no scripts and
// no external requests (a Content-Security-Policy forbids them), so it opens offline and can be
// mailed as an attachment. Title, inputs echoed, the batch summary ranked by risk, then a
// detailed section with charts for each of the riskiest accounts.
//
// Big batches stream in two passes, and only compact summaries are ever held for all accounts:
//
//   const ranking = new RiskRanking();
//   for await (const evaluation of evaluations()) ranking.add(evaluation);        // pass 1
//   const writer = createHtmlReportWriter(inputs, ranking, { detailedAccounts: 50 });
//   write(writer.begin());                                                       // head + summary
//   for await (const evaluation of evaluations())                                // pass 2
//     if (writer.isDetailed(evaluation.account)) write(await writer.account({ evaluation, ... }));
//   write(writer.end());
//
// Detailed sections appear in the order they are given; `ranking.top(n)` lists them riskiest
// first for callers that can fetch accounts in any order. `renderHtmlReport` does both passes
// for a model held in memory.

import type { ModeName } from '../../margin/evaluation.js';
import { VIEW_LEGEND } from '../evaluate/account-view.js';
import { formatFixed } from '../format/number-format.js';
import { rankingDescription, summaryColumns, summaryRowCells } from './batch-summary-view.js';
import { htmlAccountSection, type AccountSectionOptions } from './html-account-section.js';
import { escapeHtml } from '../format/html-escape.js';
import { REPORT_CSS } from './html-styles.js';
import { summaryTableClose, summaryTableOpen, summaryTableRow } from './html-summary-table.js';
import { generatedBy, inputItems } from './inputs-view.js';
import { DEFAULT_REPORT_TITLE, type AccountReport, type ReportInputs, type ReportModel } from './report-model.js';
import { RiskRanking } from './risk-ranking.js';

export interface HtmlReportOptions extends AccountSectionOptions {
  /** Accounts that get a detailed section with charts, the riskiest first; default 50. */
  readonly detailedAccounts?: number;
  /** Most rows of the batch summary (the riskiest); default every account. */
  readonly maxSummaryRows?: number;
  /** Mode `renderHtmlReport` ranks by; default `exported` (streaming callers set it on their RiskRanking). */
  readonly rankBy?: ModeName;
}

/** Accounts with a detailed section when not told otherwise. */
export const DEFAULT_DETAILED_ACCOUNTS = 50;

/** Writes one HTML document in three steps whose results are concatenated in order. */
export interface HtmlReportWriter {
  /** Document head, title, inputs and the ranked batch summary. */
  begin(): string;
  /** `begin()` in chunks (one per summary row), for very large batches. */
  beginChunks(): Generator<string>;
  /** Whether `account` gets a detailed section (callers can skip costly analyses otherwise). */
  isDetailed(account: string): boolean;
  /** The detailed section of one account, or '' when it is not among the riskiest (or was written). */
  account(report: AccountReport): Promise<string>;
  /** Legend and the end of the document. */
  end(): string;
}

/** Element id of the detailed section of the account ranked `rank`. */
export function accountAnchor(rank: number): string {
  return `account-${rank}`;
}

/** Allows inline styles only: no script, font, image or connection can load. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** A streaming writer for a batch already ranked by `ranking` (see the file header). */
export function createHtmlReportWriter(inputs: ReportInputs, ranking: RiskRanking, options: HtmlReportOptions = {}): HtmlReportWriter {
  const detailedCount = Math.min(ranking.size, Math.max(0, options.detailedAccounts ?? DEFAULT_DETAILED_ACCOUNTS));
  const summaryRows = Math.min(ranking.size, Math.max(0, options.maxSummaryRows ?? ranking.size));
  const written = new Set<string>();
  const title = inputs.title ?? DEFAULT_REPORT_TITLE;

  function rankIfDetailed(account: string): number | null {
    const rank = ranking.rankOf(account);
    return rank !== null && rank <= detailedCount ? rank : null;
  }

  function* beginChunks(): Generator<string> {
    const inputsList = inputItems(inputs, { accounts: ranking.size, detailed: detailedCount })
      .map((item) => `<dt>${escapeHtml(item.label)}</dt><dd>${escapeHtml(item.value)}</dd>`)
      .join('\n');
    yield (
      `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<meta name="generator" content="${escapeHtml(inputs.toolVersion === undefined ? 'marginscope' : `marginscope ${inputs.toolVersion}`)}">\n` +
      `<title>${escapeHtml(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n` +
      `<header><h1>${escapeHtml(title)}</h1>\n` +
      `<p class="lede">Maintenance margin and liquidation under the margin modes as exported, all isolated and all cross, ` +
      `on the same capital, for ${formatFixed(ranking.size, 0)} account${ranking.size === 1 ? '' : 's'}.</p></header>\n` +
      `<section class="card"><h2>Inputs</h2>\n<dl class="inputs">\n${inputsList}\n</dl></section>\n` +
      `<section class="card"><h2>Accounts ranked by risk</h2>\n`
    );
    if (ranking.size === 0) {
      yield `<p class="note">No accounts with positions in the input.</p></section>\n`;
      return;
    }
    const assets = ranking.equityAssets();
    const equityAsset = assets.size === 1 ? [...assets][0]! : null;
    const columns = summaryColumns(equityAsset);
    yield summaryTableOpen(columns, rankingDescription(ranking.rankBy));
    const ranked = ranking.ranked();
    for (let i = 0; i < summaryRows; i++) {
      const rank = i + 1;
      const cells = summaryRowCells(ranked[i]!, rank, equityAsset);
      yield summaryTableRow(columns, cells, rank <= detailedCount ? accountAnchor(rank) : null);
    }
    yield summaryTableClose(columns, ranking.size - summaryRows);
    const rest = ranking.size - detailedCount;
    yield rest > 0
      ? `<p class="note">Detailed sections with charts follow for the ${formatFixed(detailedCount, 0)} riskiest accounts; the other ${formatFixed(rest, 0)} appear in this table only.</p></section>\n`
      : `</section>\n`;
  }

  return {
    beginChunks,
    begin: () => [...beginChunks()].join(''),
    isDetailed: (account) => rankIfDetailed(account) !== null && !written.has(account),
    async account(report) {
      const account = report.evaluation.account;
      const rank = rankIfDetailed(account);
      if (rank === null || written.has(account)) return '';
      written.add(account);
      return htmlAccountSection(report, rank, accountAnchor(rank), options);
    },
    end: () =>
      `<footer>\n${VIEW_LEGEND.length > 0 ? `<p>${escapeHtml(VIEW_LEGEND.join(' '))}</p>\n` : ''}` +
      `<p>Amounts are in the settlement asset named beside them. ${escapeHtml(generatedBy(inputs))}</p>\n</footer>\n</main>\n</body>\n</html>\n`,
  };
}

/** The whole report of a model held in memory, detailed sections riskiest first. */
export async function renderHtmlReport(model: ReportModel, options: HtmlReportOptions = {}): Promise<string> {
  const ranking = new RiskRanking(options.rankBy === undefined ? {} : { rankBy: options.rankBy });
  for (const report of model.accounts) ranking.add(report.evaluation);
  const writer = createHtmlReportWriter(model.inputs, ranking, options);
  const byAccount = new Map(model.accounts.map((report) => [report.evaluation.account, report]));
  const parts = [writer.begin()];
  for (const { summary } of ranking.top(options.detailedAccounts ?? DEFAULT_DETAILED_ACCOUNTS)) {
    const report = byAccount.get(summary.account);
    if (report !== undefined) parts.push(await writer.account(report));
  }
  parts.push(writer.end());
  return parts.join('');
}
