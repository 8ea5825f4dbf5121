// The batch summary table as formatted cells, shared by the HTML and Markdown reports: one row
// per account, riskiest first, with equity, the margin ratio and the uniform move to liquidation
// in every mode, and which modes are liquidatable at the current marks.

import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import { DANGER_DISTANCE, WARNING_DISTANCE } from '../evaluate/account-view.js';
import { uniformMoveText } from '../format/move-text.js';
import type { Alignment, Tone, ViewCell } from '../format/table-view.js';
import { MISSING_VALUE, formatMoney, formatPercent } from '../format/number-format.js';
import type { AccountRiskSummary, ModeRisk } from './account-risk-summary.js';

/** A column of the summary; `group` spans several columns in renderers that can (HTML). */
export interface SummaryColumn {
  readonly group: string | null;
  readonly label: string;
  /** Label that stands alone, for renderers without grouped headers (Markdown). */
  readonly flatLabel: string;
  readonly align: Alignment;
}

/** Group titles of the per-mode columns. */
const MARGIN_RATIO_GROUP = 'Margin ratio (maintenance / equity)';
const UNIFORM_MOVE_GROUP = 'All marks move to liquidation (down / up)';

/** One sentence saying how the accounts are ranked (see `compareRisk`). */
export function rankingDescription(rankBy: ModeName): string {
  return (
    `Riskiest first: liquidatable now, then the smallest uniform move of all marks that liquidates any pool, ` +
    `then the highest margin ratio, all in the ${rankBy} mode` +
    (rankBy === 'exported' ? ' (the book as it is held).' : '.')
  );
}

/** A margin ratio at or above this is shown as a warning (as in the account tables). */
const WARNING_MARGIN_RATIO = 0.5;

/**
 * Columns of the summary. `equityAsset` is the asset every account's equity is in, named in the
 * header; null when accounts differ, and each cell then names its asset.
 */
export function summaryColumns(equityAsset: string | null): SummaryColumn[] {
  const single = (label: string, align: Alignment): SummaryColumn => ({ group: null, label, flatLabel: label, align });
  return [
    single('Rank', 'right'),
    single('Account', 'left'),
    single('Positions', 'right'),
    single(equityAsset === null ? 'Equity as held' : `Equity as held (${equityAsset})`, 'right'),
    ...MODE_NAMES.map((mode) => ({ group: MARGIN_RATIO_GROUP, label: mode, flatLabel: `Margin ratio ${mode}`, align: 'right' as const })),
    ...MODE_NAMES.map((mode) => ({ group: UNIFORM_MOVE_GROUP, label: mode, flatLabel: `Move to liq. ${mode} (down / up)`, align: 'right' as const })),
    single('Liquidatable now', 'left'),
  ];
}

function cell(text: string, tone: Tone = 'plain'): ViewCell {
  return { text, tone };
}

function ratioCell(risk: ModeRisk): ViewCell {
  if (risk.marginRatio === null) return cell(MISSING_VALUE, risk.maintenanceMargin > 0 ? 'danger' : 'plain');
  const tone: Tone = risk.liquidatable || risk.marginRatio >= 1 ? 'danger' : risk.marginRatio >= WARNING_MARGIN_RATIO ? 'warning' : 'plain';
  return cell(formatPercent(risk.marginRatio), tone);
}

function moveTone(move: number): Tone {
  return move < DANGER_DISTANCE ? 'danger' : move < WARNING_DISTANCE ? 'warning' : 'plain';
}

/** A signed move as a percentage, capped as in every text view (`>+1,000%`). */
function moveText(move: number | null, direction: -1 | 1): string {
  return move === null ? MISSING_VALUE : uniformMoveText(move, direction);
}

function moveCell(risk: ModeRisk): ViewCell {
  if (risk.liquidatable) return cell('now', 'danger');
  if (risk.moveDown === null && risk.moveUp === null) return cell(MISSING_VALUE);
  const down = moveText(risk.moveDown, -1);
  const up = moveText(risk.moveUp, 1);
  return cell(`${down} / ${up}`, moveTone(Math.min(risk.moveDown ?? Infinity, risk.moveUp ?? Infinity)));
}

/** The cells of one summary row, in `summaryColumns` order. */
export function summaryRowCells(summary: AccountRiskSummary, rank: number, equityAsset: string | null): ViewCell[] {
  const equity = formatMoney(summary.equity, summary.asset);
  const liquidatable = MODE_NAMES.filter((mode) => summary.modes[mode].liquidatable);
  return [
    cell(String(rank)),
    cell(summary.account),
    cell(String(summary.positionCount)),
    cell(equityAsset === null ? `${equity} ${summary.asset}` : equity, summary.equity <= 0 ? 'danger' : 'plain'),
    ...MODE_NAMES.map((mode) => ratioCell(summary.modes[mode])),
    ...MODE_NAMES.map((mode) => moveCell(summary.modes[mode])),
    liquidatable.length === 0 ? cell('no') : cell(liquidatable.join(', '), 'danger'),
  ];
}
