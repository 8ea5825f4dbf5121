// The few facts about a venue profile the importer needs (default quote currency, inverse
// contract size, tier key, contract kinds), read from the venue registry and kept
// in one place so the importer depends on venues through this file only.

import type { InstrumentKind } from '../domain/position.js';
import { isVenueName, type VenueName } from '../domain/venue-name.js';
import { venueProfile } from '../venues/registry.js';

/** Venue named by a cell (case-insensitive, trimmed), or undefined when no profile has that name. */
export function venueFromCell(cell: string): VenueName | undefined {
  const text = cell.trim().toLowerCase();
  return isVenueName(text) ? text : undefined;
}

/** Quote currency assumed when a symbol names only its base (Hyperliquid `BTC`). */
export function venueDefaultQuoteAsset(venue: VenueName): string {
  return venueProfile(venue).defaultQuoteAsset;
}

/** Quote value of one inverse contract when the row gives none; null when the venue has no default. */
export function venueDefaultContractSize(venue: VenueName, symbol: string): number | null {
  return venueProfile(venue).defaultContractSize(symbol);
}

/** Key of `symbol`'s tier table in a TierBook for `venue` (see VenueProfile.tierKey). */
export function venueTierKey(venue: VenueName, symbol: string): string {
  return venueProfile(venue).tierKey(symbol);
}

/** Whether `venue`'s rules cover `instrument` contracts. */
export function venueSupportsInstrument(venue: VenueName, instrument: InstrumentKind): boolean {
  return venueProfile(venue).instruments.includes(instrument);
}

/** Contract kind of a row that names none: linear, unless the venue covers inverse contracts only. */
export function venueDefaultInstrument(venue: VenueName): InstrumentKind {
  const kinds = venueProfile(venue).instruments;
  return kinds.length === 1 && kinds[0] === 'inverse' ? 'inverse' : 'linear';
}
