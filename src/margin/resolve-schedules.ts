// Resolve once, before any evaluation or path loop: each position gets its venue profile's
// maintenance rule compiled for both margin modes. A symbol with no tier table is an Issue on
// the position's row, naming the symbol and venue — never a silent default.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { Position } from '../domain/position.js';
import { venueProfile } from '../venues/registry.js';
import { tierSupplyHint } from '../venues/tier-hints.js';
import { findTierTable, type TierBook } from '../venues/tier-book.js';
import type { TierTable } from '../domain/tier.js';
import type { VenueName } from '../domain/venue-name.js';
import type { VenueProfile } from '../venues/venue-profile.js';

/** findTierTable's answers per tier book, venue and symbol as written (null: none); tier books are never changed. */
const tablesByBook = new WeakMap<TierBook, Map<VenueName, Map<string, TierTable | null>>>();

/** findTierTable, remembered: a symbol's table key is read from its spelling once per venue, not once per position. */
function tierTableOf(tierBook: TierBook, profile: VenueProfile, symbol: string): TierTable | undefined {
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

export interface ResolvedPosition {
  readonly position: Position;
  readonly cross: MaintenanceSchedule;
  readonly isolated: MaintenanceSchedule;
}

export interface ResolvedAccount {
  readonly book: AccountBook;
  readonly positions: readonly ResolvedPosition[];
}

export function resolveAccount(book: AccountBook, tierBook: TierBook): { resolved: ResolvedAccount | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const positions: ResolvedPosition[] = [];
  for (const position of book.positions) {
    const profile = venueProfile(position.venue);
    const table = tierTableOf(tierBook, profile, position.symbol);
    if (table === undefined) {
      issues.push({
        code: 'unknown-symbol',
        file: position.source.file,
        line: position.source.line,
        column: 'symbol',
        message: `no maintenance-margin tiers for this symbol on venue ${profile.name}; ${tierSupplyHint(profile.name)}`,
        value: position.symbol,
        account: position.account,
      });
      continue;
    }
    const uncovered = profile.coverageProblem?.(position, table) ?? null;
    if (uncovered !== null) {
      issues.push({
        code: 'out-of-range',
        file: position.source.file,
        line: position.source.line,
        column: 'size',
        message: `${uncovered} on venue ${profile.name}; ${tierSupplyHint(profile.name).replace('supply them', 'supply the full table')}`,
        value: String(position.size),
        account: position.account,
      });
      continue;
    }
    positions.push({
      position,
      cross: profile.maintenanceSchedule(position, table, 'cross'),
      isolated: profile.maintenanceSchedule(position, table, 'isolated'),
    });
  }
  return { resolved: issues.length === 0 ? { book, positions } : null, issues };
}
