// The CSV rows of `evaluate --shock`, written after an account's own rows. They carry the
// evaluate columns plus these (empty on the rows of the book as it is):
//   scenario                  the scenario's name
//   shockMove, shockedPrice, shockedUnrealizedPnl, shockedMaintenanceMargin, shockLiquidated
//                             per position at the shocked marks (its pool liquidated or not)
//   shockEquity, shockMarginRatio, shockLoss, shockBadDebt
//                             on one row per account, scenario and mode (empty positionId),
//                             in the mode's asset; shockedMaintenanceMargin is the mode's there
// Per-position rows keep the as-is cells (mark, notional, margin…) of the same position and mode,
// so a filter on `scenario` gives either the book as it is or one scenario.

import { MODE_NAMES, type AccountEvaluation } from '../../margin/evaluation.js';
import type { AccountShock } from '../../results/scenario-shock-result.js';
import { csvNumberCell, csvTextCell } from '../format/csv-cell.js';

export const SHOCK_CSV_COLUMNS = [
  'scenario',
  'shockMove',
  'shockedPrice',
  'shockedUnrealizedPnl',
  'shockedMaintenanceMargin',
  'shockLiquidated',
  'shockEquity',
  'shockMarginRatio',
  'shockLoss',
  'shockBadDebt',
] as const;

/** The shock cells of a row of the book as it is: all empty. */
export function emptyShockCells(): string[] {
  return SHOCK_CSV_COLUMNS.map(() => '');
}

/**
 * The rows of every scenario: `baseCells(mode, positionId)` gives the evaluate cells (and any
 * other extra cells) of a position, or of the mode row when positionId is null.
 */
export function shockRows(evaluation: AccountEvaluation, shocks: readonly AccountShock[], baseCells: (mode: string, positionId: string | null) => string[]): string[][] {
  const rows: string[][] = [];
  for (const shock of shocks) {
    const name = csvTextCell(shock.scenario.name);
    for (const mode of MODE_NAMES) {
      const m = shock.modes[mode];
      rows.push([...baseCells(mode, null), name, '', '', '', csvNumberCell(m.maintenanceMargin), String(m.liquidated), csvNumberCell(m.equity), csvNumberCell(m.marginRatio), csvNumberCell(m.loss), csvNumberCell(m.badDebt)]);
      const known = new Set(evaluation.modes[mode].positions.map((p) => p.positionId));
      for (const p of m.positions) {
        if (!known.has(p.positionId)) continue;
        rows.push([
          ...baseCells(mode, p.positionId),
          name,
          csvNumberCell(p.move),
          csvNumberCell(p.shockedPrice),
          csvNumberCell(p.unrealizedPnl),
          csvNumberCell(p.maintenanceMargin),
          String(p.liquidated),
          '',
          '',
          '',
          '',
        ]);
      }
    }
  }
  return rows;
}
