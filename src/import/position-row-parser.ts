// One positions.csv row → a validated Position, or the row's issues (one per problem, every
// column checked, each naming the canonical column and echoing the cell). Hot path: cells are
// read in place from the CsvRow by index; the usual spellings (`long`, `cross`, the last account
// and venue) are recognised by comparing characters, numbers are read without building a string
// (see parsePlainDecimalAt), symbols map to their assets through a cache, and a good row
// allocates only its symbol string, its id and its Position. Anything unusual takes the slow,
// string-based path, which decides the same way.

import type { Issue, IssueCode } from '../domain/issue.js';
import type { InstrumentKind, MarginMode, Position, Side } from '../domain/position.js';
import { symbolAssets, type SymbolAssets } from '../domain/symbol-assets.js';
import { VENUE_NAMES, type VenueName } from '../domain/venue-name.js';
import type { CsvRow } from './csv-row.js';
import { decimalProblem } from './decimal-field.js';
import { detachedString } from './detached-string.js';
import type { ColumnIndex } from './header-columns.js';
import { IdFingerprintSet } from './id-fingerprint-set.js';
import { identifierProblem } from './identifier-field.js';
import type { IssueLog } from './issue-log.js';
import type { PositionColumn } from './position-columns.js';
import { SymbolCache } from './symbol-cache.js';
import {
  venueDefaultContractSize,
  venueDefaultInstrument,
  venueDefaultQuoteAsset,
  venueFromCell,
  venueSupportsInstrument,
} from './venue-facts.js';

/** Account of rows without an `account` column or with an empty cell (contract §1). */
export const DEFAULT_ACCOUNT = 'main';

/** Distinct symbol spellings remembered per venue and contract kind before the cache starts over. */
const MAX_CACHED_SYMBOLS = 50_000;

/** A symbol as parsed once for a venue and contract kind, shared by every position of it. */
interface SymbolEntry {
  /** The trimmed symbol, one string shared by every position of this symbol. */
  readonly symbol: string;
  readonly assets: SymbolAssets;
  /** `:SYMBOL:long` and `:SYMBOL:short`: the default id is the account followed by one of these. */
  readonly longIdSuffix: string;
  readonly shortIdSuffix: string;
  /** The venue's tier tables cover this symbol (true when no check was asked for). */
  readonly hasTiers: boolean;
}

/** What the row parser needs to know of one venue profile, looked up once per venue. */
interface VenueRowFacts {
  readonly venue: VenueName;
  readonly defaultInstrument: InstrumentKind;
  readonly linear: boolean;
  readonly inverse: boolean;
  /** Symbol cache per contract kind: cell as written → entry. */
  readonly linearSymbols: SymbolCache<SymbolEntry>;
  readonly inverseSymbols: SymbolCache<SymbolEntry>;
}

/** +1 long, -1 short, 0 not given (blank, or Binance `BOTH`: the size's sign decides), NaN unknown. */
function sideCode(cell: string): number {
  switch (cell.trim().toLowerCase()) {
    case 'long':
    case 'buy':
      return 1;
    case 'short':
    case 'sell':
      return -1;
    case '':
    case 'both':
      return 0;
  }
  return NaN;
}

/** `cross` (also `crossed`) or `isolated` in any case; '' for blank; null when unknown. */
function marginModeOfCell(cell: string): MarginMode | '' | null {
  switch (cell.trim().toLowerCase()) {
    case 'cross':
    case 'crossed':
      return 'cross';
    case 'isolated':
      return 'isolated';
    case '':
      return '';
  }
  return null;
}

/** `linear` or `inverse` in any case; '' for blank; null when unknown. */
function instrumentOfCell(cell: string): InstrumentKind | '' | null {
  switch (cell.trim().toLowerCase()) {
    case 'linear':
      return 'linear';
    case 'inverse':
      return 'inverse';
    case '':
      return '';
  }
  return null;
}

/**
 * Parses the rows of one positions file. Keeps what spans rows: the duplicate-id fingerprints,
 * the per-venue facts and symbol caches, and the last account and venue cell seen (rows of one
 * account usually follow each other, so they share one account string).
 */
export class PositionRowParser {
  readonly #index: ColumnIndex<PositionColumn>;
  readonly #width: number;
  readonly #file: string;
  readonly #defaultFacts: VenueRowFacts;
  readonly #log: IssueLog;
  readonly #ids = new IdFingerprintSet();
  readonly #venueFacts = new Map<VenueName, VenueRowFacts>();
  /** Trimmed symbol → the one string used for it in every Position (bounded like the caches). */
  #symbolStrings = new Map<string, string>();
  #lastAccount = DEFAULT_ACCOUNT;
  #lastVenueCell = '';
  #lastVenueFacts: VenueRowFacts;
  /** Problems found in the current row. */
  #rowProblems = 0;
  #line = 0;
  /** Account of the current row (undefined while unknown), stamped on its issues. */
  #account: string | undefined;

  /** Account of the last parsed row, or undefined when it could not be read. */
  rowAccount: string | undefined;

  readonly #knowsSymbol: ((venue: VenueName, symbol: string) => boolean) | undefined;

  constructor(
    index: ColumnIndex<PositionColumn>,
    headerWidth: number,
    fileLabel: string,
    defaultVenue: VenueName,
    log: IssueLog,
    knowsSymbol?: (venue: VenueName, symbol: string) => boolean,
  ) {
    this.#knowsSymbol = knowsSymbol;
    this.#index = index;
    this.#width = headerWidth;
    this.#file = fileLabel;
    this.#log = log;
    this.#defaultFacts = this.#factsOf(defaultVenue);
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
   * wrong; then every problem has been logged. `rowAccount` tells the account either way.
   */
  parse(row: CsvRow, line: number): Position | null {
    const ix = this.#index;
    this.#rowProblems = 0;
    this.#line = line;
    this.#account = undefined;

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
          this.#problem('unsupported', 'account', `account ${problem}`, cell);
        }
      }
    }
    this.rowAccount = account;
    this.#account = account;
    if (row.count !== this.#width) {
      this.#problem('malformed-csv', '', `row has ${row.count} fields but the header has ${this.#width}`);
      return null;
    }

    // venue
    let facts: VenueRowFacts | undefined = this.#defaultFacts;
    const kv = ix.venue;
    if (kv >= 0) {
      if (row.cellIs(kv, this.#lastVenueCell)) facts = this.#lastVenueFacts;
      else if (!row.isBlank(kv)) facts = this.#knownVenueFacts(row, kv) ?? this.#venueOfCell(row.cell(kv));
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
          this.#problem('unknown-value', 'instrument', 'unknown instrument; use linear or inverse', cell);
        } else if (kind !== '') {
          instrument = kind;
        }
      }
    }
    if (facts !== undefined && instrument !== null && !(instrument === 'linear' ? facts.linear : facts.inverse)) {
      this.#problem(
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
      this.#problem('unknown-symbol', 'symbol', `no maintenance-margin tiers for this symbol on venue ${facts.venue}; supply them with --tiers`, entry.symbol);
    }

    // size and side
    const ks = ix.size;
    let signedSize = row.decimal(ks);
    if (signedSize !== signedSize) {
      this.#numberProblem('size', row.cell(ks));
    } else if (signedSize === 0) {
      this.#problem('not-positive', 'size', 'must not be zero', row.cell(ks));
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
          this.#problem('unknown-value', 'side', 'unknown side; use long, short, buy or sell (or leave it empty and sign the size)', cell);
        }
      }
    }
    if (sideSign === 0) {
      sideSign = signedSize > 0 ? 1 : signedSize < 0 ? -1 : NaN;
    } else if (sideSign === 1 && signedSize < 0) {
      this.#problem('inconsistent', 'side', 'side is long but size is negative (negative sizes mean short)', row.cell(kside));
    }
    const side: Side = sideSign === -1 ? 'short' : 'long';

    // prices
    const entryPrice = this.#positive(row, ix.entry_price, 'entry_price');
    const markPrice = this.#positive(row, ix.mark_price, 'mark_price');

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
          this.#problem('unknown-value', 'margin_mode', 'unknown margin mode; use cross or isolated', cell);
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
        this.#problem('missing-value', 'isolated_margin', 'isolated positions need isolated_margin (the margin posted to the position)');
      } else {
        isolatedMargin = this.#positive(row, kim, 'isolated_margin');
      }
    } else if (!marginBlank) {
      const value = row.decimal(kim);
      if (value !== value) this.#numberProblem('isolated_margin', row.cell(kim));
      else if (value !== 0 && modeKnown) {
        this.#problem(
          'inconsistent',
          'isolated_margin',
          'cross position with an isolated margin; leave isolated_margin empty (or 0) or set margin_mode to isolated',
          row.cell(kim),
        );
      }
    }

    // leverage and contract size
    const kl = ix.leverage;
    const leverage = kl >= 0 && !row.isBlank(kl) ? this.#positive(row, kl, 'leverage') : null;
    const kc = ix.contract_size;
    const contractSizeGiven = kc >= 0 && !row.isBlank(kc) ? this.#positive(row, kc, 'contract_size') : null;
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
          this.#problem(
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
      if (problem !== null) this.#problem('unsupported', 'settlement_asset', `settlement asset ${problem}`, cell);
      else settlementAsset = detachedString(text);
    }

    // position id, unique in the file
    let positionId = '';
    const kid = ix.position_id;
    if (kid >= 0 && !row.isBlank(kid)) {
      const cell = row.cell(kid);
      const text = cell.trim();
      const problem = identifierProblem(text);
      if (problem !== null) this.#problem('unsupported', 'position_id', `position id ${problem}`, cell);
      else {
        positionId = detachedString(text);
        this.#checkUnique(positionId, positionId, '');
      }
    } else if (account !== undefined && entry !== undefined && sideSign === sideSign) {
      const suffix = sideSign === 1 ? entry.longIdSuffix : entry.shortIdSuffix;
      positionId = account + suffix;
      this.#checkUnique(positionId, account, suffix);
    }

    if (this.#rowProblems > 0) return null;
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

  /** Facts of a venue already met whose name field k spells exactly (no string is built). */
  #knownVenueFacts(row: CsvRow, k: number): VenueRowFacts | undefined {
    for (const facts of this.#venueFacts.values()) if (row.cellIs(k, facts.venue)) return facts;
    return undefined;
  }

  /** Facts of the venue a cell names (any case, spaces around), or undefined after an issue. */
  #venueOfCell(cell: string): VenueRowFacts | undefined {
    const venue = venueFromCell(cell);
    if (venue === undefined) {
      this.#problem('unknown-venue', 'venue', `unknown venue profile; use one of ${VENUE_NAMES.join(', ')}`, cell);
      return undefined;
    }
    const facts = this.#factsOf(venue);
    this.#lastVenueCell = detachedString(cell);
    this.#lastVenueFacts = facts;
    return facts;
  }

  #factsOf(venue: VenueName): VenueRowFacts {
    let facts = this.#venueFacts.get(venue);
    if (facts === undefined) {
      facts = {
        venue,
        defaultInstrument: venueDefaultInstrument(venue),
        linear: venueSupportsInstrument(venue, 'linear'),
        inverse: venueSupportsInstrument(venue, 'inverse'),
        linearSymbols: new SymbolCache(MAX_CACHED_SYMBOLS),
        inverseSymbols: new SymbolCache(MAX_CACHED_SYMBOLS),
      };
      this.#venueFacts.set(venue, facts);
    }
    return facts;
  }

  /** The trimmed symbol, or undefined after logging why the cell is not one. */
  #checkSymbol(cell: string): string | undefined {
    const text = cell.trim();
    if (text.length === 0) {
      this.#problem('missing-value', 'symbol', 'required value is empty');
      return undefined;
    }
    const problem = identifierProblem(text);
    if (problem !== null) {
      this.#problem('unsupported', 'symbol', `symbol ${problem}`, cell);
      return undefined;
    }
    return text;
  }

  #newSymbolEntry(cell: string, instrument: InstrumentKind, facts: VenueRowFacts): SymbolEntry | undefined {
    const text = this.#checkSymbol(cell);
    if (text === undefined) return undefined;
    let symbol = this.#symbolStrings.get(text);
    if (symbol === undefined) {
      if (this.#symbolStrings.size >= MAX_CACHED_SYMBOLS) this.#symbolStrings = new Map();
      symbol = detachedString(text);
      this.#symbolStrings.set(symbol, symbol);
    }
    return {
      symbol,
      assets: symbolAssets(symbol, instrument, venueDefaultQuoteAsset(facts.venue)),
      hasTiers: this.#knowsSymbol === undefined || this.#knowsSymbol(facts.venue, symbol),
      longIdSuffix: `:${symbol}:long`,
      shortIdSuffix: `:${symbol}:short`,
    };
  }

  /**
   * Duplicate check of the id `head + tail` (an explicit id, tail '', or the default id:
   * account + `:symbol:side`), hashed piece by piece so the id is never flattened to be checked.
   */
  #checkUnique(id: string, head: string, tail: string): void {
    const ids = this.#ids;
    ids.begin();
    ids.feed(head);
    ids.feed(tail);
    const earlier = ids.commit(this.#line);
    if (earlier === 0) return;
    const how =
      tail === ''
        ? 'position ids must be unique in the file'
        : 'this is the default id account:symbol:side; merge the rows or give each a distinct position_id';
    this.#problem('duplicate-id', 'position_id', `position id already used on line ${earlier}; ${how}`, id);
  }

  /** Field k as a number > 0, or NaN after logging why not. */
  #positive(row: CsvRow, k: number, column: PositionColumn): number {
    const value = row.decimal(k);
    if (value > 0) return value;
    if (value !== value) this.#numberProblem(column, row.cell(k));
    else this.#problem('not-positive', column, 'must be greater than zero', row.cell(k));
    return NaN;
  }

  #numberProblem(column: PositionColumn, cell: string): void {
    const problem = decimalProblem(cell);
    if (problem.code === 'missing-value') this.#problem('missing-value', column, 'required value is empty');
    else this.#problem(problem.code, column, problem.message, cell);
  }

  #problem(code: IssueCode, column: PositionColumn | '', message: string, value?: string): void {
    this.#rowProblems++;
    const issue: Issue = { code, file: this.#file, line: this.#line, column, message };
    const withValue = value === undefined ? issue : { ...issue, value };
    this.#log.add(this.#account === undefined ? withValue : { ...withValue, account: this.#account });
  }
}
