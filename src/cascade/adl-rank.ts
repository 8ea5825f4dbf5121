// The ADL ranking score of one profitable position (cascade.md rule 5, or its venue's own rule,
// src/cascade/venue-cascade-rules.ts); higher ranks are deleveraged first. With the pool's equity
// E, cash C and gross notional T at the state's prices, the position's shares by notional N are
// margin m = E x N / T and wallet w = C x N / T:
//   contract     (pnl / m) x (N / m)                         (Infinity when m <= 0)
//   binance      max(0, pnl) / max(1, w) x MM_j / m          (margin ratio 0 when m <= 0)
//   hyperliquid  (price / entry) x (N / m)                   (Infinity when m <= 0)

import { positionMaintenance, type CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import { poolEquity } from './pool-health.js';
import { ADL_BINANCE, ADL_HYPERLIQUID } from './venue-cascade-rules.js';

/** Gross notional of pool i at the state's prices. */
function poolNotional(market: CascadeMarket, state: CascadeState, i: number): number {
  let total = 0;
  for (let t = market.poolStart[i]!; t < market.poolStart[i + 1]!; t++) total += state.size[t]! * state.price[market.positionSymbol[t]!]!;
  return total;
}

/** Ranking score of position j (in profit: pnl > 0) at the state's prices. */
export function adlRank(market: CascadeMarket, state: CascadeState, j: number, pnl: number): number {
  const i = market.positionPool[j]!;
  const s = market.positionSymbol[j]!;
  const p = state.price[s]!;
  const q = state.size[j]!;
  const notional = q * p;
  const total = poolNotional(market, state, i);
  const share = (poolEquity(market, state, i) * notional) / total;
  switch (market.positionAdlRule[j]) {
    case ADL_BINANCE: {
      const wallet = (state.cash[i]! * notional) / total;
      const marginRatio = share > 0 ? positionMaintenance(market, j, q, p) / share : 0;
      return (Math.max(0, pnl) / Math.max(1, wallet)) * marginRatio;
    }
    case ADL_HYPERLIQUID:
      return share > 0 ? (p / market.positionEntry[j]!) * (notional / share) : Infinity;
    default:
      return share > 0 ? (pnl / share) * (notional / share) : Infinity;
  }
}
