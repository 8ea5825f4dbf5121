// What a liquidation round closes of one pool, by its venues' partial-liquidation rule (the
// kernel's, src/kernel/liquidation-slice.ts, applied once per round):
//   slice     each open member sells fraction φ of what it holds (Hyperliquid 0.2); the pool stays
//             open and goes back on the ladder at its new trigger. Its slice's PnL at the round's
//             fill is realised into the pool's cash, less the liquidation fee (capped by the equity
//             left after the fill, as for a whole close).
//   whole     φ = 1 (every venue but Hyperliquid), the MAX_SLICES-th slice, or a dust remainder:
//             every member is closed, as cascade.md rule 2 says.
//   backstop  equity < backstopFraction × maintenance at the round's prices (Hyperliquid: 2/3):
//             the whole pool is closed, and the equity left after the fill and the fee is forfeited
//             to the venue (its backstop vault), as the kernel's backstop does: the user keeps nothing.

import { backstopTakesPool, MAX_SLICES, sliceRemaining } from '../kernel/liquidation-slice.js';
import { positionMaintenance, type CascadeMarket } from './cascade-market.js';
import type { CascadeState } from './cascade-state.js';
import { FEE_TO_VENUE, liquidationFee } from './venue-cascade-rules.js';

export const CLOSE_SLICE = 0;
export const CLOSE_WHOLE = 1;
export const CLOSE_BACKSTOP = 2;

/**
 * The units each member of pool i closes this round, into `closing` (by position); returns
 * CLOSE_SLICE, CLOSE_WHOLE or CLOSE_BACKSTOP (see the file header).
 */
export function planClose(market: CascadeMarket, state: CascadeState, i: number, closing: Float64Array): number {
  const start = market.poolStart[i]!;
  const end = market.poolStart[i + 1]!;
  let equity = state.cash[i]!;
  let maintenance = 0;
  let backstop = 0;
  for (let j = start; j < end; j++) {
    const q = state.size[j]!;
    if (q === 0) continue;
    const p = state.price[market.positionSymbol[j]!]!;
    equity += market.positionSign[j]! * q * (p - market.positionEntry[j]!);
    maintenance += positionMaintenance(market, j, q, p);
    if (market.positionBackstopFraction[j]! > backstop) backstop = market.positionBackstopFraction[j]!;
  }
  const taken = backstopTakesPool(equity, maintenance, backstop);
  const last = taken || state.poolSlices[i]! >= MAX_SLICES - 1;
  let open = false;
  for (let j = start; j < end; j++) {
    const q = state.size[j]!;
    if (q === 0) {
      closing[j] = 0;
      continue;
    }
    const remaining = sliceRemaining(q, market.positionSize[j]!, market.positionPartialFraction[j]!, last);
    closing[j] = remaining === 0 ? q : q - remaining;
    if (remaining > 0) open = true;
  }
  return taken ? CLOSE_BACKSTOP : open ? CLOSE_SLICE : CLOSE_WHOLE;
}

/** The fee on closing `units` of position j at `fill`, out of `available`, paid where its venue sends it. */
function payFee(market: CascadeMarket, state: CascadeState, j: number, units: number, fill: number, available: number): number {
  const fee = liquidationFee(market.positionFeeRule[j]! as 0 | 1 | 2, market.positionFeeRate[j]!, units * fill, available);
  if (market.positionFeeRule[j] === FEE_TO_VENUE) state.feesToVenue += fee;
  else {
    state.fund += fee;
    state.fundReceived += fee;
  }
  return fee;
}

/**
 * Sell pool i's slice (`closing`) at the round's fills; `equityAfter` is the pool's equity with
 * every member marked at the fill. The pool stays open (the caller puts it back on the ladder).
 */
export function sliceAtFill(market: CascadeMarket, state: CascadeState, i: number, equityAfter: number, fill: Float64Array, closing: Float64Array, step: number): void {
  let available = equityAfter > 0 ? equityAfter : 0;
  for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
    const c = closing[j]!;
    if (c === 0) continue;
    const f = fill[market.positionSymbol[j]!]!;
    const fee = payFee(market, state, j, c, f, available);
    available -= fee;
    state.cash[i]! += market.positionSign[j]! * c * (f - market.positionEntry[j]!) - fee;
    state.size[j]! -= c;
  }
  state.poolSlices[i]!++;
  if (state.poolLiquidationStep[i]! < 0) state.poolLiquidationStep[i] = step;
}

/**
 * Close pool i whole at the round's fills: shortfall to the fund (already paid), fees, then the
 * cash left stays with the account, or goes to the venue when the backstop took the pool.
 */
export function closeAtFill(market: CascadeMarket, state: CascadeState, i: number, equityAfter: number, fill: Float64Array, step: number, backstop: boolean): void {
  let remaining = equityAfter > 0 ? equityAfter : 0;
  if (equityAfter < 0) state.poolBadDebt[i]! -= equityAfter;
  for (let j = market.poolStart[i]!; j < market.poolStart[i + 1]!; j++) {
    const q = state.size[j]!;
    if (q === 0) continue;
    remaining -= payFee(market, state, j, q, fill[market.positionSymbol[j]!]!, remaining);
    state.size[j] = 0;
  }
  if (backstop) {
    state.feesToVenue += remaining;
    remaining = 0;
  }
  state.cash[i] = remaining;
  state.alive[i] = 0;
  state.poolClosedBy[i] = 1;
  if (state.poolLiquidationStep[i]! < 0) state.poolLiquidationStep[i] = step;
}
