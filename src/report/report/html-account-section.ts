// The detailed section of one account in the HTML report: heading with its risk rank, warnings,
// the three modes side by side (table and chart a), the liquidation ladder (chart b) with the
// positions and allocation tables, then whichever of Monte Carlo (c), contagion (d), the joint
// boundary (e) and replays (f) the account's report carries.

import { accountView, type AccountView } from '../evaluate/account-view.js';
import { renderAccountCharts, type AccountChartOptions, type ChartKind, type RenderedChart } from '../charts/account-charts.js';
import { LADDER_AXIS_CAP } from '../charts/liquidation-ladder-chart.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { allocationView } from './allocation-view.js';
import { boundaryNotes } from './boundary-notes.js';
import { rescuesView, victimsView } from './contagion-view.js';
import { escapeHtml } from '../format/html-escape.js';
import { htmlTable } from './html-table.js';
import { chartFigure } from './inline-svg.js';
import type { AccountReport } from './report-model.js';
import { REPLAY_NOTE, replaySpan, replayView } from './replay-view.js';
import { SIMULATION_NOTE, simulationView } from './simulation-view.js';
import { verdictSectionHtml } from './verdict-section.js';
import { allocationStatement } from '../evaluate/allocation-statement.js';

export interface AccountSectionOptions extends AccountChartOptions {
  /** Positions tables with at most this many rows start expanded; default 15. */
  readonly expandPositionsUpTo?: number;
}

const DEFAULT_EXPAND_POSITIONS_UP_TO = 15;

function chartOf(charts: readonly RenderedChart[], kind: ChartKind, index = 0): string {
  const chart = charts.find((c) => c.kind === kind && c.index === index);
  return chart === undefined ? '' : chartFigure(chart.svg, chart.caption, kind);
}

function details(summary: string, body: string, open: boolean): string {
  return `<details${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>${body}</details>`;
}

function modesPart(report: AccountReport, charts: readonly RenderedChart[], view: AccountView): string {
  return (
    `<h3>Margin modes side by side</h3>\n` +
    `<div class="split"><div>${htmlTable(view.summary, { rowHeaders: true })}</div>${chartOf(charts, 'modes')}</div>\n` +
    `<p class="note">Allocation of the ${escapeHtml(allocationStatement(report.evaluation))}.</p>\n`
  );
}

function ladderPart(report: AccountReport, charts: readonly RenderedChart[], view: AccountView, expandUpTo: number): string {
  const parts = [`<h3>Liquidation ladder</h3>`];
  const ladder = chartOf(charts, 'liquidation-ladder');
  parts.push(
    ladder === ''
      ? `<p class="note">No position has a liquidation price in any mode.</p>`
      : `${ladder}<p class="note">Distance = liquidation price / mark − 1, each symbol moving alone. Distances beyond ±${LADDER_AXIS_CAP * 100}% are drawn at the axis edge.</p>`,
  );
  const rows = view.positions.rows.length;
  if (rows === 0) parts.push(`<p class="note">No open positions.</p>`);
  else parts.push(details(`Positions (${rows})`, htmlTable(view.positions), rows <= expandUpTo));
  if (report.evaluation.allocation.length > 0) parts.push(details('Isolated-mode allocation', htmlTable(allocationView(report.evaluation)), false));
  return parts.join('\n');
}

function simulationPart(report: AccountReport, charts: readonly RenderedChart[]): string {
  if (report.simulation === undefined) return '';
  const chart = chartOf(charts, 'loss-distribution');
  const table = htmlTable(simulationView(report.simulation), { rowHeaders: true });
  return `<h3>Monte Carlo</h3>\n<div class="stack">${table}<p class="note">${escapeHtml(SIMULATION_NOTE)}</p>${chart}</div>`;
}

function contagionPart(report: AccountReport, charts: readonly RenderedChart[]): string {
  const contagion = report.contagion;
  if (contagion === undefined) return '';
  const victims =
    contagion.victims.length === 0
      ? `<p class="note">No victims: cross margin never liquidates a position that would survive isolated.</p>`
      : htmlTable(victimsView(contagion.victims));
  const rescues =
    contagion.rescues.length === 0
      ? `<p class="note">No rescues: cross margin never saves a position that would be liquidated isolated.</p>`
      : htmlTable(rescuesView(contagion.rescues));
  const chart = chartOf(charts, 'contagion');
  return `<h3>Contagion in cross margin</h3>\n<div class="split"><div class="stack">${victims}\n${rescues}</div>${chart === '' ? '<div></div>' : chart}</div>`;
}

function boundaryPart(report: AccountReport, charts: readonly RenderedChart[]): string {
  const joint = report.jointBoundary;
  if (joint === undefined) return '';
  const chart = chartOf(charts, 'joint-boundary');
  const lead = `The cross pool is liquidated in the red region: ${joint.first.symbol} and ${joint.second.symbol} moving together, other marks unchanged.`;
  const notes = [lead, ...boundaryNotes(joint)].map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return `<h3>Joint liquidation boundary</h3>\n<div class="split">${chart === '' ? '<p class="note">The grid is empty.</p>' : chart}<div class="note">${notes}</div></div>`;
}

function replaysPart(report: AccountReport, charts: readonly RenderedChart[]): string {
  const replays = report.replays;
  if (replays === undefined || replays.length === 0) return '';
  const blocks = replays.map((series, index) => {
    const table = htmlTable(replayView(series), { rowHeaders: true, caption: `${series.event}: ${replaySpan(series)}` });
    return `<div class="replay">${chartOf(charts, 'replay', index)}${table}</div>`;
  });
  return `<h3>Historical replays</h3>\n<div class="charts">${blocks.join('\n')}</div>\n<p class="note">${escapeHtml(REPLAY_NOTE)}</p>`;
}

/** The section of one account; `anchor` is its element id (the summary table links to it). */
export async function htmlAccountSection(report: AccountReport, rank: number, anchor: string, options: AccountSectionOptions = {}): Promise<string> {
  const evaluation = report.evaluation;
  assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
  const view = accountView(evaluation);
  const charts = await renderAccountCharts(report, { ...options, idPrefix: `${anchor}-` });
  const warnings = view.warnings.map((w) => `<p class="callout"><strong>Warning:</strong> ${escapeHtml(w)}</p>`).join('\n');
  const prefix = `Account ${evaluation.account}: `;
  const headline = view.headline.startsWith(prefix) ? view.headline.slice(prefix.length) : view.headline;
  const parts = [
    `<section class="card account" id="${escapeHtml(anchor)}">`,
    `<div class="account-head"><span class="rank" title="Risk rank">#${rank}</span><h2 class="id">${escapeHtml(evaluation.account)}</h2></div>`,
    `<p class="headline">${escapeHtml(headline)}</p>`,
    warnings,
    report.verdict === undefined ? '' : verdictSectionHtml(report.verdict),
    modesPart(report, charts, view),
    ladderPart(report, charts, view, options.expandPositionsUpTo ?? DEFAULT_EXPAND_POSITIONS_UP_TO),
    simulationPart(report, charts),
    contagionPart(report, charts),
    boundaryPart(report, charts),
    replaysPart(report, charts),
    `</section>\n`,
  ];
  return parts.filter((p) => p !== '').join('\n');
}
