// `--format csv` for evaluate: one row per position per mode, columns named as the contract's
// JSON fields, then the account's `collateralGiven` and the position's tier table
// (`tierSnapshot`: origin and snapshot date, e.g. `bundled 2024-10-24`, `export`, `derived`). RFC 4180 quoting, LF line endings, numbers in full precision, empty for null;
// text cells defused against spreadsheet formula injection (see csv-cell.ts).

import { MODE_NAMES, type AccountEvaluation, type PositionEvaluation } from '../../margin/evaluation.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import type { EvaluateReportWriter } from './evaluate-writer.js';
import { assertAllFinite } from '../format/find-non-finite.js';

/** Header of the evaluate CSV, in column order. */
export const EVALUATE_CSV_COLUMNS = [
  'account',
  'mode',
  'positionId',
  'symbol',
  'side',
  'size',
  'asset',
  'markPrice',
  'notional',
  'margin',
  'unrealizedPnl',
  'maintenanceMargin',
  'liquidationPrice',
  'distanceToLiquidation',
  'marginMode',
  'leverage',
  'venue',
  'instrument',
  'entryPrice',
  'poolId',
  'collateralGiven',
  'tierSnapshot',
] as const;

/** What the rows take from the account beside each position. */
type AccountOfRows = Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>;

/** The position's tier table as `ORIGIN [DATE]`; empty when the evaluation does not say. */
function tierSnapshotCell(account: AccountOfRows, p: PositionEvaluation): string {
  const use = account.tierTables?.find((u) => u.venue === p.venue && u.symbols.includes(p.symbol));
  if (use === undefined) return '';
  return csvTextCell(use.snapshotDate === '' ? use.origin : `${use.origin} ${use.snapshotDate}`);
}

/** One position's cells, in EVALUATE_CSV_COLUMNS order (shared with the extras writer). */
export function positionCsvCells(evaluation: AccountOfRows, mode: string, p: PositionEvaluation): string[] {
  return [
    csvTextCell(evaluation.account),
    csvTextCell(mode),
    csvTextCell(p.positionId),
    csvTextCell(p.symbol),
    csvTextCell(p.side),
    csvNumberCell(p.size),
    csvTextCell(p.asset),
    csvNumberCell(p.markPrice),
    csvNumberCell(p.notional),
    csvNumberCell(p.margin),
    csvNumberCell(p.unrealizedPnl),
    csvNumberCell(p.maintenanceMargin),
    csvNumberCell(p.liquidationPrice),
    csvNumberCell(p.distanceToLiquidation),
    csvTextCell(p.marginMode),
    csvNumberCell(p.leverage),
    csvTextCell(p.venue),
    csvTextCell(p.instrument),
    csvNumberCell(p.entryPrice),
    csvTextCell(p.poolId),
    evaluation.collateralGiven === undefined ? '' : String(evaluation.collateralGiven),
    tierSnapshotCell(evaluation, p),
  ];
}

function positionRow(evaluation: AccountOfRows, mode: string, p: PositionEvaluation): string {
  return csvLine(positionCsvCells(evaluation, mode, p));
}

/** Streams the header, then each account's rows: modes in contract order, positions riskiest first. */
export function createCsvEvaluateWriter(): EvaluateReportWriter {
  return {
    begin(): string {
      return `${csvLine([...EVALUATE_CSV_COLUMNS])}\n`;
    },
    account(evaluation: AccountEvaluation): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const lines: string[] = [];
      for (const mode of MODE_NAMES) {
        for (const p of evaluation.modes[mode].positions) lines.push(positionRow(evaluation, mode, p));
      }
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    end(): string {
      return '';
    },
  };
}
