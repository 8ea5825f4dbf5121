// Liquidation price of a symbol in a pool: the mark of that symbol at which the pool's equity
// equals its maintenance margin, every other mark held. In an isolated pool this is the
// position's own liquidation price; in a cross pool it is conditional on the other marks (which
// is why the joint boundary and the uniform move are reported beside it).
//
// Venue formulas this reproduces (equity = MM solved for one price, bracket taken at the LP):
//   Binance USDⓈ-M one-way: LP = (WB - TMM1 + UPNL1 + cum - side*Q*EP) / (Q*MMR - side*Q)
//   Binance COIN-M one-way: LP = n*(MMR + side) / (WB - TMM1 + UPNL1 + cum + side*n/EP)
//   (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93,
//    https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46)
// and the other venues' through their compiled MaintenanceSchedule.

import { healthRoots, type HealthRoots } from './health-roots.js';
import { membersOfSymbol } from './pool-symbol-index.js';
import type { Pool, PoolMember } from './pool.js';

/**
 * Mark of `symbol` at which `pool` is liquidated, other marks unchanged; null when no price in
 * (0, inf) liquidates it (e.g. a fully collateralised 1x long). When the pool is healthy now this
 * is the nearest price (in log distance) at which health reaches zero; when it is already
 * liquidatable, the nearest price at which it would stop being so.
 */
export function liquidationPrice(pool: Pool, symbol: string): number | null {
  return liquidationPriceSearch(pool, symbol).price;
}

/** A liquidation-price search's outcome: the price, and the health roots it was read from. */
export interface PriceSearch {
  readonly price: number | null;
  readonly roots: HealthRoots;
}

/** The liquidation price with the health roots it was read from (reusable for the uniform move). */
export function liquidationPriceSearch(pool: Pool, symbol: string): PriceSearch {
  const roots = liquidationRoots(pool, symbol);
  return { price: priceAtRoots(pool, symbol, roots), roots };
}

/** The member whose mark a symbol's price factor scales: the symbol's first in `pool`. */
function priceHolder(pool: Pool, symbol: string): PoolMember {
  const first = membersOfSymbol(pool, symbol)[0];
  const holder = first === undefined ? undefined : pool.members[first];
  if (holder === undefined) throw new Error(`liquidationPrice: pool ${pool.poolId} holds no ${symbol} position`);
  return holder;
}

/** The health roots of `pool` as `symbol`'s mark (and collateral in its base asset) moves. */
export function liquidationRoots(pool: Pool, symbol: string): HealthRoots {
  return healthRoots(pool, { symbol, collateralAsset: priceHolder(pool, symbol).position.baseAsset });
}

/** The liquidation price read off `symbol`'s roots in `pool`: mark × the nearest root factor, or null. */
export function priceAtRoots(pool: Pool, symbol: string, roots: HealthRoots): number | null {
  const factor = nearestFactor(roots.below, roots.above);
  return factor === null ? null : priceHolder(pool, symbol).position.markPrice * factor;
}

/** Of two candidate factors around 1, the one nearest in log distance. */
function nearestFactor(below: number | null, above: number | null): number | null {
  if (below === null) return above;
  if (above === null) return below;
  return -Math.log(below) <= Math.log(above) ? below : above;
}
