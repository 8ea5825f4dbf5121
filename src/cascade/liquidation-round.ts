// One liquidation round at the state's realised prices (cascade.md, rules 2–4): the pools whose
// health is <= 0 are liquidated together; their orders are netted per symbol and executed as one
// market order each, moving the price by the linear log impact and filling every order at the
// mean price along the move. The round's shortfall, Σ max(0, −(equity after the fill)) over its
// pools, is paid by the fund if it can; otherwise the whole round goes to ADL instead (no impact,
// fund untouched). Fees that go to the fund are added to it (src/cascade/venue-cascade-rules.ts).
// A pool of a venue that liquidates partially (Hyperliquid) sells only its slice and goes back on
// the ladder at its new trigger, unless its backstop takes it whole (pool-slice.ts); only pools
// closed whole have a shortfall. A round sent to ADL closes every one of its pools whole.

import type { AdlBook } from './adl-ranking.js';
import { POOL_CHECKED, type CascadeMarket } from './cascade-market.js';
import { MAX_ROUNDS_PER_STEP, type CascadeState } from './cascade-state.js';
import type { MarketLadder } from './market-ladder.js';
import { CLOSE_BACKSTOP, CLOSE_SLICE, closeAtFill, planClose, sliceAtFill } from './pool-slice.js';
import { logImpact, meanFillPrice } from './price-impact.js';

/** Scratch buffers of the round, allocated once per market. */
export class RoundBuffers {
  readonly pools: Int32Array;
  readonly units: Float64Array;
  readonly notional: Float64Array;
  readonly impact: Float64Array;
  readonly fill: Float64Array;
  readonly after: Float64Array;
  /** How each pool of the round is closed (pool-slice.ts), and the units each position closes. */
  readonly close: Uint8Array;
  readonly closing: Float64Array;

  constructor(market: CascadeMarket) {
    const nS = market.symbols.length;
    this.pools = new Int32Array(market.poolCount);
    this.units = new Float64Array(nS);
    this.notional = new Float64Array(nS);
    this.impact = new Float64Array(nS);
    this.fill = new Float64Array(nS);
    this.after = new Float64Array(market.poolCount);
    this.close = new Uint8Array(market.poolCount);
    this.closing = new Float64Array(market.positionCount);
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
  const { units, notional, impact, fill, after, close, closing } = buffers;
  units.fill(0);
  notional.fill(0);
  for (let n = 0; n < count; n++) {
    const i = pools[n]!;
    close[n] = planClose(market, state, i, closing);
    for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
      const q = closing[j]!;
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
    if (equity < 0 && close[n] !== CLOSE_SLICE) shortfall -= equity;
  }
  if (shortfall > state.fund) {
    state.fundExhausted = true;
    adl.deleverage(state, ladder, pools, count, step);
  } else {
    state.fund -= shortfall;
    state.fundPaid += shortfall;
    for (let n = 0; n < count; n++) {
      if (close[n] === CLOSE_SLICE) sliceAtFill(market, state, pools[n]!, after[n]!, fill, closing, step);
      else closeAtFill(market, state, pools[n]!, after[n]!, fill, step, close[n] === CLOSE_BACKSTOP);
    }
    for (let s = 0; s < nS; s++) {
      if (units[s] === 0) continue;
      state.outsidePosition[s]! -= units[s]!;
      state.outsideCash += units[s]! * fill[s]!;
      state.impactLog[s]! += impact[s]!;
      state.updatePrice(s);
    }
    if (state.fund < state.fundMinimum) state.fundMinimum = state.fund;
  }
  for (let n = 0; n < count; n++) {
    const i = pools[n]!;
    state.inRound[i] = 0;
    if (state.alive[i] === 1) replace(market, state, ladder, i);
  }
  return count;
}

/** A pool that sold a slice back on the ladder at its new trigger (or re-checked, if not a ladder pool). */
function replace(market: CascadeMarket, state: CascadeState, ladder: MarketLadder, i: number): void {
  if (market.poolKind[i] === POOL_CHECKED) ladder.touch(state, i);
  else ladder.place(state, i);
}
