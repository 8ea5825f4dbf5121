// `report --format csv`: one row per account, for a spreadsheet or a script over a large batch —
// equity, margin ratio, the uniform move of all marks to liquidation (down and up) and whether it
// is liquidatable now, in each margin mode, plus the Monte Carlo liquidation probability per mode
// where the account was simulated (empty otherwise). Rows in file order; RFC 4180, LF, numbers in
// full precision, empty for null, text defused against formula injection (csv-cell.ts).

import type { ModeShockOutcome } from '../../kernel/outcomes.js';
import { MODE_NAMES, type AccountEvaluation, type ModeName } from '../../margin/evaluation.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';

type PerModeColumn = 'equity' | 'marginRatio' | 'moveDown' | 'moveUp' | 'liquidatable' | 'liquidationProbability';

const PER_MODE_COLUMNS: readonly PerModeColumn[] = ['equity', 'marginRatio', 'moveDown', 'moveUp', 'liquidatable', 'liquidationProbability'];

function capitalized(mode: ModeName): string {
  return mode.charAt(0).toUpperCase() + mode.slice(1);
}

/** Header: `account, positions, asset`, then each measure for exported, isolated, cross (`equityExported`, …). */
const ACCOUNT_SUMMARY_CSV_COLUMNS: readonly string[] = [
  'account',
  'positions',
  'asset',
  ...PER_MODE_COLUMNS.flatMap((column) => MODE_NAMES.map((mode) => `${column}${capitalized(mode)}`)),
];

/** The header line. */
export function accountSummaryCsvHeader(): string {
  return `${csvLine([...ACCOUNT_SUMMARY_CSV_COLUMNS])}\n`;
}

/**
 * One account's line; `simulated`: its Monte Carlo result per mode, or null when not simulated.
 * A non-finite number (a bug upstream) throws in `csvNumberCell` rather than being written.
 */
export function accountSummaryCsvRow(evaluation: AccountEvaluation, simulated: Readonly<Record<ModeName, ModeShockOutcome>> | null): string {
  const ids = new Set<string>();
  for (const mode of MODE_NAMES) for (const p of evaluation.modes[mode].positions) ids.add(p.positionId);
  const cell = (column: PerModeColumn, mode: ModeName): string => {
    const m = evaluation.modes[mode];
    switch (column) {
      case 'equity':
        return csvNumberCell(m.equity);
      case 'marginRatio':
        return csvNumberCell(m.marginRatio);
      case 'moveDown':
        return csvNumberCell(m.liquidatable ? 0 : m.uniformMoveToLiquidation.down);
      case 'moveUp':
        return csvNumberCell(m.liquidatable ? 0 : m.uniformMoveToLiquidation.up);
      case 'liquidatable':
        return String(m.liquidatable);
      case 'liquidationProbability':
        return csvNumberCell(simulated === null ? null : simulated[mode].liquidationProbability);
    }
  };
  const cells = [csvTextCell(evaluation.account), String(ids.size), csvTextCell(evaluation.modes.exported.asset)];
  for (const column of PER_MODE_COLUMNS) for (const mode of MODE_NAMES) cells.push(cell(column, mode));
  return `${csvLine(cells)}\n`;
}
