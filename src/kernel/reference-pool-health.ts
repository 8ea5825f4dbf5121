// A pool as the readable reference (reference-path.ts) changes it along a path, and its health
// and gradient at given prices, computed on objects with the margin/ functions (pool equity and
// maintenance from pool-health.ts, brackets and notionals from position-risk.ts).

import type { Position } from '../domain/position.js';
import { sideSign } from '../domain/position.js';
import type { AssetCollateral, Pool, PoolMember } from '../margin/pool.js';
import { poolEquity, poolMaintenance } from '../margin/pool-health.js';
import { bracketIndex, notionalSettlement } from '../margin/position-risk.js';

/** A pool member as the path changes it. */
export interface LiveMember {
  readonly position: Position;
  readonly schedule: PoolMember['schedule'];
  /** Current size (base units or contracts), shrinking with partial liquidations. */
  size: number;
  realized: number;
  liquidationStep: number;
  pnlAtLiquidation: number;
  badDebt: number;
}

/** A pool as the path changes it: its members, cash, liveness, thresholds and monitoring state. */
export interface LivePool {
  readonly pool: Pool;
  readonly members: LiveMember[];
  readonly eventKey: number;
  cash: number;
  collateralHeld: boolean;
  alive: boolean;
  badDebt: number;
  liquidationStep: number;
  events: number;
  /** The one asset the pool depends on (barrier pool), or null (gradient pool). */
  readonly barrierAsset: string | null;
  low: number;
  high: number;
  survivalLow: number;
  survivalHigh: number;
  thresholdLow: number;
  thresholdHigh: number;
  healthPrev: number;
  gradientPrev: number[];
}

/** Prices of the path at one point: asset name → price factor (mark multiplier). */
export type Factors = ReadonlyMap<string, number>;

/** Price factors e^x of `assets` at their cumulative log returns `logs`. */
export function factorsAt(assets: readonly string[], logs: readonly number[]): Map<string, number> {
  return new Map(assets.map((a, i) => [a, Math.exp(logs[i]!)]));
}

/** The pool as it stands, with prices of moving collateral scaled to `factors`. */
export function poolNow(live: LivePool, factors: Factors): Pool {
  const collateral: AssetCollateral[] = live.collateralHeld
    ? live.pool.assetCollateral.map((c) => ({ ...c, priceSettlement: c.priceSettlement * (factors.get(c.asset) ?? 1) }))
    : [];
  const members = live.members.filter((m) => m.size > 0).map((m) => ({ position: { ...m.position, size: m.size }, schedule: m.schedule }));
  return { ...live.pool, cashCollateral: live.cash, assetCollateral: collateral, members };
}

export function priceOf(factors: Factors): (m: PoolMember) => number {
  return (m) => m.position.markPrice * factors.get(m.position.baseAsset)!;
}

export function healthAt(live: LivePool, factors: Factors): { health: number; equity: number; maintenance: number } {
  const pool = poolNow(live, factors);
  const equity = poolEquity(pool, priceOf(factors));
  const maintenance = poolMaintenance(pool, priceOf(factors));
  return { health: equity - maintenance, equity, maintenance };
}

/** ∂h/∂ln(S_a) for every asset, from the derivatives of PnL and maintenance (see pool-health-kernel.ts). */
export function gradientAt(live: LivePool, factors: Factors, assets: readonly string[]): number[] {
  const g = assets.map(() => 0);
  if (live.collateralHeld) {
    for (const c of live.pool.assetCollateral) {
      const a = assets.indexOf(c.asset);
      if (a >= 0) g[a]! += c.amount * c.priceSettlement * (1 - c.haircut) * factors.get(c.asset)!;
    }
  }
  for (const m of live.members) {
    if (m.size <= 0) continue;
    const p = { ...m.position, size: m.size };
    const price = p.markPrice * factors.get(p.baseAsset)!;
    const a = assets.indexOf(p.baseAsset);
    const s = m.schedule;
    const q = p.size * p.contractSize;
    const sign = sideSign(p.side);
    const notional = notionalSettlement(p, s.notionalBasis === 'entry' ? p.entryPrice : price);
    const b = s.bracketsOn === 'notional' ? bracketIndex(s.floors, notional) : 0;
    const slope = s.notionalBasis === 'entry' ? 0 : (notional * s.rates[b]! - s.amounts[b]! > 0 ? s.rates[b]! : 0) + s.feeReserveRate;
    if (p.instrument === 'linear') g[a]! += sign * q * price - slope * notional;
    else g[a]! += (sign * q) / price + slope * notional;
  }
  return g;
}
