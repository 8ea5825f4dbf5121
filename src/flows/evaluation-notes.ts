// What the evaluate command says beside each account's figures: whether collateral was given
// (an account evaluated on an empty wallet is flagged in every output format, not only on
// stderr), and which tier tables were used, with their snapshot dates; a bundled table older than
// a year, an undated one, and a table derived from the export's own maintenance margin each draw
// a warning naming the file or option that would replace it.

import type { AccountBook } from '../domain/account-book.js';
import type { VenueName } from '../domain/venue-name.js';
import type { AccountEvaluation, TierTableUse } from '../margin/evaluation.js';
import { venueProfile } from '../venues/registry.js';
import { tierSupplyHint } from '../venues/tier-hints.js';
import { DeferredTierTables } from '../venues/deferred-tier-tables.js';
import { rememberedTierTable, type TierBook } from '../venues/tier-book.js';
import type { TierTable } from '../domain/tier.js';

/** A snapshot older than this many days draws a note. */
const STALE_AFTER_DAYS = 365;

const DAY_MS = 86_400_000;

/** The venue export that carries an account's wallet, read with `--with`; null when none is read. */
const WALLET_EXPORTS: Readonly<Record<VenueName, string | null>> = {
  'binance-usdm': 'GET /fapi/v3/account',
  'binance-coinm': null,
  'bybit-linear': 'GET /v5/account/wallet-balance',
  'bybit-inverse': 'GET /v5/account/wallet-balance',
  'okx-swap': null,
  hyperliquid: null,
  'dydx-v4': 'GET /v4/addresses/{address}/subaccountNumber/{n}',
  deribit: null,
  generic: null,
};

/** Books of at most this many positions are listed by scans of their positions and entries, larger ones through Maps. */
const SCAN_LIMIT = 64;

/**
 * List `symbol` under the entry for `table` (as `venue` uses it), the entry added when `uses` has
 * none yet (its list made with the symbol in it: a list grown from empty reserves 17 slots).
 */
function listUse(uses: TierTableUse[], venue: VenueName, table: TierTable, symbol: string): void {
  for (let i = 0; i < uses.length; i++) {
    const use = uses[i]!;
    if (use.venue === venue && use.key === table.symbol) {
      (use.symbols as string[]).push(symbol);
      return;
    }
  }
  uses.push({ venue, key: table.symbol, symbols: [symbol], origin: table.origin ?? 'tiers-file', source: table.source, snapshotDate: table.snapshotDate });
}

/**
 * The tables `book`'s positions use under `tierBook`, one entry per venue and key, in position
 * order, each (venue, symbol) looked up and listed once. A book of few positions is listed by
 * scanning the positions before (for a repeated symbol) and the entries made (for the table's):
 * the Maps and Sets of the general case cost more than the scans for every account.
 */
function tierTablesOf(book: AccountBook, tierBook: TierBook): TierTableUse[] {
  const positions = book.positions;
  if (positions.length > SCAN_LIMIT) return tierTablesOfMany(book, tierBook);
  const uses: TierTableUse[] = [];
  next: for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    for (let j = 0; j < i; j++) if (positions[j]!.symbol === position.symbol && positions[j]!.venue === position.venue) continue next;
    const table = rememberedTierTable(tierBook, venueProfile(position.venue), position.symbol);
    if (table === undefined) continue;
    listUse(uses, position.venue, table, position.symbol);
  }
  return uses;
}

/** tierTablesOf for a book of many positions, through Maps. */
function tierTablesOfMany(book: AccountBook, tierBook: TierBook): TierTableUse[] {
  // Venue → table key → the entry (a Map per venue rather than a key string made per position).
  const byVenue = new Map<VenueName, Map<string, { use: TierTableUse; symbols: string[] }>>();
  const entries: { use: TierTableUse; symbols: string[] }[] = [];
  // Venue → the symbols already listed (or found to have no table): a book repeats its symbols, and
  // each (venue, symbol) is looked up and listed once.
  const symbolsDone = new Map<VenueName, Set<string>>();
  for (const position of book.positions) {
    let done = symbolsDone.get(position.venue);
    if (done === undefined) symbolsDone.set(position.venue, (done = new Set()));
    if (done.has(position.symbol)) continue;
    done.add(position.symbol);
    const table = rememberedTierTable(tierBook, venueProfile(position.venue), position.symbol);
    if (table === undefined) continue;
    let uses = byVenue.get(position.venue);
    if (uses === undefined) byVenue.set(position.venue, (uses = new Map()));
    let entry = uses.get(table.symbol);
    if (entry === undefined) {
      const use: TierTableUse = {
        venue: position.venue,
        key: table.symbol,
        symbols: [],
        origin: table.origin ?? 'tiers-file',
        source: table.source,
        snapshotDate: table.snapshotDate,
      };
      uses.set(table.symbol, (entry = { use, symbols: [] }));
      entries.push(entry);
    }
    entry.symbols.push(position.symbol);
  }
  return entries.map(({ use, symbols }) => ({ ...use, symbols }));
}

/** Epoch ms of the date a snapshot names (`2024-10-24`, `2021 (stale)` → 2021-01-01), or null. */
function snapshotMillis(snapshotDate: string): number | null {
  const full = /^(\d{4})-(\d{2})-(\d{2})/.exec(snapshotDate);
  if (full !== null) return Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]));
  const year = /^(\d{4})\b/.exec(snapshotDate);
  return year === null ? null : Date.UTC(Number(year[1]), 0, 1);
}

/** For a bundled table: the export of the venue's tiers if none was given, else only --tiers (the one given lacks these symbols). */
function staleHint(venue: VenueName, exportFiles: ReadonlyMap<VenueName, string>): string {
  const given = exportFiles.get(venue);
  return given === undefined ? tierSupplyHint(venue) : `supply them with --tiers FILE (the tiers given with --with, ${given}, do not list them)`;
}

function listSymbols(uses: readonly TierTableUse[]): string {
  return uses.flatMap((u) => u.symbols).join(', ');
}

const exportFilesCache = new WeakMap<TierBook, ReadonlyMap<VenueName, string>>();

/** Per venue, the file of the tiers a venue export supplied (origin `export`), if any. */
export function exportTierFiles(tierBook: TierBook): ReadonlyMap<VenueName, string> {
  let files = exportFilesCache.get(tierBook);
  if (files === undefined) {
    const found = new Map<VenueName, string>();
    for (const [venue, tables] of tierBook) {
      // Bundled tables (read on first use) are never an export's: not read for this.
      if (tables instanceof DeferredTierTables && tables.origin === 'bundled') continue;
      // Given tables over bundled ones not read yet: the given ones are all that may be an
      // export's, so they alone are read when they name one file (the loaded order, which puts
      // the bundled file's symbols first, could only matter between two files).
      if (tables instanceof DeferredTierTables && !tables.loaded && tables.belowOrigin === 'bundled' && tables.front !== null) {
        const file = soleExportFile(tables.front);
        if (file !== undefined) {
          if (file !== null) found.set(venue, file);
          continue;
        }
      }
      for (const table of tables.values()) {
        if (table.origin === 'export') {
          found.set(venue, exportFileOf(table));
          break;
        }
      }
    }
    exportFilesCache.set(tierBook, (files = found));
  }
  return files;
}

/** The file of the export tables among `tables`: null when there are none, undefined when they come from more than one file. */
function soleExportFile(tables: ReadonlyMap<string, TierTable>): string | null | undefined {
  let file: string | null = null;
  for (const table of tables.values()) {
    if (table.origin !== 'export') continue;
    const source = exportFileOf(table);
    if (file === null) file = source;
    else if (file !== source) return undefined;
  }
  return file;
}

/** The file an export's table came from (its source without the parenthesised detail). */
function exportFileOf(table: TierTable): string {
  return table.source.replace(/ \(.*\)$/, '');
}

/** The list `map` holds at `key`, added empty when there is none. */
function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}

/** Warnings about the tables: old or undated bundled snapshots, and derived schedules. */
function tierWarnings(uses: readonly TierTableUse[], asOf: string | null, exportFiles: ReadonlyMap<VenueName, string>): string[] {
  const warnings: string[] = [];
  const byVenue = new Map<VenueName, TierTableUse[]>();
  for (const use of uses) if (use.origin === 'bundled') listAt(byVenue, use.venue).push(use);
  const today = asOf === null ? null : snapshotMillis(asOf);
  for (const [venue, list] of byVenue) {
    const byDate = new Map<string, TierTableUse[]>();
    for (const use of list) listAt(byDate, use.snapshotDate).push(use);
    for (const [date, same] of byDate) {
      const taken = snapshotMillis(date);
      const what = `tiers of ${listSymbols(same)} (${venue}): the bundled data/tiers/${venue}.json`;
      if (taken === null) {
        // The table's own word for its date is echoed unless it only says that there is none.
        const dateWord = date === '' || date === 'undated' ? '' : ` (${date})`;
        warnings.push(`${what} is an undated snapshot${dateWord}; for current figures ${staleHint(venue, exportFiles)}`);
      } else if (today !== null && (today - taken) / DAY_MS > STALE_AFTER_DAYS) {
        warnings.push(`${what} is a snapshot of ${date}, more than a year old; for current figures ${staleHint(venue, exportFiles)}`);
      }
    }
  }
  warnings.push(...derivedTierWarnings(uses, exportFiles));
  return warnings;
}

/** One warning per table derived from a venue export's own maintenance margin (one frozen bracket). */
function derivedTierWarnings(uses: readonly TierTableUse[], exportFiles: ReadonlyMap<VenueName, string>): string[] {
  return uses
    .filter((use) => use.origin === 'derived')
    .map(
      (use) =>
        `tiers of ${use.symbols.join(', ')} (${use.venue}): none bundled or given, so one bracket was derived from ${use.source}, frozen at the current notional (exact now, blind to higher brackets); for the full schedule ${tierSupplyHint(use.venue, exportFiles.get(use.venue) ?? null)}`,
    );
}

/**
 * The derived-table warnings of `book` under `tierBook`, for the shock commands' account notes:
 * a path that moves a position's notional keeps the one derived rate, where the venue's schedule
 * may step up (empty for every book but a venue export's).
 */
export function derivedTierNotes(book: AccountBook, tierBook: TierBook): string[] {
  return derivedTierWarnings(tierTablesOf(book, tierBook), exportTierFiles(tierBook));
}

/** The no-collateral warning, naming what would supply it. */
function collateralWarning(book: AccountBook): string {
  const venues = [...new Set(book.positions.map((p) => p.venue))];
  const walletExport = venues.length === 1 ? WALLET_EXPORTS[venues[0]!] : null;
  const withClause = walletExport === null ? '' : `, or pass the venue's wallet with --with (${walletExport})`;
  return `no collateral given: the cross wallet holds nothing, so every figure assumes an empty wallet; give it with --wallet AMOUNT or --balances FILE${withClause}`;
}

/**
 * `evaluation` with `collateralGiven`, `tierTables` and their warnings added (never removing
 * anything). `walletReported`: a venue file reporting the wallet was read (a zero wallet is still given). `asOf` (YYYY-MM-DD): the day the age of a snapshot is measured to; null: no age check.
 */
export function annotateEvaluation(evaluation: AccountEvaluation, book: AccountBook, tierBook: TierBook, asOf: string | null, walletReported = false): AccountEvaluation {
  const notes = notedEvaluation(evaluation, book, tierBook, walletReported);
  const warnings = [...evaluation.warnings];
  if (!notes.collateralGiven && book.positions.length > 0) warnings.push(collateralWarning(book));
  warnings.push(...tierWarnings(notes.tierTables, asOf, exportTierFiles(tierBook)));
  return { ...notes, warnings };
}

/**
 * `evaluation` with `collateralGiven` and `tierTables` added, its warnings as they are: for a
 * writer that writes no warnings (the CSV rows), which so need not be composed for every account.
 */
export function notedEvaluation(
  evaluation: AccountEvaluation,
  book: AccountBook,
  tierBook: TierBook,
  walletReported = false,
): AccountEvaluation & Required<Pick<AccountEvaluation, 'collateralGiven' | 'tierTables'>> {
  return { ...evaluation, collateralGiven: walletReported || book.balances.length > 0, tierTables: tierTablesOf(book, tierBook) };
}
