// The risk factors of a pool: the base assets its equity moves with, largest first by absolute
// net notional in the quote currency at the marks. Collateral held in a base asset (BTC in a
// USDT pool) counts as a long of that asset.
//   net notional(asset) = Σ_members on asset side · size · contractSize · (mark for linear, 1 for
//                         inverse, whose contracts are quote-valued) + Σ_collateral value after haircut

import { sideSign } from '../domain/position.js';
import type { Pool } from '../margin/pool.js';

export interface RiskFactor {
  readonly asset: string;
  /** Symbols of the pool's positions on this asset, sorted. */
  readonly symbols: readonly string[];
  /** Signed net notional in quote at the marks (positive = long the asset). */
  readonly netNotionalQuote: number;
}

/** The pool's risk factors, largest absolute net notional first (ties by asset name). */
export function riskFactors(pool: Pool): RiskFactor[] {
  const net = new Map<string, number>();
  const symbols = new Map<string, Set<string>>();
  for (const { position: p } of pool.members) {
    const quantity = p.size * p.contractSize;
    const notional = sideSign(p.side) * (p.instrument === 'linear' ? quantity * p.markPrice : quantity);
    net.set(p.baseAsset, (net.get(p.baseAsset) ?? 0) + notional);
    const set = symbols.get(p.baseAsset) ?? new Set<string>();
    set.add(p.symbol);
    symbols.set(p.baseAsset, set);
  }
  for (const c of pool.assetCollateral) {
    if (c.asset === pool.asset) continue;
    net.set(c.asset, (net.get(c.asset) ?? 0) + c.amount * c.priceSettlement * (1 - c.haircut));
  }
  return [...net.entries()]
    .map(([asset, value]) => ({ asset, symbols: [...(symbols.get(asset) ?? [])].sort(), netNotionalQuote: value }))
    .sort((a, b) => Math.abs(b.netNotionalQuote) - Math.abs(a.netNotionalQuote) || (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
}
