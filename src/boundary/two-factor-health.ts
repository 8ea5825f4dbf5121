// A pool's health as a function of two risk factors, every other price held:
//   h(fA, fB) = C + Σ_{m on A} [pnl_m(mark_m fA) − MM_m(mark_m fA)] + V_A fA
//                 + Σ_{m on B} [pnl_m(mark_m fB) − MM_m(mark_m fB)] + V_B fB
// where C is the cash, the collateral in other assets and the health of the members on other
// assets at their marks, and V_A, V_B the collateral held in A and B (after haircuts). The
// constant part is computed once, so the grid and the path estimator evaluate only the moving
// members (the same arithmetic as `poolValuationAt`, whose health it equals).

import type { Pool, PoolMember } from '../margin/pool.js';
import { maintenanceMarginSettlement, unrealizedPnlSettlement } from '../margin/position-risk.js';
import { HEALTH_TOLERANCE } from '../margin/pool-valuation.js';

export interface TwoFactorHealth {
  readonly firstAsset: string;
  readonly secondAsset: string;
  /** Health (settlement asset) with the first factor's prices × fA, the second's × fB. */
  health(fA: number, fB: number): number;
  /** health(fA, fB) <= HEALTH_TOLERANCE × the pool's size. */
  liquidatable(fA: number, fB: number): boolean;
  /**
   * A pool where only the second factor moves, at first-factor price factor fA: the members on
   * the second asset and its collateral, with everything else folded into cash. Feed it to
   * `healthRoots(…, { symbol: null, collateralAsset: secondAsset })` to solve along fB exactly.
   */
  alongSecond(fA: number): Pool;
}

function memberHealth(members: readonly PoolMember[], factor: number): number {
  let h = 0;
  for (const { position: p, schedule } of members) {
    const price = p.markPrice * factor;
    h += unrealizedPnlSettlement(p, price) - maintenanceMarginSettlement(p, schedule, price);
  }
  return h;
}

/** Compile `pool`'s health along the two factors `firstAsset` and `secondAsset` (distinct). */
export function twoFactorHealth(pool: Pool, firstAsset: string, secondAsset: string): TwoFactorHealth {
  if (firstAsset === secondAsset) throw new Error(`twoFactorHealth: the two factors must differ (both ${firstAsset})`);
  const onFirst = pool.members.filter((m) => m.position.baseAsset === firstAsset);
  const onSecond = pool.members.filter((m) => m.position.baseAsset === secondAsset);
  const others = pool.members.filter((m) => m.position.baseAsset !== firstAsset && m.position.baseAsset !== secondAsset);
  let constant = pool.cashCollateral + memberHealth(others, 1);
  let valueFirst = 0;
  let valueSecond = 0;
  for (const c of pool.assetCollateral) {
    const value = c.amount * c.priceSettlement * (1 - c.haircut);
    if (c.asset === firstAsset) valueFirst += value;
    else if (c.asset === secondAsset) valueSecond += value;
    else constant += value;
  }
  const scale = Math.max(1, Math.abs(constant), Math.abs(valueFirst), Math.abs(valueSecond));
  const health = (fA: number, fB: number): number =>
    constant + valueFirst * fA + valueSecond * fB + memberHealth(onFirst, fA) + memberHealth(onSecond, fB);
  return {
    firstAsset,
    secondAsset,
    health,
    liquidatable: (fA, fB) => health(fA, fB) <= HEALTH_TOLERANCE * scale,
    alongSecond: (fA) => ({
      ...pool,
      poolId: `${pool.poolId}/along-${secondAsset}`,
      cashCollateral: constant + valueFirst * fA + memberHealth(onFirst, fA),
      assetCollateral: pool.assetCollateral.filter((c) => c.asset === secondAsset),
      members: onSecond,
    }),
  };
}
