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
//   stressCrossLiquidationPrice, stressCrossMove, stressVictimsAtCrossLiquidation,
//   stressVictimCount, stressVictimsAtCrossLiquidationCount   (--stress)
//                                            the position's stress (see stress-account.ts); ids
//                                            separated by spaces, the listed ones (at most 20,
//                                            stress-listing.ts), then how many there are
//   book                    (--what-if, --transfer)  `as-is`, or `what-if` for the rows of the
//                                            changed book, written after the account's own rows
//   scenario, shock…        (--shock, --shock-file)  rows of each scenario after the account's
//                                            own rows (shock-csv.ts)
// Without any of these the output is exactly the plain writer's.

import type { AccountStress, StressEntry } from '../../contagion/stress-account.js';
import { MODE_NAMES, type AccountEvaluation, type AllocationEntry, type PositionEvaluation } from '../../margin/evaluation.js';
import { evaluationVerdict } from '../../verdict/evaluation-verdict.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { allFiniteBeside, assertAllFinite } from '../format/find-non-finite.js';
import { Utf8TextBuffer } from '../format/utf8-text-buffer.js';
import { csvMargins } from './csv-margin-shares.js';
import { accountRowsInto, allocationById, type AccountOfRows } from './csv-position-rows.js';
import { tierSnapshotCell } from './csv-tier-cells.js';
import { poolNumbersFinite } from './finite-pool-numbers.js';
import type { AccountExtras, EvaluateExtrasWriter, EvaluateReportWriter, ExtrasInputs } from './evaluate-document.js';
import { emptyShockCells, SHOCK_CSV_COLUMNS, shockRows } from './shock-csv.js';

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
  'poolCollateral',
] as const;

/** One position's cells, in EVALUATE_CSV_COLUMNS order; `margin` its share (csvMargins); the allocation's on `isolated` rows only. */
export function positionCsvCells(evaluation: AccountOfRows, mode: string, p: PositionEvaluation, margin: number, allocation: ReadonlyMap<string, AllocationEntry>, verdict: string): string[] {
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
    csvNumberCell(margin),
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
    csvNumberCell(p.margin),
  ];
}

/** The plain CSV writer, which can also append an account's rows straight to a UTF-8 buffer. */
export interface CsvEvaluateWriter extends EvaluateReportWriter {
  /** Appends the bytes of `account(evaluation, stress)` to `out`. */
  accountInto(out: Utf8TextBuffer, evaluation: AccountEvaluation, stress?: AccountStress): void;
}

const DECODER = new TextDecoder();

/** The parts of a mode the CSV rows' guard does not walk generically. */
const BESIDE_POSITIONS_AND_POOLS: readonly string[] = ['positions', 'pools'];

/** Streams the header, then each account's rows: modes in contract order, positions riskiest first. */
export function createCsvEvaluateWriter(): CsvEvaluateWriter {
  const accountInto = (out: Utf8TextBuffer, evaluation: AccountEvaluation, stress?: AccountStress): void => {
    // The report's guard (find-non-finite.ts) in one pass: every number of a position is written
    // in its row, where a non-finite one is refused, and the pools' are checked field by field
    // (finite-pool-numbers.ts), so only the rest of each mode is walked here. Either way the
    // error is assertAllFinite's, naming the first such number.
    if (!allFiniteBeside(evaluation.modes, BESIDE_POSITIONS_AND_POOLS) || !MODE_NAMES.every((mode) => poolNumbersFinite(evaluation.modes[mode].pools))) {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
    }
    const verdict = evaluationVerdict(evaluation, stress).safer;
    // A row too long for the rows' text area (megabytes of text cells): its cells joined.
    const rowText = (modeIndex: number, p: PositionEvaluation, margin: number): string =>
      `${csvLine(positionCsvCells(evaluation, MODE_NAMES[modeIndex]!, p, margin, allocationById(evaluation.allocation), verdict))}\n`;
    try {
      accountRowsInto(out, evaluation, verdict, rowText);
    } catch (error) {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      throw error;
    }
  };
  return {
    begin(): string {
      return `${csvLine([...EVALUATE_CSV_COLUMNS])}\n`;
    },
    account(evaluation: AccountEvaluation, stress?: AccountStress): string {
      const out = new Utf8TextBuffer(3 * 300 * evaluation.modes.exported.positions.length);
      accountInto(out, evaluation, stress);
      return DECODER.decode(out.view());
    },
    accountInto,
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
  'stressVictimCount',
  'stressVictimsAtCrossLiquidationCount',
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
    entry.price === null ? '' : String(entry.victimCount),
    entry.crossLiquidationPrice === null ? '' : String(entry.victimsAtCrossLiquidationCount),
  ];
}

/** Which groups of extra columns are written (fixed at `begin`, from the options). */
interface ExtraColumns {
  readonly venue: boolean;
  readonly stress: boolean;
  readonly book: boolean;
  readonly shocks: boolean;
}

function extendedRows(evaluation: AccountEvaluation, extras: AccountExtras, columns: ExtraColumns, book: 'as-is' | 'what-if', stress: AccountStress | undefined): string[] {
  assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
  const stressById = new Map((stress?.stress ?? []).map((entry) => [entry.shockedPositionId, entry]));
  const lines: string[] = [];
  const verdict = evaluationVerdict(evaluation, stress).safer;
  const allocation = allocationById(evaluation.allocation);
  for (const mode of MODE_NAMES) {
    const margins = csvMargins(evaluation.modes[mode]);
    for (const p of evaluation.modes[mode].positions) {
      const cells = positionCsvCells(evaluation, mode, p, margins.get(p.positionId)!, allocation, verdict);
      if (columns.venue) {
        const venue = mode === 'exported' && book === 'as-is' ? (extras.venueLiquidationPrices?.get(p.positionId) ?? null) : null;
        cells.push(venue === 'none' ? 'none' : csvNumberCell(venue));
      }
      if (columns.stress) cells.push(...stressCells(stressById.get(p.positionId)));
      if (columns.book) cells.push(book);
      if (columns.shocks) cells.push(...emptyShockCells());
      lines.push(csvLine(cells));
    }
  }
  return lines;
}

/** The rows of each scenario shock of an account (the book as it is, shocked). */
function extendedShockRows(evaluation: AccountEvaluation, extras: AccountExtras, columns: ExtraColumns): string[] {
  if (extras.shocks === undefined) return [];
  const verdict = evaluationVerdict(evaluation, extras.stress).safer;
  const allocation = allocationById(evaluation.allocation);
  // Looked up once per mode, so the rows cost grows linearly with the positions.
  const byMode = new Map(
    MODE_NAMES.map((mode) => [mode as string, { positions: new Map(evaluation.modes[mode].positions.map((p) => [p.positionId, p])), margins: csvMargins(evaluation.modes[mode]) }]),
  );
  const base = (mode: string, positionId: string | null): string[] => {
    const m = evaluation.modes[mode as keyof AccountEvaluation['modes']];
    const lookup = byMode.get(mode)!;
    const p = positionId === null ? undefined : lookup.positions.get(positionId);
    const cells =
      p === undefined
        ? EVALUATE_CSV_COLUMNS.map((c) => (c === 'account' ? csvTextCell(evaluation.account) : c === 'mode' ? csvTextCell(mode) : c === 'asset' ? csvTextCell(m.asset) : ''))
        : positionCsvCells(evaluation, mode, p, lookup.margins.get(p.positionId)!, allocation, verdict);
    // The venue's figure and the stress belong to the book as it is: empty on shocked rows.
    if (columns.venue) cells.push('');
    if (columns.stress) cells.push(...stressCells(undefined));
    if (columns.book) cells.push('as-is');
    return cells;
  };
  return shockRows(evaluation, extras.shocks, base).map(csvLine);
}

/** The plain CSV writer when no extra column applies; else its rows with the extra columns. */
export function createCsvExtrasWriter(): EvaluateExtrasWriter {
  const plain = createCsvEvaluateWriter();
  let columns: ExtraColumns = { venue: false, stress: false, book: false, shocks: false };
  const extended = (): boolean => columns.venue || columns.stress || columns.book || columns.shocks;
  return {
    begin(inputs, extras: ExtrasInputs): string {
      columns = { venue: extras.venueReported, stress: extras.stress, book: extras.changes, shocks: (extras.shocks?.length ?? 0) > 0 };
      if (!extended()) return plain.begin(inputs);
      const header = [
        ...EVALUATE_CSV_COLUMNS,
        ...(columns.venue ? VENUE_COLUMNS : []),
        ...(columns.stress ? STRESS_COLUMNS : []),
        ...(columns.book ? BOOK_COLUMNS : []),
        ...(columns.shocks ? SHOCK_CSV_COLUMNS : []),
      ];
      return `${csvLine(header)}\n`;
    },
    account(evaluation, extras): string {
      if (!extended()) return plain.account(evaluation, extras.stress);
      return extendedAccount(evaluation, extras, columns);
    },
    accountInto(out, evaluation, extras): void {
      if (!extended()) plain.accountInto(out, evaluation, extras.stress);
      else out.text(extendedAccount(evaluation, extras, columns));
    },
    end: (summary) => plain.end(summary),
  };
}

/** An account's rows with the extra columns (createCsvExtrasWriter's). */
function extendedAccount(evaluation: AccountEvaluation, extras: AccountExtras, columns: ExtraColumns): string {
  const lines = extendedRows(evaluation, extras, columns, 'as-is', extras.stress);
  lines.push(...extendedShockRows(evaluation, extras, columns));
  const after = extras.whatIf?.comparison.after;
  if (after !== undefined && after !== null) lines.push(...extendedRows(after, extras, columns, 'what-if', undefined));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
