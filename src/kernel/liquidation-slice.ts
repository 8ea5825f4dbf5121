// The partial-liquidation rule of a venue, as one place states it for every engine that
// liquidates (the Monte Carlo kernel, liquidate-pool.ts and its reference; the cascade's rounds):
//
//   fraction   each liquidation step closes fraction φ of every open member (φ = 1: full; the
//              venue's LiquidationRules.partialFraction when its style is partial, Hyperliquid 0.2).
//   last       after MAX_SLICES slices everything still open is closed in full, and a member left
//              below DUST_FRACTION of its original size is closed in full.
//   backstop   when the pool's equity < backstopFraction × maintenance (Hyperliquid: 2/3), the
//              venue's backstop takes the whole pool at once (backstopFraction 0: no such rule).

import type { LiquidationRules } from '../venues/venue-profile.js';

/** Slices after which everything still open is closed at once. */
export const MAX_SLICES = 64;
/** A member below this fraction of its original quantity is closed in full. */
export const DUST_FRACTION = 1e-9;

/** Fraction closed per liquidation step and backstop ratio, from the venue's rules. */
export function liquidationParameters(rules: LiquidationRules, positionId: string): { fraction: number; backstop: number } {
  if (rules.style === 'full') return { fraction: 1, backstop: rules.backstopEquityFraction };
  const fraction = rules.partialFraction;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new Error(`position ${positionId}: partial liquidation fraction must be in (0, 1], got ${fraction}`);
  }
  return { fraction, backstop: rules.backstopEquityFraction };
}

/**
 * What is left open of a member holding `quantity` (originally `original`) after one slice of
 * `fraction`; 0 when the slice closes it (fraction 1, `last`, or a dust remainder).
 */
export function sliceRemaining(quantity: number, original: number, fraction: number, last: boolean): number {
  if (last || fraction >= 1) return 0;
  const remaining = quantity * (1 - fraction);
  return remaining <= DUST_FRACTION * original ? 0 : remaining;
}

/** The backstop rule: does the venue take the whole pool at this equity and maintenance? */
export function backstopTakesPool(equity: number, maintenance: number, backstopFraction: number): boolean {
  return backstopFraction > 0 && equity < backstopFraction * maintenance;
}
