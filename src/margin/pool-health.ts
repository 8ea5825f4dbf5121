// Reference pool arithmetic at given prices: equity (collateral + unrealised PnL) and the
// maintenance requirement. A pool is liquidatable when equity <= maintenance margin.

import type { Pool, PoolMember } from './pool.js';
import { maintenanceMarginSettlement, unrealizedPnlSettlement } from './position-risk.js';

/** Price of each member's symbol; default: the member's own mark. */
export type PriceOf = (member: PoolMember) => number;

const atMarks: PriceOf = (member) => member.position.markPrice;

/** Value of the pool's non-settlement collateral, after haircuts, at current prices. */
function assetCollateralValue(pool: Pool): number {
  let value = 0;
  for (const c of pool.assetCollateral) value += c.amount * c.priceSettlement * (1 - c.haircut);
  return value;
}

/** Collateral (cash + haircut asset collateral) before unrealised PnL, settlement asset. */
export function poolCollateral(pool: Pool): number {
  return pool.cashCollateral + assetCollateralValue(pool);
}

/** Pool equity = collateral + Σ unrealised PnL, settlement asset. */
export function poolEquity(pool: Pool, priceOf: PriceOf = atMarks): number {
  let equity = poolCollateral(pool);
  for (const m of pool.members) equity += unrealizedPnlSettlement(m.position, priceOf(m));
  return equity;
}

/** Σ maintenance margin of the pool's members, settlement asset. */
export function poolMaintenance(pool: Pool, priceOf: PriceOf = atMarks): number {
  let mm = 0;
  for (const m of pool.members) mm += maintenanceMarginSettlement(m.position, m.schedule, priceOf(m));
  return mm;
}
