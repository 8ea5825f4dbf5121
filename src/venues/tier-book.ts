// Tier tables of every venue, keyed by venue and then by the venue's tier key for a symbol.
// Built from the bundled data files, then overlaid with the user's `--tiers` file.

import type { TierTable } from '../domain/tier.js';
import type { VenueName } from '../domain/venue-name.js';
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

/** `base` with every table of `override` replacing or adding to it, venue by venue. */
export function overlayTierBook(base: TierBook, override: TierBook): TierBook {
  const merged = new Map<VenueName, Map<string, TierTable>>();
  for (const [venue, tables] of base) merged.set(venue, new Map(tables));
  for (const [venue, tables] of override) {
    const target = merged.get(venue) ?? new Map<string, TierTable>();
    for (const [key, table] of tables) target.set(key, table);
    merged.set(venue, target);
  }
  return merged;
}
