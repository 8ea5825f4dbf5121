// Conservation (cascade.md, rule 6): perpetuals are zero-sum. On every path
//   Σ accounts (value_end − value_start) + (fund_end − fund_start) + outside PnL + fees to venue = 0
// where an account's value is its pools' cash plus unrealised PnL at the realised prices, and the
// outside liquidity is whoever holds the other side of the market's net open interest at the start
// plus every liquidation order it took, marked at the final prices:
//   outside PnL = outsideCash + Σ_s outsidePosition_s x p_s − Σ_s outsidePosition0_s x p0_s.

import type { CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';

export interface ConservationLedger {
  readonly accounts: number;
  readonly fund: number;
  readonly outside: number;
  readonly feesToVenue: number;
  /** accounts + fund + outside + feesToVenue: 0 to rounding. */
  readonly residual: number;
  /** Gross flows the residual is compared with (for a relative tolerance). */
  readonly scale: number;
}

/** Value of every pool (cash + unrealised PnL), at the state's prices or, with `start`, at the marks. */
export function poolValues(market: CascadeMarket, state: CascadeState | null, out: Float64Array): Float64Array {
  for (let i = 0; i < market.poolCount; i++) {
    let value = state === null ? market.poolCash[i]! : state.cash[i]!;
    for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
      const s = market.positionSymbol[j]!;
      const size = state === null ? market.positionSize[j]! : state.size[j]!;
      const p = state === null ? market.startPrice[s]! : state.price[s]!;
      value += market.positionSign[j]! * size * (p - market.positionEntry[j]!);
    }
    out[i] = value;
  }
  return out;
}

export function conservationLedger(market: CascadeMarket, state: CascadeState): ConservationLedger {
  const start = poolValues(market, null, new Float64Array(market.poolCount));
  const end = poolValues(market, state, new Float64Array(market.poolCount));
  let accounts = 0;
  let scale = 0;
  for (let i = 0; i < market.poolCount; i++) {
    accounts += end[i]! - start[i]!;
    scale += Math.abs(end[i]!) + Math.abs(start[i]!);
  }
  let outside = state.outsideCash;
  for (let s = 0; s < market.symbols.length; s++) {
    let position0 = 0;
    for (let j = 0; j < market.positionCount; j++) if (market.positionSymbol[j] === s) position0 -= market.positionSign[j]! * market.positionSize[j]!;
    outside += state.outsidePosition[s]! * state.price[s]! - position0 * market.startPrice[s]!;
    scale += Math.abs(state.outsidePosition[s]! * state.price[s]!) + Math.abs(position0 * market.startPrice[s]!);
  }
  const fund = state.fund - state.fundStart;
  scale += Math.abs(state.outsideCash) + state.fundPaid + state.fundReceived;
  return { accounts, fund, outside, feesToVenue: state.feesToVenue, residual: accounts + fund + outside + state.feesToVenue, scale };
}
