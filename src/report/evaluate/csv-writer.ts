// `--format csv` for evaluate: one row per position per mode, columns named as the contract's
// JSON fields, then the account's `collateralGiven` and the position's tier table
// (`tierSnapshot`: origin and snapshot date, e.g. `bundled 2024-10-24`, `export`, `derived`), then
// `allocationPolicy`, `maintenanceFloor`, `standing` (the position's isolated-mode allocation, on
// `isolated` rows only) and `verdict` (the account's safer mode, `isolated`, `cross`, `tie` or
// `depends`, on every row of the account). RFC 4180 quoting, LF line endings, numbers in full precision, empty for null;
// text cells defused against spreadsheet formula injection (see csv-cell.ts).
//
// With extras, the same rows (same columns in the same order) with columns added at the end for
// what the options asked for:
//   venueLiquidationPrice   (venue exports)  the venue's own figure, `exported` rows only; `none`
//                                            when the venue says there is none
//   stressPrice, stressMove, stressCrossLiquidated, stressVictims,
//   stressCrossLiquidationPrice, stressCrossMove, stressVictimsAtCrossLiquidation   (--stress)
//                                            the position's stress (see stress-account.ts); ids
//                                            separated by spaces
//   book                    (--what-if, --transfer)  `as-is`, or `what-if` for the rows of the
//                                            changed book, written after the account's own rows
// Without any of these the output is exactly the plain writer's.

import type { AccountStress, StressEntry } from '../../contagion/stress-account.js';
import { MODE_NAMES, type AccountEvaluation, type AllocationEntry, type PositionEvaluation } from '../../margin/evaluation.js';
import { evaluationVerdict } from '../../verdict/evaluation-verdict.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import type { AccountExtras, EvaluateExtrasWriter, EvaluateReportWriter, ExtrasInputs } from './evaluate-document.js';

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
  'allocationPolicy',
  'maintenanceFloor',
  'standing',
  'verdict',
] as const;

/** What the rows take from the account beside each position. */
type AccountOfRows = Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>;

/** The position's tier table as `ORIGIN [DATE]`; empty when the evaluation does not say. */
function tierSnapshotCell(account: AccountOfRows, p: PositionEvaluation): string {
  const use = account.tierTables?.find((u) => u.venue === p.venue && u.symbols.includes(p.symbol));
  if (use === undefined) return '';
  return csvTextCell(use.snapshotDate === '' ? use.origin : `${use.origin} ${use.snapshotDate}`);
}

/** The isolated-mode allocation of each position, by id (looked up once per row). */
function allocationById(allocation: readonly AllocationEntry[]): ReadonlyMap<string, AllocationEntry> {
  return new Map(allocation.map((entry) => [entry.positionId, entry]));
}

/** One position's cells, in EVALUATE_CSV_COLUMNS order; the allocation's on `isolated` rows only. */
function positionCsvCells(evaluation: AccountOfRows, mode: string, p: PositionEvaluation, allocation: ReadonlyMap<string, AllocationEntry>, verdict: string): string[] {
  const entry = mode === 'isolated' ? allocation.get(p.positionId) : undefined;
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
    entry === undefined ? '' : csvTextCell(entry.policy),
    entry === undefined ? '' : csvNumberCell(entry.maintenanceFloor),
    entry === undefined ? '' : String(entry.standing),
    csvTextCell(verdict),
  ];
}

function positionRow(evaluation: AccountOfRows, mode: string, p: PositionEvaluation, allocation: ReadonlyMap<string, AllocationEntry>, verdict: string): string {
  return csvLine(positionCsvCells(evaluation, mode, p, allocation, verdict));
}

/** Streams the header, then each account's rows: modes in contract order, positions riskiest first. */
export function createCsvEvaluateWriter(): EvaluateReportWriter {
  return {
    begin(): string {
      return `${csvLine([...EVALUATE_CSV_COLUMNS])}\n`;
    },
    account(evaluation: AccountEvaluation, stress?: AccountStress): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const lines: string[] = [];
      const verdict = evaluationVerdict(evaluation, stress).safer;
      const allocation = allocationById(evaluation.allocation);
      for (const mode of MODE_NAMES) {
        for (const p of evaluation.modes[mode].positions) lines.push(positionRow(evaluation, mode, p, allocation, verdict));
      }
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    end(): string {
      return '';
    },
  };
}

const VENUE_COLUMNS = ['venueLiquidationPrice'] as const;
const STRESS_COLUMNS = [
  'stressPrice',
  'stressMove',
  'stressCrossLiquidated',
  'stressVictims',
  'stressCrossLiquidationPrice',
  'stressCrossMove',
  'stressVictimsAtCrossLiquidation',
] as const;
const BOOK_COLUMNS = ['book'] as const;

function stressCells(entry: StressEntry | undefined): string[] {
  if (entry === undefined) return STRESS_COLUMNS.map(() => '');
  const ids = (entries: readonly { positionId: string }[]): string => csvTextCell(entries.map((e) => e.positionId).join(' '));
  return [
    csvNumberCell(entry.price),
    csvNumberCell(entry.move),
    entry.price === null ? '' : String(entry.crossLiquidated),
    ids(entry.victims),
    csvNumberCell(entry.crossLiquidationPrice),
    csvNumberCell(entry.crossMove),
    ids(entry.victimsAtCrossLiquidation),
  ];
}

/** Which groups of extra columns are written (fixed at `begin`, from the options). */
interface ExtraColumns {
  readonly venue: boolean;
  readonly stress: boolean;
  readonly book: boolean;
}

function extendedRows(evaluation: AccountEvaluation, extras: AccountExtras, columns: ExtraColumns, book: 'as-is' | 'what-if', stress: AccountStress | undefined): string[] {
  assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
  const stressById = new Map((stress?.stress ?? []).map((entry) => [entry.shockedPositionId, entry]));
  const lines: string[] = [];
  const verdict = evaluationVerdict(evaluation, stress).safer;
  const allocation = allocationById(evaluation.allocation);
  for (const mode of MODE_NAMES) {
    for (const p of evaluation.modes[mode].positions) {
      const cells = positionCsvCells(evaluation, mode, p, allocation, verdict);
      if (columns.venue) {
        const venue = mode === 'exported' && book === 'as-is' ? (extras.venueLiquidationPrices?.get(p.positionId) ?? null) : null;
        cells.push(venue === 'none' ? 'none' : csvNumberCell(venue));
      }
      if (columns.stress) cells.push(...stressCells(stressById.get(p.positionId)));
      if (columns.book) cells.push(book);
      lines.push(csvLine(cells));
    }
  }
  return lines;
}

/** The plain CSV writer when no extra column applies; else its rows with the extra columns. */
export function createCsvExtrasWriter(): EvaluateExtrasWriter {
  const plain = createCsvEvaluateWriter();
  let columns: ExtraColumns = { venue: false, stress: false, book: false };
  const extended = (): boolean => columns.venue || columns.stress || columns.book;
  return {
    begin(inputs, extras: ExtrasInputs): string {
      columns = { venue: extras.venueReported, stress: extras.stress, book: extras.changes };
      if (!extended()) return plain.begin(inputs);
      const header = [
        ...EVALUATE_CSV_COLUMNS,
        ...(columns.venue ? VENUE_COLUMNS : []),
        ...(columns.stress ? STRESS_COLUMNS : []),
        ...(columns.book ? BOOK_COLUMNS : []),
      ];
      return `${csvLine(header)}\n`;
    },
    account(evaluation, extras): string {
      if (!extended()) return plain.account(evaluation, extras.stress);
      const lines = extendedRows(evaluation, extras, columns, 'as-is', extras.stress);
      const after = extras.whatIf?.comparison.after;
      if (after !== undefined && after !== null) lines.push(...extendedRows(after, extras, columns, 'what-if', undefined));
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    end: (summary) => plain.end(summary),
  };
}
