// tiers.csv → a TierBook overriding or extending the venue profiles' bundled tables (contract
// §1): one row per bracket, `symbol,notional_floor,notional_cap,maintenance_margin_rate,
// maintenance_amount,max_leverage`, optional `initial_margin_rate`, `liquidation_fee_rate` and
// `venue` (rows without it belong to the default venue). Bounds are settlement-asset notional
// (the Binance bracket convention), so every table read here has measure `notional`; an empty
// `notional_cap` means unbounded. Rows may come in any order; each symbol's rows are sorted by
// floor and the table is checked with `tierTableProblems`, each problem reported on the row it
// concerns. A symbol with any problem gets no table.
//
// | column | aliases |
// |---|---|
// | notional_floor | floor, min_notional |
// | notional_cap | cap, max_notional, risk_limit |
// | maintenance_margin_rate | mmr, maint_margin_ratio (Binance `maintMarginRatio`), maintenance_rate |
// | maintenance_amount | cum (Binance), deduction (Bybit), maintenance_deduction |
// | max_leverage | max_lev, initial_leverage (Binance `initialLeverage`) |
// | initial_margin_rate | imr |
// | liquidation_fee_rate | liq_fee_rate, clearance_fee_rate, taker_fee_rate (Bybit: the taker rate of the fee to close) |
// | venue | exchange, profile |

import { decimalProblem, parseDecimalCell } from '../csv/decimal-field.js';
import type { Issue, IssueCode } from '../domain/issue.js';
import type { Tier, TierTable } from '../domain/tier.js';
import { VENUE_NAMES, type VenueName } from '../domain/venue-name.js';
import type { TierBook } from '../venues/tier-book.js';
import { tierTableProblems } from '../venues/validate-tier-table.js';
import type { CsvReadOptions } from './csv-read-options.js';
import type { ColumnIndex, ColumnSpec } from './header-columns.js';
import { identifierProblem } from './identifier-field.js';
import { IssueLog } from './issue-log.js';
import { readCsvTable, type CsvTableRowHandler } from './read-csv-table.js';
import { venueFromCell, venueTierKey } from './venue-facts.js';

type TierColumn =
  | 'symbol'
  | 'notional_floor'
  | 'notional_cap'
  | 'maintenance_margin_rate'
  | 'maintenance_amount'
  | 'max_leverage'
  | 'initial_margin_rate'
  | 'liquidation_fee_rate'
  | 'venue';

export const TIER_COLUMNS: readonly ColumnSpec<TierColumn>[] = [
  { name: 'symbol', aliases: ['ticker', 'market', 'pair', 'coin'], required: true },
  { name: 'notional_floor', aliases: ['floor', 'min_notional'], required: true },
  { name: 'notional_cap', aliases: ['cap', 'max_notional', 'risk_limit'], required: true },
  { name: 'maintenance_margin_rate', aliases: ['mmr', 'maint_margin_ratio', 'maintenance_rate'], required: true },
  { name: 'maintenance_amount', aliases: ['cum', 'deduction', 'maintenance_deduction'], required: true },
  { name: 'max_leverage', aliases: ['max_lev', 'initial_leverage'], required: true },
  { name: 'initial_margin_rate', aliases: ['imr'], required: false },
  { name: 'liquidation_fee_rate', aliases: ['liq_fee_rate', 'clearance_fee_rate', 'taker_fee_rate'], required: false },
  { name: 'venue', aliases: ['exchange', 'profile'], required: false },
];

interface TierRow {
  readonly tier: Tier;
  readonly line: number;
}

interface TableRows {
  readonly venue: VenueName;
  readonly key: string;
  readonly rows: TierRow[];
  failed: boolean;
}

/** Column a tierTableProblems message is about, from its wording. */
function problemColumn(problem: string): TierColumn | '' {
  if (problem.includes('maintenance amount')) return 'maintenance_amount';
  if (problem.includes('maintenance rate')) return 'maintenance_margin_rate';
  if (problem.includes('max leverage')) return 'max_leverage';
  if (problem.includes('does not meet previous cap') || problem.includes('first tier starts')) return 'notional_floor';
  if (problem.includes('cap')) return 'notional_cap';
  return '';
}

class TierRows implements CsvTableRowHandler<TierColumn> {
  /** `venue\0key` → the rows of that table, in file order of first appearance. */
  readonly tables = new Map<string, TableRows>();
  #line = 0;
  #problems = 0;

  constructor(
    readonly fileLabel: string,
    readonly defaultVenue: VenueName,
    readonly log: IssueLog,
  ) {}

  row(fields: readonly string[], ix: ColumnIndex<TierColumn>, line: number): void {
    this.#line = line;
    this.#problems = 0;
    let venue: VenueName | undefined = this.defaultVenue;
    if (ix.venue >= 0 && fields[ix.venue]!.trim().length > 0) {
      venue = venueFromCell(fields[ix.venue]!);
      if (venue === undefined) this.#problem('unknown-venue', 'venue', `unknown venue profile; use one of ${VENUE_NAMES.join(', ')}`, fields[ix.venue]!);
    }
    const symbolCell = fields[ix.symbol]!;
    const symbol = symbolCell.trim();
    let symbolOk = symbol.length > 0;
    if (!symbolOk) this.#problem('missing-value', 'symbol', 'required value is empty');
    else {
      const problem = identifierProblem(symbol);
      if (problem !== null) {
        this.#problem('unsupported', 'symbol', `symbol ${problem}`, symbolCell);
        symbolOk = false;
      }
    }
    const floor = this.#number(fields, ix.notional_floor, 'notional_floor', true);
    const capCell = fields[ix.notional_cap]!;
    let cap = Infinity;
    if (capCell.trim().length > 0) {
      cap = parseDecimalCell(capCell);
      if (cap !== cap) {
        const problem = decimalProblem(capCell);
        const hint = problem.code === 'not-finite' ? '; leave notional_cap empty for an unbounded last tier' : '';
        this.#problem(problem.code, 'notional_cap', problem.message + hint, capCell);
      } else if (cap <= 0) {
        this.#problem('not-positive', 'notional_cap', 'must be greater than zero (empty: unbounded)', capCell);
      }
    }
    const rate = this.#number(fields, ix.maintenance_margin_rate, 'maintenance_margin_rate', true);
    const amount = this.#number(fields, ix.maintenance_amount, 'maintenance_amount', true);
    const maxLeverage = this.#number(fields, ix.max_leverage, 'max_leverage', true);
    const initialRate = this.#number(fields, ix.initial_margin_rate, 'initial_margin_rate', false);
    const feeRate = this.#number(fields, ix.liquidation_fee_rate, 'liquidation_fee_rate', false);
    if (maxLeverage === 0) this.#problem('not-positive', 'max_leverage', 'must be greater than zero', fields[ix.max_leverage]!);

    if (venue === undefined || !symbolOk) return;
    const key = venueTierKey(venue, symbol);
    const mapKey = `${venue}\u0000${key}`;
    let table = this.tables.get(mapKey);
    if (table === undefined) {
      table = { venue, key, rows: [], failed: false };
      this.tables.set(mapKey, table);
    }
    if (this.#problems > 0) {
      table.failed = true;
      return;
    }
    table.rows.push({
      line,
      tier: {
        floor: floor!,
        cap,
        maintenanceMarginRate: rate!,
        maintenanceAmount: amount!,
        maxLeverage: maxLeverage!,
        initialMarginRate: initialRate,
        liquidationFeeRate: feeRate,
      },
    });
  }

  /** A finite number >= 0 in column `k` (null when the column is absent or, if optional, empty). */
  #number(fields: readonly string[], k: number, column: TierColumn, required: boolean): number | null {
    if (k < 0) return null;
    const cell = fields[k]!;
    if (!required && cell.trim().length === 0) return null;
    const value = parseDecimalCell(cell);
    if (value !== value) {
      const problem = decimalProblem(cell);
      if (problem.code === 'missing-value') this.#problem('missing-value', column, 'required value is empty');
      else this.#problem(problem.code, column, problem.message, cell);
      return null;
    }
    if (value < 0) {
      this.#problem('negative', column, 'must not be negative', cell);
      return null;
    }
    return value;
  }

  #problem(code: IssueCode, column: TierColumn, message: string, value?: string): void {
    this.#problems++;
    const issue: Issue = { code, file: this.fileLabel, line: this.#line, column, message };
    this.log.add(value === undefined ? issue : { ...issue, value });
  }

  /** Sorted, validated tables; problems of a table reported on the row they concern. */
  book(): TierBook {
    const book = new Map<VenueName, Map<string, TierTable>>();
    for (const table of this.tables.values()) {
      if (table.failed) continue;
      const rows = [...table.rows].sort((a, b) => a.tier.floor - b.tier.floor);
      const tierTable: TierTable = {
        symbol: table.key,
        measure: 'notional',
        tiers: rows.map((r) => r.tier),
        source: this.fileLabel,
        snapshotDate: '',
      };
      const problems = tierTableProblems(tierTable);
      for (const problem of problems) {
        const tierNumber = /tier (\d+)/.exec(problem);
        const row = rows[tierNumber === null ? 0 : Number(tierNumber[1]) - 1] ?? rows[0]!;
        this.log.add({
          code: 'inconsistent',
          file: this.fileLabel,
          line: row.line,
          column: problemColumn(problem),
          message: `${problem} (venue ${table.venue})`,
        });
      }
      if (problems.length > 0) continue;
      const target = book.get(table.venue) ?? new Map<string, TierTable>();
      target.set(table.key, tierTable);
      book.set(table.venue, target);
    }
    return book;
  }
}

/**
 * The tier tables of a tiers CSV, keyed by venue and the venue's tier key for each symbol
 * (`venueProfile(venue).tierKey(symbol)`), with one issue per problem. Tables with problems are
 * left out of the book.
 */
export async function readTiersCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  fileLabel: string,
  options: CsvReadOptions & { defaultVenue: VenueName },
): Promise<{ book: TierBook; issues: Issue[] }> {
  const issues: Issue[] = [];
  const log = new IssueLog(issues, options.maxIssues);
  const rows = new TierRows(fileLabel, options.defaultVenue, log);
  const complete = await readCsvTable(chunks, fileLabel, options, TIER_COLUMNS, rows, log);
  const book = complete ? rows.book() : new Map<VenueName, Map<string, TierTable>>();
  log.close(fileLabel);
  return { book, issues };
}
