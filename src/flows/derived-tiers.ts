// Tier tables derived from a venue export's own maintenance margin, for positions whose symbol has
// no table bundled, exported or given: Binance `maintMargin`, Bybit `positionMM`, OKX `mmr`,
// Deribit `maintenance_margin`. The venue's figure at the current mark fixes one bracket,
// `rate = (MM - reserve) / notional`, frozen at the current notional: exact now, but blind to the
// brackets a larger notional would reach. Each such table is flagged (origin `derived`), so the
// output says the schedule is an estimate and which file would replace it.

import type { Position } from '../domain/position.js';
import type { TierTable } from '../domain/tier.js';
import type { VenueName } from '../domain/venue-name.js';
import type { VenueReportedPosition } from '../import/exports/index.js';
import { maintenanceMarginSettlement, notionalSettlement } from '../margin/position-risk.js';
import { venueProfile } from '../venues/registry.js';
import { findTierTable, type TierBook } from '../venues/tier-book.js';

/**
 * Venues whose reported maintenance margin already holds the fee reserve the profile adds on top
 * (Bybit's `positionMM` includes the fee to close; https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract).
 * For the others the figure is the bracket margin alone.
 */
const REPORTED_INCLUDES_RESERVE: ReadonlySet<VenueName> = new Set<VenueName>(['bybit-linear', 'bybit-inverse']);

/** A one-bracket table at `rate` (size-measured venues count contracts; one bracket covers any size). */
function flatTable(key: string, measure: TierTable['measure'], rate: number, leverage: number | null, source: string, snapshotDate: string): TierTable {
  return {
    symbol: key,
    measure,
    tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: rate, maintenanceAmount: 0, maxLeverage: leverage ?? 1 / Math.max(2 * rate, 1e-9), initialMarginRate: null, liquidationFeeRate: null }],
    source,
    snapshotDate,
    origin: 'derived',
  };
}

/**
 * The derived tables for the positions of `positions` that `tierBook` has no table for and whose
 * venue reported a positive maintenance margin, by venue and tier key (the first position of a
 * symbol decides). `snapshotDate`: when the export was taken, if known ('' otherwise).
 */
export function deriveTiersFromReported(
  positions: readonly Position[],
  reported: ReadonlyMap<string, VenueReportedPosition>,
  tierBook: TierBook,
): Map<VenueName, Map<string, TierTable>> {
  const derived = new Map<VenueName, Map<string, TierTable>>();
  for (const position of positions) {
    const profile = venueProfile(position.venue);
    if (findTierTable(tierBook, profile, position.symbol) !== undefined) continue;
    const key = profile.tierKey(position.symbol);
    if (derived.get(position.venue)?.has(key) === true) continue;
    const figures = reported.get(position.positionId);
    const mm = figures?.maintenanceMargin ?? null;
    if (figures === undefined || mm === null || !(mm > 0)) continue;
    const notional = notionalSettlement(position, position.markPrice);
    if (!(notional > 0)) continue;
    const source = `${figures.source.file}:${figures.source.line} (the venue's maintenance margin of ${position.symbol})`;
    let reserve = 0;
    if (REPORTED_INCLUDES_RESERVE.has(position.venue)) {
      const zero = flatTable(key, profile.tierMeasure, 0, position.leverage, source, '');
      reserve = maintenanceMarginSettlement(position, profile.maintenanceSchedule(position, zero, position.marginMode), position.markPrice);
    }
    const rate = (mm - reserve) / notional;
    if (!(rate > 0) || !(rate < 1)) continue;
    const tables = derived.get(position.venue) ?? new Map<string, TierTable>();
    tables.set(key, flatTable(key, profile.tierMeasure, rate, position.leverage, source, ''));
    derived.set(position.venue, tables);
  }
  return derived;
}
