// One liquidation round at the state's realised prices (cascade.md, rules 2–4): the pools whose
// health is <= 0 are liquidated together; their orders are netted per symbol and executed as one
// market order each, moving the price by the linear log impact and filling every order at the
// mean price along the move. The round's shortfall, Σ max(0, −(equity after the fill)) over its
// pools, is paid by the fund if it can; otherwise the whole round goes to ADL instead (no impact,
// fund untouched). Fees that go to the fund are added to it (src/cascade/venue-cascade-rules.ts).

import type { AdlBook } from './adl-ranking.js';
import type { CascadeMarket } from './cascade-market.js';
import { MAX_ROUNDS_PER_STEP, type CascadeState } from './cascade-state.js';
import type { MarketLadder } from './market-ladder.js';
import { logImpact, meanFillPrice } from './price-impact.js';
import { FEE_TO_VENUE, liquidationFee } from './venue-cascade-rules.js';

/** Scratch buffers of the round, allocated once per market. */
export class RoundBuffers {
  readonly pools: Int32Array;
  readonly units: Float64Array;
  readonly notional: Float64Array;
  readonly impact: Float64Array;
  readonly fill: Float64Array;
  readonly after: Float64Array;

  constructor(market: CascadeMarket) {
    const nS = market.symbols.length;
    this.pools = new Int32Array(market.poolCount);
    this.units = new Float64Array(nS);
    this.notional = new Float64Array(nS);
    this.impact = new Float64Array(nS);
    this.fill = new Float64Array(nS);
    this.after = new Float64Array(market.poolCount);
  }
}

/**
 * Runs round `round` of `step`: returns the number of pools it liquidated (0: the step is over).
 */
export function liquidationRound(
  market: CascadeMarket,
  state: CascadeState,
  ladder: MarketLadder,
  adl: AdlBook,
  buffers: RoundBuffers,
  step: number,
  round: number,
): number {
  const pools = buffers.pools;
  const count = ladder.collect(state, pools, 0);
  if (count === 0) return 0;
  const nS = market.symbols.length;
  const { units, notional, impact, fill, after } = buffers;
  units.fill(0);
  notional.fill(0);
  for (let n = 0; n < count; n++) {
    const i = pools[n]!;
    for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
      const q = state.size[j]!;
      if (q === 0) continue;
      const s = market.positionSymbol[j]!;
      units[s]! -= market.positionSign[j]! * q;
      notional[s]! += q * state.price[s]!;
    }
  }
  for (let s = 0; s < nS; s++) {
    if (notional[s]! > 0) {
      state.liquidatedNotional[s]! += notional[s]!;
      state.roundNotional[s * MAX_ROUNDS_PER_STEP + round]! += notional[s]!;
      state.symbolRounds[s]!++;
    }
    impact[s] = logImpact(units[s]!, state.price[s]!, market.bidDepth1pct[s]!, market.askDepth1pct[s]!);
    fill[s] = meanFillPrice(state.price[s]!, impact[s]!);
  }
  let shortfall = 0;
  for (let n = 0; n < count; n++) {
    const i = pools[n]!;
    let equity = state.cash[i]!;
    for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
      equity += market.positionSign[j]! * state.size[j]! * (fill[market.positionSymbol[j]!]! - market.positionEntry[j]!);
    }
    after[n] = equity;
    if (equity < 0) shortfall -= equity;
  }
  if (shortfall > state.fund) {
    state.fundExhausted = true;
    adl.deleverage(state, ladder, pools, count, step);
  } else {
    state.fund -= shortfall;
    state.fundPaid += shortfall;
    for (let n = 0; n < count; n++) closeAtFill(market, state, pools[n]!, after[n]!, fill, step);
    for (let s = 0; s < nS; s++) {
      if (units[s] === 0) continue;
      state.outsidePosition[s]! -= units[s]!;
      state.outsideCash += units[s]! * fill[s]!;
      state.impactLog[s]! += impact[s]!;
      state.updatePrice(s);
    }
    if (state.fund < state.fundMinimum) state.fundMinimum = state.fund;
  }
  for (let n = 0; n < count; n++) state.inRound[pools[n]!] = 0;
  return count;
}

/** Close pool i at the round's fills: shortfall to the fund (already paid), fees, cash left. */
function closeAtFill(market: CascadeMarket, state: CascadeState, i: number, equityAfter: number, fill: Float64Array, step: number): void {
  let remaining = equityAfter > 0 ? equityAfter : 0;
  if (equityAfter < 0) state.poolBadDebt[i]! -= equityAfter;
  for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
    const q = state.size[j]!;
    if (q === 0) continue;
    const fee = liquidationFee(market.positionFeeRule[j]! as 0 | 1 | 2, market.positionFeeRate[j]!, q * fill[market.positionSymbol[j]!]!, remaining);
    remaining -= fee;
    if (market.positionFeeRule[j] === FEE_TO_VENUE) state.feesToVenue += fee;
    else {
      state.fund += fee;
      state.fundReceived += fee;
    }
    state.size[j] = 0;
  }
  state.cash[i] = remaining;
  state.alive[i] = 0;
  state.poolClosedBy[i] = 1;
  if (state.poolLiquidationStep[i]! < 0) state.poolLiquidationStep[i] = step;
}
