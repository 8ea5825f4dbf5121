// One positions.csv row → a validated Position, or the row's issues (one per problem, every
// column checked, each naming the canonical column and echoing the cell). Hot path: cells are
// read in place from the CsvRow by index; the usual spellings (`long`, `cross`, the last account
// and venue) are recognised by comparing characters, numbers are read without building a string
// (see parsePlainDecimalAt), symbols map to their assets through a cache (position-symbols.ts),
// and a good row allocates only its symbol string, its id and its Position. Anything unusual
// takes the slow, string-based path (position-cell-words.ts), which decides the same way.
// Whether the id was used before in the file is left to the caller (pending-position-rows.ts),
// which checks a batch of rows at once: the row's id is handed over in `rowIdHead`/`rowIdTail`.

import type { CsvRow } from '../csv/csv-row.js';
import type { InstrumentKind, MarginMode, Position, Side } from '../domain/position.js';
import { AMOUNT_RANGE, inRange, LEVERAGE_RANGE, outOfRangeMessage, PRICE_RANGE, SIZE_RANGE, type InputRange } from '../domain/input-ranges.js';
import { VENUE_NAMES, type VenueName } from '../domain/venue-name.js';
import { detachedString } from './detached-string.js';
import type { ColumnIndex } from './header-columns.js';
import type { Issue } from '../domain/issue.js';
import { identifierProblem } from './identifier-field.js';
import type { PositionColumn } from './position-columns.js';
import { instrumentOfCell, marginModeOfCell, sideCode } from './position-cell-words.js';
import { PositionRowIssues } from './position-row-issues.js';
import { PositionSymbols, type SymbolEntry, type VenueRowFacts } from './position-symbols.js';
import { venueDefaultContractSize, venueFromCell } from './venue-facts.js';

/** Account of rows without an `account` column or with an empty cell (contract §1). */
export const DEFAULT_ACCOUNT = 'main';

/**
 * Parses the rows of one positions file. Keeps what spans rows: the per-venue facts and symbol
 * caches, and the last account and venue cell seen (rows of one account usually follow each
 * other, so they share one account string).
 */
export class PositionRowParser {
  readonly #index: ColumnIndex<PositionColumn>;
  readonly #width: number;
  readonly #file: string;
  readonly #defaultFacts: VenueRowFacts;
  readonly #issues: PositionRowIssues;
  readonly #symbols: PositionSymbols;
  #lastAccount = DEFAULT_ACCOUNT;
  #lastVenueCell = '';
  #lastVenueFacts: VenueRowFacts;

  /** Account of the last parsed row, or undefined when it could not be read. */
  rowAccount: string | undefined;
  /**
   * Position id of the last parsed row in two pieces, head + tail: an explicit id and '', or the
   * account and `:symbol:side` (the default id); head '' when the row has no valid id. It must
   * be unique in the file: that check is the caller's, and its issue comes after the row's others.
   */
  rowIdHead = '';
  rowIdTail = '';

  constructor(
    index: ColumnIndex<PositionColumn>,
    headerWidth: number,
    fileLabel: string,
    defaultVenue: VenueName,
    knowsSymbol?: (venue: VenueName, symbol: string) => boolean,
  ) {
    this.#index = index;
    this.#width = headerWidth;
    this.#file = fileLabel;
    this.#issues = new PositionRowIssues(fileLabel);
    this.#symbols = new PositionSymbols(knowsSymbol);
    this.#defaultFacts = this.#symbols.factsOf(defaultVenue);
    this.#lastVenueFacts = this.#defaultFacts;
  }

  /** Column index of `mark_price` (for the caller's mark-consistency message). */
  get markColumn(): number {
    return this.#index.mark_price;
  }

  /** The account of a row known only by its leading fields (undefined when they do not tell). */
  accountOfFields(fields: readonly string[]): string | undefined {
    const k = this.#index.account;
    if (k < 0) return DEFAULT_ACCOUNT;
    const cell = fields[k];
    if (cell === undefined) return undefined;
    const text = cell.trim();
    if (text.length === 0) return DEFAULT_ACCOUNT;
    return identifierProblem(text) === null ? detachedString(text) : undefined;
  }

  /**
   * The Position of `row` (a data row starting on physical `line`), or null when any cell is
   * wrong; then every problem is in `takeRowIssues()`. `rowAccount` tells the account either way.
   */
  parse(row: CsvRow, line: number): Position | null {
    const ix = this.#index;
    const issues = this.#issues;
    issues.begin(line);
    this.rowIdHead = '';
    this.rowIdTail = '';

    // account
    let account: string | undefined = DEFAULT_ACCOUNT;
    const ka = ix.account;
    if (ka >= row.count) account = undefined;
    else if (ka >= 0) {
      if (row.cellIs(ka, this.#lastAccount)) account = this.#lastAccount;
      else if (!row.isBlank(ka)) {
        const cell = row.cell(ka);
        const text = cell.trim();
        const problem = identifierProblem(text);
        if (problem === null) account = this.#lastAccount = detachedString(text);
        else {
          account = undefined;
          issues.problem('unsupported', 'account', `account ${problem}`, cell);
        }
      }
    }
    this.rowAccount = account;
    issues.setAccount(account);
    if (row.count !== this.#width) {
      issues.problem('malformed-csv', '', `row has ${row.count} fields but the header has ${this.#width}`);
      return null;
    }

    // venue
    let facts: VenueRowFacts | undefined = this.#defaultFacts;
    const kv = ix.venue;
    if (kv >= 0) {
      if (row.cellIs(kv, this.#lastVenueCell)) facts = this.#lastVenueFacts;
      else if (!row.isBlank(kv)) facts = this.#symbols.knownVenueFacts(row, kv) ?? this.#venueOfCell(row.cell(kv));
    }

    // instrument: when not given, linear, unless the venue profile covers inverse contracts only
    let instrument: InstrumentKind | null = facts === undefined ? 'linear' : facts.defaultInstrument;
    const ki = ix.instrument;
    if (ki >= 0) {
      if (row.cellIs(ki, 'linear')) instrument = 'linear';
      else if (row.cellIs(ki, 'inverse')) instrument = 'inverse';
      else if (!row.isBlank(ki)) {
        const cell = row.cell(ki);
        const kind = instrumentOfCell(cell);
        if (kind === null) {
          instrument = null;
          issues.problem('unknown-value', 'instrument', 'unknown instrument; use linear or inverse', cell);
        } else if (kind !== '') {
          instrument = kind;
        }
      }
    }
    if (facts !== undefined && instrument !== null && !(instrument === 'linear' ? facts.linear : facts.inverse)) {
      issues.problem(
        'unsupported',
        'instrument',
        `venue profile ${facts.venue} has no rules for ${instrument} contracts; set venue to one that does`,
        instrument,
      );
      instrument = null;
    }

    // symbol, with its assets
    let entry: SymbolEntry | undefined;
    const ksym = ix.symbol;
    if (facts !== undefined && instrument !== null) {
      const cache = instrument === 'linear' ? facts.linearSymbols : facts.inverseSymbols;
      entry = cache.find(row, ksym);
      if (entry === undefined) {
        const cell = row.cell(ksym);
        entry = this.#newSymbolEntry(cell, instrument, facts);
        if (entry !== undefined) cache.add(cell, entry);
      }
    } else {
      this.#checkSymbol(row.cell(ksym));
    }
    if (entry !== undefined && !entry.hasTiers && facts !== undefined) {
      issues.problem('unknown-symbol', 'symbol', `no maintenance-margin tiers for this symbol on venue ${facts.venue}; supply them with --tiers`, entry.symbol);
    }

    // size and side
    const ks = ix.size;
    let signedSize = row.decimal(ks);
    if (signedSize !== signedSize) {
      issues.numberProblem('size', row.cell(ks));
    } else if (signedSize === 0) {
      issues.problem('not-positive', 'size', 'must not be zero', row.cell(ks));
      signedSize = NaN;
    } else if (!inRange(signedSize < 0 ? -signedSize : signedSize, SIZE_RANGE)) {
      issues.problem('out-of-range', 'size', outOfRangeMessage(SIZE_RANGE), row.cell(ks));
      signedSize = NaN;
    }
    let sideSign = 0;
    const kside = ix.side;
    if (kside >= 0) {
      if (row.cellIs(kside, 'long')) sideSign = 1;
      else if (row.cellIs(kside, 'short')) sideSign = -1;
      else {
        const cell = row.cell(kside);
        sideSign = sideCode(cell);
        if (sideSign !== sideSign) {
          issues.problem('unknown-value', 'side', 'unknown side; use long, short, buy or sell (or leave it empty and sign the size)', cell);
        }
      }
    }
    if (sideSign === 0) {
      sideSign = signedSize > 0 ? 1 : signedSize < 0 ? -1 : NaN;
    } else if (sideSign === 1 && signedSize < 0) {
      issues.problem('inconsistent', 'side', 'side is long but size is negative (negative sizes mean short)', row.cell(kside));
    }
    const side: Side = sideSign === -1 ? 'short' : 'long';

    // prices
    const entryPrice = this.#positive(row, ix.entry_price, 'entry_price', PRICE_RANGE);
    const markPrice = this.#positive(row, ix.mark_price, 'mark_price', PRICE_RANGE);

    // margin mode and isolated margin
    let marginMode: MarginMode = 'cross';
    let modeKnown = true;
    const km = ix.margin_mode;
    if (km >= 0) {
      if (row.cellIs(km, 'isolated')) marginMode = 'isolated';
      else if (!row.cellIs(km, 'cross') && !row.isBlank(km)) {
        const cell = row.cell(km);
        const mode = marginModeOfCell(cell);
        if (mode === null) {
          modeKnown = false;
          issues.problem('unknown-value', 'margin_mode', 'unknown margin mode; use cross or isolated', cell);
        } else if (mode !== '') {
          marginMode = mode;
        }
      }
    }
    let isolatedMargin: number | null = null;
    const kim = ix.isolated_margin;
    const marginBlank = kim < 0 || row.isBlank(kim);
    if (marginMode === 'isolated') {
      if (marginBlank) {
        issues.problem('missing-value', 'isolated_margin', 'isolated positions need isolated_margin (the margin posted to the position)');
      } else {
        isolatedMargin = this.#positive(row, kim, 'isolated_margin', AMOUNT_RANGE);
      }
    } else if (!marginBlank) {
      const value = row.decimal(kim);
      if (value !== value) issues.numberProblem('isolated_margin', row.cell(kim));
      else if (value !== 0 && modeKnown) {
        issues.problem(
          'inconsistent',
          'isolated_margin',
          'cross position with an isolated margin; leave isolated_margin empty (or 0) or set margin_mode to isolated',
          row.cell(kim),
        );
      }
    }

    // leverage and contract size
    const kl = ix.leverage;
    const leverage = kl >= 0 && !row.isBlank(kl) ? this.#positive(row, kl, 'leverage', LEVERAGE_RANGE) : null;
    const kc = ix.contract_size;
    const contractSizeGiven = kc >= 0 && !row.isBlank(kc) ? this.#positive(row, kc, 'contract_size', SIZE_RANGE) : null;
    let size = signedSize < 0 ? -signedSize : signedSize;
    let contractSize = 1;
    if (instrument === 'linear') {
      if (contractSizeGiven !== null) size *= contractSizeGiven;
    } else if (instrument === 'inverse') {
      if (contractSizeGiven !== null) {
        contractSize = contractSizeGiven;
      } else if (facts !== undefined && entry !== undefined) {
        const fallback = venueDefaultContractSize(facts.venue, entry.symbol);
        if (fallback !== null && fallback > 0) contractSize = fallback;
        else {
          issues.problem(
            'missing-value',
            'contract_size',
            `inverse contracts need contract_size (quote value of one contract); venue profile ${facts.venue} has no default for this symbol`,
          );
        }
      }
    }

    // settlement asset: from the symbol, unless a column names it
    let settlementAsset = entry === undefined ? '' : entry.assets.settlementAsset;
    const kset = ix.settlement_asset;
    if (kset >= 0 && !row.cellIs(kset, settlementAsset) && !row.isBlank(kset)) {
      const cell = row.cell(kset);
      const text = cell.trim().toUpperCase();
      const problem = identifierProblem(text);
      if (problem !== null) issues.problem('unsupported', 'settlement_asset', `settlement asset ${problem}`, cell);
      else settlementAsset = detachedString(text);
    }

    // position id (unique in the file: the caller checks)
    let positionId = '';
    const kid = ix.position_id;
    if (kid >= 0 && !row.isBlank(kid)) {
      const cell = row.cell(kid);
      const text = cell.trim();
      const problem = identifierProblem(text);
      if (problem !== null) issues.problem('unsupported', 'position_id', `position id ${problem}`, cell);
      else positionId = this.rowIdHead = detachedString(text);
    } else if (account !== undefined && entry !== undefined && sideSign === sideSign) {
      const suffix = sideSign === 1 ? entry.longIdSuffix : entry.shortIdSuffix;
      positionId = account + suffix;
      this.rowIdHead = account;
      this.rowIdTail = suffix;
    }

    if (issues.count > 0) return null;
    return {
      positionId,
      account: account!,
      symbol: entry!.symbol,
      side,
      size,
      entryPrice,
      markPrice,
      marginMode,
      isolatedMargin,
      leverage,
      instrument: instrument!,
      contractSize,
      venue: facts!.venue,
      settlementAsset,
      quoteAsset: entry!.assets.quoteAsset,
      baseAsset: entry!.assets.baseAsset,
      source: { file: this.#file, line },
    };
  }

  /** The issues of the last parsed row, in the order found (null when none). */
  takeRowIssues(): Issue[] | null {
    return this.#issues.takeHeld();
  }

  /** Facts of the venue a cell names (any case, spaces around), or undefined after an issue. */
  #venueOfCell(cell: string): VenueRowFacts | undefined {
    const venue = venueFromCell(cell);
    if (venue === undefined) {
      this.#issues.problem('unknown-venue', 'venue', `unknown venue profile; use one of ${VENUE_NAMES.join(', ')}`, cell);
      return undefined;
    }
    const facts = this.#symbols.factsOf(venue);
    this.#lastVenueCell = detachedString(cell);
    this.#lastVenueFacts = facts;
    return facts;
  }

  /** The trimmed symbol, or undefined after logging why the cell is not one. */
  #checkSymbol(cell: string): string | undefined {
    const text = cell.trim();
    if (text.length === 0) {
      this.#issues.problem('missing-value', 'symbol', 'required value is empty');
      return undefined;
    }
    const problem = identifierProblem(text);
    if (problem !== null) {
      this.#issues.problem('unsupported', 'symbol', `symbol ${problem}`, cell);
      return undefined;
    }
    return text;
  }

  /** The entry of a symbol met for the first time, or undefined after logging why the cell is not one. */
  #newSymbolEntry(cell: string, instrument: InstrumentKind, facts: VenueRowFacts): SymbolEntry | undefined {
    const text = this.#checkSymbol(cell);
    return text === undefined ? undefined : this.#symbols.newEntry(text, instrument, facts);
  }

  /** Field k as a number > 0 inside `range`, or NaN after logging why not. */
  #positive(row: CsvRow, k: number, column: PositionColumn, range: InputRange): number {
    const value = row.decimal(k);
    if (value > 0) {
      if (inRange(value, range)) return value;
      this.#issues.problem('out-of-range', column, outOfRangeMessage(range), row.cell(k));
      return NaN;
    }
    if (value !== value) this.#issues.numberProblem(column, row.cell(k));
    else this.#issues.problem('not-positive', column, 'must be greater than zero', row.cell(k));
    return NaN;
  }
}
