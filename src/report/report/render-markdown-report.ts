// The Markdown report: the same structure as the HTML report (title, inputs, the batch summary
// ranked by risk, then a detailed section for each of the riskiest accounts), with tables where
// the HTML has charts. Charts rendered to separate SVG files can be referenced as images when
// the caller says where each one is (`chartPath`); by default the report is tables only.
// Streams in two passes exactly like the HTML writer (see render-html.ts).

import type { ModeName } from '../../margin/evaluation.js';
import { VIEW_LEGEND, accountView } from '../evaluate/account-view.js';
import { accountChartSpecs, type ChartKind, type ChartSpecEntry } from '../charts/account-charts.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { formatFixed } from '../format/number-format.js';
import { allocationView } from './allocation-view.js';
import { rankingDescription, summaryColumns, summaryRowCells } from './batch-summary-view.js';
import { boundaryNotes } from './boundary-notes.js';
import { CURRENT_CHAR, LIQUIDATED_CHAR, SURVIVES_CHAR, boundaryTextGrid } from './boundary-text-grid.js';
import { rescuesView, victimsView } from './contagion-view.js';
import { generatedBy, inputItems } from './inputs-view.js';
import { escapeMarkdown, markdownImage, markdownTable } from '../format/markdown-text.js';
import { DEFAULT_REPORT_TITLE, type AccountReport, type ReportInputs, type ReportModel } from './report-model.js';
import { REPLAY_NOTE, replaySpan, replayView } from './replay-view.js';
import { RiskRanking } from './risk-ranking.js';
import { SIMULATION_NOTE, simulationView } from './simulation-view.js';
import { verdictSectionMarkdown } from './verdict-section.js';

/** Identifies one chart of one account, for `chartPath`. */
export interface ChartRef {
  readonly account: string;
  /** Risk rank of the account (1 = riskiest). */
  readonly rank: number;
  readonly kind: ChartKind;
  /** Position among charts of the same kind (the replay event index; 0 otherwise). */
  readonly index: number;
}

export interface MarkdownReportOptions {
  /** Accounts that get a detailed section, the riskiest first; default 50. */
  readonly detailedAccounts?: number;
  /** Most rows of the batch summary (the riskiest); default every account. */
  readonly maxSummaryRows?: number;
  /** Most positions drawn in a referenced ladder chart; default 40 (as in the HTML report). */
  readonly ladderMaxPositions?: number;
  /**
   * Where the SVG of a chart was written, relative to the Markdown file; null to leave it out.
   * When absent, no chart is referenced.
   */
  readonly chartPath?: (chart: ChartRef) => string | null;
  /** Mode `renderMarkdownReport` ranks by; default `exported`. */
  readonly rankBy?: ModeName;
}

/** Writes one Markdown document in three steps whose results are concatenated in order. */
export interface MarkdownReportWriter {
  /** Title, inputs and the ranked batch summary. */
  begin(): string;
  /** Whether `account` gets a detailed section. */
  isDetailed(account: string): boolean;
  /** The detailed section of one account, or '' when it is not among the riskiest (or was written). */
  account(report: AccountReport): string;
  /** Legend. */
  end(): string;
}

const DEFAULT_DETAILED_ACCOUNTS = 50;

function plural(count: number, noun: string): string {
  return `${formatFixed(count, 0)} ${noun}${count === 1 ? '' : 's'}`;
}

function imageLines(charts: readonly ChartSpecEntry[], kind: ChartKind, ref: Omit<ChartRef, 'kind' | 'index'>, pathOf: MarkdownReportOptions['chartPath']): string[] {
  if (pathOf === undefined) return [];
  return charts
    .filter((c) => c.kind === kind)
    .flatMap((c) => {
      const path = pathOf({ ...ref, kind: c.kind, index: c.index });
      return path === null ? [] : [markdownImage(c.caption, path)];
    });
}

function accountSection(report: AccountReport, rank: number, options: MarkdownReportOptions): string {
  const evaluation = report.evaluation;
  assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
  const view = accountView(evaluation);
  const ref = { account: evaluation.account, rank };
  const charts = options.chartPath === undefined ? [] : accountChartSpecs(report, options.ladderMaxPositions === undefined ? {} : { ladderMaxPositions: options.ladderMaxPositions });
  const images = (kind: ChartKind, index?: number): string[] =>
    imageLines(index === undefined ? charts : charts.filter((c) => c.index === index), kind, ref, options.chartPath);
  const prefix = `Account ${evaluation.account}: `;
  const headline = view.headline.startsWith(prefix) ? view.headline.slice(prefix.length) : view.headline;

  const blocks: string[] = [`## #${rank} ${escapeMarkdown(evaluation.account)}`, `${escapeMarkdown(headline)}.`];
  if (view.warnings.length > 0) blocks.push(view.warnings.map((w) => `> **Warning:** ${escapeMarkdown(w)}`).join('\n>\n'));
  if (report.verdict !== undefined) blocks.push(...verdictSectionMarkdown(report.verdict));
  blocks.push('### Margin modes side by side', markdownTable(view.summary), ...images('modes'));
  blocks.push('### Liquidation ladder', ...images('liquidation-ladder'));
  blocks.push(view.positions.rows.length === 0 ? 'No open positions.' : markdownTable(view.positions));
  if (evaluation.allocation.length > 0) blocks.push('#### Isolated-mode allocation', markdownTable(allocationView(evaluation)));

  if (report.simulation !== undefined) {
    blocks.push('### Monte Carlo', markdownTable(simulationView(report.simulation)), escapeMarkdown(SIMULATION_NOTE), ...images('loss-distribution'));
  }
  const contagion = report.contagion;
  if (contagion !== undefined) {
    blocks.push('### Contagion in cross margin');
    blocks.push(contagion.victims.length === 0 ? 'No victims: cross margin never liquidates a position that would survive isolated.' : markdownTable(victimsView(contagion.victims)));
    blocks.push(contagion.rescues.length === 0 ? 'No rescues: cross margin never saves a position that would be liquidated isolated.' : markdownTable(rescuesView(contagion.rescues)));
    blocks.push(...images('contagion'));
  }
  const joint = report.jointBoundary;
  if (joint !== undefined) {
    const grid = boundaryTextGrid(joint);
    blocks.push('### Joint liquidation boundary');
    blocks.push(
      `Cross pool with ${escapeMarkdown(joint.first.symbol)} (columns, left to right) and ${escapeMarkdown(joint.second.symbol)} ` +
        `(rows, top to bottom) moving together, other marks unchanged: \`${LIQUIDATED_CHAR}\` liquidated, ` +
        `\`${SURVIVES_CHAR}\` survives, \`${CURRENT_CHAR}\` current marks.`,
    );
    blocks.push(grid.length === 0 ? 'The grid is empty.' : ['```text', ...grid, '```'].join('\n'));
    const notes = boundaryNotes(joint);
    if (notes.length > 0) blocks.push(notes.map((line) => `- ${escapeMarkdown(line)}`).join('\n'));
    blocks.push(...images('joint-boundary'));
  }
  const replays = report.replays ?? [];
  if (replays.length > 0) {
    blocks.push('### Historical replays');
    replays.forEach((series, index) => {
      blocks.push(`#### ${escapeMarkdown(series.event)}`, escapeMarkdown(replaySpan(series)), markdownTable(replayView(series)), ...images('replay', index));
    });
    blocks.push(escapeMarkdown(REPLAY_NOTE));
  }
  return `\n${blocks.join('\n\n')}\n`;
}

/** A streaming writer for a batch already ranked by `ranking` (see render-html.ts). */
export function createMarkdownReportWriter(inputs: ReportInputs, ranking: RiskRanking, options: MarkdownReportOptions = {}): MarkdownReportWriter {
  const detailedCount = Math.min(ranking.size, Math.max(0, options.detailedAccounts ?? DEFAULT_DETAILED_ACCOUNTS));
  const summaryRows = Math.min(ranking.size, Math.max(0, options.maxSummaryRows ?? ranking.size));
  const written = new Set<string>();

  function rankIfDetailed(account: string): number | null {
    const rank = ranking.rankOf(account);
    return rank !== null && rank <= detailedCount ? rank : null;
  }

  return {
    begin() {
      const title = inputs.title ?? DEFAULT_REPORT_TITLE;
      const items = inputItems(inputs, { accounts: ranking.size, detailed: detailedCount }).map(
        (item) => `- **${escapeMarkdown(item.label)}:** ${escapeMarkdown(item.value)}`,
      );
      const parts = [
        `# ${escapeMarkdown(title)}`,
        `Maintenance margin and liquidation under the margin modes as exported, all isolated and all cross, on the same capital, for ${plural(ranking.size, 'account')}.`,
        `## Inputs\n\n${items.join('\n')}`,
        '## Accounts ranked by risk',
      ];
      if (ranking.size === 0) {
        parts.push('No accounts with positions in the input.');
        return `${parts.join('\n\n')}\n`;
      }
      const assets = ranking.equityAssets();
      const equityAsset = assets.size === 1 ? [...assets][0]! : null;
      const columns = summaryColumns(equityAsset);
      const ranked = ranking.ranked();
      const rows: string[] = [];
      for (let i = 0; i < summaryRows; i++) rows.push(`| ${summaryRowCells(ranked[i]!, i + 1, equityAsset).map((c) => escapeMarkdown(c.text)).join(' | ')} |`);
      const table = [
        `| ${columns.map((c) => escapeMarkdown(c.flatLabel)).join(' | ')} |`,
        `|${columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
        ...rows,
      ].join('\n');
      parts.push(escapeMarkdown(rankingDescription(ranking.rankBy)), table);
      if (summaryRows < ranking.size) parts.push(`${plural(ranking.size - summaryRows, 'less risky account')} not listed.`);
      if (detailedCount < ranking.size) {
        parts.push(`Detailed sections follow for the ${plural(detailedCount, 'riskiest account')}; the other ${formatFixed(ranking.size - detailedCount, 0)} appear in this table only.`);
      }
      return `${parts.join('\n\n')}\n`;
    },
    isDetailed: (account) => rankIfDetailed(account) !== null && !written.has(account),
    account(report) {
      const account = report.evaluation.account;
      const rank = rankIfDetailed(account);
      if (rank === null || written.has(account)) return '';
      written.add(account);
      return accountSection(report, rank, options);
    },
    end: () => `\n---\n\n${escapeMarkdown(VIEW_LEGEND.join(' '))} Amounts are in the settlement asset named beside them. ${escapeMarkdown(generatedBy(inputs))}\n`,
  };
}

/** The whole Markdown report of a model held in memory, detailed sections riskiest first. */
export function renderMarkdownReport(model: ReportModel, options: MarkdownReportOptions = {}): string {
  const ranking = new RiskRanking(options.rankBy === undefined ? {} : { rankBy: options.rankBy });
  for (const report of model.accounts) ranking.add(report.evaluation);
  const writer = createMarkdownReportWriter(model.inputs, ranking, options);
  const byAccount = new Map(model.accounts.map((report) => [report.evaluation.account, report]));
  const parts = [writer.begin()];
  for (const { summary } of ranking.top(options.detailedAccounts ?? DEFAULT_DETAILED_ACCOUNTS)) {
    const report = byAccount.get(summary.account);
    if (report !== undefined) parts.push(writer.account(report));
  }
  parts.push(writer.end());
  return parts.join('');
}
