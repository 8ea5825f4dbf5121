// A pool valued at moved prices: each member's symbol at its own price, each collateral asset
// scaled by a factor. The reference arithmetic of `pool-health.ts`, with the moves made explicit
// so stresses, the joint boundary and shock scenarios share one formula:
//   equity = cash + Σ_c amount_c · price_c · factor(asset_c) · (1 − haircut_c) + Σ_m pnl_m(p_m)
//   MM     = Σ_m MM_m(p_m)            health = equity − MM   (liquidatable when health <= 0)

import type { Pool, PoolMember } from './pool.js';
import type { PriceOf } from './pool-health.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';

/** Price factor of an asset (1 = unchanged). */
export type AssetFactor = (asset: string) => number;

export const UNMOVED: AssetFactor = () => 1;

/**
 * A health within this fraction of the pool's size (max of 1, |equity|, MM) counts as zero: a
 * price solved as a liquidation price must liquidate despite rounding.
 */
export const HEALTH_TOLERANCE = 1e-9;

export interface PoolValuation {
  /** Settlement asset. */
  readonly equity: number;
  readonly maintenance: number;
  /** equity − maintenance. */
  readonly health: number;
  /** health <= HEALTH_TOLERANCE × max(1, |equity|, maintenance). */
  readonly liquidatable: boolean;
  /** Liquidation fee on every member's notional at its price (what a liquidation would charge). */
  readonly liquidationFee: number;
}

/** Prices from per-asset factors: member price = mark × factor(base asset). */
export function pricesFromFactors(factor: AssetFactor): PriceOf {
  return (m: PoolMember) => m.position.markPrice * factor(m.position.baseAsset);
}

/** Value `pool` with member prices `priceOf` and collateral scaled by `collateralFactor`. */
export function poolValuationAt(pool: Pool, priceOf: PriceOf, collateralFactor: AssetFactor): PoolValuation {
  let equity = pool.cashCollateral;
  for (const c of pool.assetCollateral) equity += c.amount * c.priceSettlement * collateralFactor(c.asset) * (1 - c.haircut);
  let maintenance = 0;
  let liquidationFee = 0;
  for (const m of pool.members) {
    const price = priceOf(m);
    equity += unrealizedPnlSettlement(m.position, price);
    maintenance += maintenanceMarginSettlement(m.position, m.schedule, price);
    liquidationFee += m.schedule.liquidationFeeRate * notionalSettlement(m.position, price);
  }
  const health = equity - maintenance;
  const liquidatable = health <= HEALTH_TOLERANCE * Math.max(1, Math.abs(equity), maintenance);
  return { equity, maintenance, health, liquidatable, liquidationFee };
}

/** Value `pool` with every member's price and collateral moved by per-asset factors. */
export function poolValuationAtFactors(pool: Pool, factor: AssetFactor): PoolValuation {
  return poolValuationAt(pool, pricesFromFactors(factor), factor);
}
