// Tier tables of every venue, keyed by venue and then by the venue's tier key for a symbol.
// Built from the bundled data files (each venue's read on first use: deferred-tier-tables.ts), then
// overlaid with the user's `--tiers` file.

import type { TierTable } from '../domain/tier.js';
import type { VenueName } from '../domain/venue-name.js';
import { DeferredTierTables } from './deferred-tier-tables.js';
import type { VenueProfile } from './venue-profile.js';

export type TierBook = ReadonlyMap<VenueName, ReadonlyMap<string, TierTable>>;

/**
 * The table in force for `symbol` on `venue`: the user's override when present, else the
 * venue's bundled default; undefined when there is none (an error the caller reports with the
 * symbol's name — never a silent default).
 */
export function findTierTable(book: TierBook, venue: VenueProfile, symbol: string): TierTable | undefined {
  return book.get(venue.name)?.get(venue.tierKey(symbol));
}

/** findTierTable's answers per tier book, venue and symbol as written (null: none); tier books are never changed. */
const tablesByBook = new WeakMap<TierBook, Map<VenueName, Map<string, TierTable | null>>>();

/** findTierTable, remembered: a symbol's table key is read from its spelling once per venue, not once per position. */
export function rememberedTierTable(tierBook: TierBook, profile: VenueProfile, symbol: string): TierTable | undefined {
  let byVenue = tablesByBook.get(tierBook);
  if (byVenue === undefined) tablesByBook.set(tierBook, (byVenue = new Map()));
  let bySymbol = byVenue.get(profile.name);
  if (bySymbol === undefined) byVenue.set(profile.name, (bySymbol = new Map()));
  let table = bySymbol.get(symbol);
  if (table === undefined) {
    table = findTierTable(tierBook, profile, symbol) ?? null;
    if (bySymbol.size < SYMBOLS_REMEMBERED) bySymbol.set(symbol, table);
  }
  return table ?? undefined;
}

/** Symbols remembered per venue and tier book (books hold few distinct symbols). */
const SYMBOLS_REMEMBERED = 10_000;

/**
 * `base` with every table of `override` replacing or adding to it, venue by venue. A venue whose
 * tables are deferred (the bundled ones, read on first use) stays deferred: shared when `override`
 * has nothing for it, else layered under `override`'s tables, which answer their own symbols
 * without reading the venue's file.
 */
export function overlayTierBook(base: TierBook, override: TierBook): TierBook {
  const merged = new Map<VenueName, ReadonlyMap<string, TierTable>>();
  for (const [venue, tables] of base) merged.set(venue, tables instanceof DeferredTierTables ? tables : new Map(tables));
  for (const [venue, tables] of override) {
    const below = merged.get(venue);
    if (below instanceof DeferredTierTables) {
      // Every table below has one known origin (the bundled files'): kept, so a reader that asks
      // only about the tables not bundled need not load the file (exportTierFiles).
      const belowOrigin = below.origin ?? undefined;
      merged.set(venue, new DeferredTierTables(() => withTables(new Map(below), tables), belowOrigin === undefined ? { front: tables } : { front: tables, belowOrigin }));
      continue;
    }
    merged.set(venue, withTables((below as Map<string, TierTable> | undefined) ?? new Map<string, TierTable>(), tables));
  }
  return merged;
}

/** `target` with every table of `tables` set on it (replacing or adding, in order). */
function withTables(target: Map<string, TierTable>, tables: ReadonlyMap<string, TierTable>): Map<string, TierTable> {
  for (const [key, table] of tables) target.set(key, table);
  return target;
}

/**
 * `book` with every venue's tables as a plain, loaded Map: what a structured clone (a worker's
 * data) needs, since it copies a deferred venue's loaded entries only.
 */
export function plainTierBook(book: TierBook): TierBook {
  return new Map([...book].map(([venue, tables]) => [venue, tables instanceof DeferredTierTables ? new Map(tables) : tables]));
}
