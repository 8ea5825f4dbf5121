// A pool's equity and maintenance margin at the state's current prices (linear contracts):
//   equity = cash + Σ side x size x (price − entry)
//   health = equity − Σ MM_j(price)          liquidatable when health <= 0
// and the same for a single-symbol pool at a trial price (used to place it on the ladder).

import { positionMaintenance, type CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';

/** Equity of pool i at the state's prices. */
export function poolEquity(market: CascadeMarket, state: CascadeState, i: number): number {
  let equity = state.cash[i]!;
  for (let j = market.poolStart[i]!, end = market.poolStart[i + 1]!; j < end; j++) {
    equity += market.positionSign[j]! * state.size[j]! * (state.price[market.positionSymbol[j]!]! - market.positionEntry[j]!);
  }
  return equity;
}

/** Health (equity − maintenance) of pool i at the state's prices. */
export function poolHealth(market: CascadeMarket, state: CascadeState, i: number): number {
  let health = state.cash[i]!;
  for (let j = market.poolStart[i]!, end = market.poolStart[i + 1]!; j < end; j++) {
    const size = state.size[j]!;
    const p = state.price[market.positionSymbol[j]!]!;
    health += market.positionSign[j]! * size * (p - market.positionEntry[j]!) - positionMaintenance(market, j, size, p);
  }
  return health;
}

/** Health of single-symbol pool i if its symbol traded at `price`. */
export function poolHealthAtPrice(market: CascadeMarket, state: CascadeState, i: number, price: number): number {
  let health = state.cash[i]!;
  for (let j = market.poolStart[i]!, end = market.poolStart[i + 1]!; j < end; j++) {
    const size = state.size[j]!;
    health += market.positionSign[j]! * size * (price - market.positionEntry[j]!) - positionMaintenance(market, j, size, price);
  }
  return health;
}
